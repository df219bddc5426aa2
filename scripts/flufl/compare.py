"""Compares `smtp-codes --json bounce` on flufl.bounce's test messages with flufl.bounce's own
record of who bounced in each, and with Sisimai's reading of them (scripts/flufl/check runs it).

usage: compare.py HELPERS_PY OURS_JSONL SISIMAI_JSONL KNOWN_TOML [--table]

HELPERS_PY is flufl.bounce's testing/helpers.py, whose DATA table lists, per detector and file,
the addresses that bounced and whether the message is only a warning (a delay). The table is
read as data (ast.literal_eval), never imported or run.

A file passes when the recipients we report as failed or delayed, with that action, are the
addresses flufl.bounce lists (any case), failed or, for a warning, delayed. A file that does not
pass must be in KNOWN_TOML, with what we report and why; an entry that no longer matches what
we report is an error too, so the file stays true. Exit 1 on any error.

With --table, prints the Markdown tables the README's "Reading bounce messages" section shows:
agreement with flufl.bounce by the format the messages come from, and agreement with Sisimai
on the recipients both found.
"""

import ast
import collections
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import readings  # noqa: E402


def flufl_table(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "DATA" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    sys.exit(f"compare.py: no DATA table in {path}")


def expected_by_file(rows):
    """Per file, the set of (address, action) that flufl.bounce's detectors find."""
    wanted = collections.defaultdict(set)
    for row in rows:
        _detector, name, addresses = row[:3]
        warning = len(row) > 3 and row[3]
        action = "delayed" if warning else "failed"
        wanted[name] |= {(a.decode("latin-1").lower(), action) for a in addresses}
    return wanted


def main():
    (helpers, ours_path, sisimai_path, known_path), table = readings.arguments(4, __doc__)
    wanted = expected_by_file(flufl_table(helpers))
    ours = readings.ours_by_file(ours_path)
    sisimai = readings.sisimai_by_file(sisimai_path)
    known = readings.load_known(known_path)

    errors = []
    passed = set()
    for name in sorted(wanted):
        got = ours.get(name)
        if got is None:
            errors.append(f"{name}: smtp-codes printed nothing for it")
            continue
        if got["bounced"] == wanted[name]:
            passed.add(name)
            if name in known:
                errors.append(f"{name}: now agrees with flufl.bounce; remove it from {known_path}")
            continue
        readings.check_known(
            name,
            got,
            f"flufl.bounce lists {readings.render(wanted[name]) or 'none'}",
            known,
            known_path,
            errors,
        )
    for name in sorted(set(known) - set(wanted)):
        errors.append(f"{name}: in {known_path} but not in flufl.bounce's table")

    print(
        f"flufl.bounce's {len(wanted)} messages: {len(passed)} read as it records, "
        f"{len(wanted) - len(passed)} explained in {known_path}"
    )
    if table:
        print_tables(wanted, ours, sisimai, passed)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)


def family(name):
    """The format a test file of flufl.bounce comes from, by its name."""
    return re.sub(r"_\d+\.txt$", "", name)


def print_tables(wanted, ours, sisimai, passed):
    print("\n| files | messages | recipients as flufl.bounce records |")
    print("|---|---:|---:|")
    by_family = collections.defaultdict(list)
    for name in wanted:
        by_family[family(name)].append(name)
    for fam in sorted(by_family):
        names = by_family[fam]
        good = sum(name in passed for name in names)
        print(f"| `{fam}_*` | {len(names)} | {good} |")
    print(f"| all | {len(wanted)} | {len(passed)} |")
    # The same for Sisimai, by address alone.
    sisimai_good = sum(
        set(sisimai.get(name, {})) == {address for address, _ in wanted[name]} for name in wanted
    )
    print(f"\nSisimai finds the addresses flufl.bounce records in {sisimai_good} of {len(wanted)}.")

    readings.print_agreement(wanted, ours, sisimai)


if __name__ == "__main__":
    main()
