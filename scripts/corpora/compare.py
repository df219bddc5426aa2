"""Compares `smtp-codes --json bounce` on the real bounces of another project's package with
what Sisimai finds in them (scripts/corpora/check runs it).

usage: compare.py SET OURS_JSONL SISIMAI_JSONL KNOWN_TOML NON_BOUNCES [--table]

NON_BOUNCES is a comma-separated list of the file names the package files as not bounces.
A bounce passes when the recipients we report failed or delayed are the addresses Sisimai
finds (any case); a non-bounce passes when we report no recipient failed or delayed. A file
that does not pass must be in KNOWN_TOML, with what we report and why; an entry that no longer
matches what we report is an error too. Exit 1 on any error.

With --table, prints the Markdown table of agreement with Sisimai on the recipients both found.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import readings  # noqa: E402


def main():
    (corpus, ours_path, sisimai_path, known_path, non_bounces), table = readings.arguments(5, __doc__)
    ours = readings.ours_by_file(ours_path)
    sisimai = readings.sisimai_by_file(sisimai_path)
    not_bounces = set(filter(None, non_bounces.split(",")))
    known = readings.load_known(known_path)

    errors = []
    passed = set()
    names = sorted(sisimai) if set(sisimai) >= set(ours) else sorted(set(sisimai) | set(ours))
    for name in names:
        got = ours.get(name)
        if got is None:
            errors.append(f"{name}: smtp-codes printed nothing for it")
            continue
        if name in not_bounces:
            wanted, record = set(), "the package files it as not a bounce"
        else:
            wanted = set(sisimai.get(name, {}))
            record = f"Sisimai finds {sorted(wanted) or 'no recipient'}"
        if {address for address, _ in got["bounced"]} == wanted:
            passed.add(name)
            if name in known:
                errors.append(f"{name}: now agrees; remove it from {known_path}")
            continue
        readings.check_known(name, got, record, known, known_path, errors)
    for name in sorted(set(known) - set(names)):
        errors.append(f"{name}: in {known_path} but not among the package's messages")

    print(
        f"{corpus}'s {len(names)} messages: {len(passed)} agree on who bounced "
        f"({len(names) - len(not_bounces)} bounces, by Sisimai; {len(not_bounces)} not bounces), "
        f"{len(names) - len(passed)} explained in {known_path}"
    )
    if table:
        readings.print_agreement([n for n in names if n not in not_bounces], ours, sisimai)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
