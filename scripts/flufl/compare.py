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
import json
import re
import sys
import tomllib


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


def ours_by_file(path):
    """Per file, the kind, the mail system and the recipients reported failed or delayed."""
    found = {}
    for line in open(path, encoding="utf-8"):
        message = json.loads(line)
        name = re.sub(r"#\d+$", "", message["file"]).rsplit("/", 1)[-1]
        bounced = set()
        if message["kind"] in ("dsn", "text"):
            bounced = {
                (r["recipient"].lower(), r["action"])
                for r in message["recipients"]
                if r["action"] in ("failed", "delayed")
            }
        previous = found.get(name)
        if previous:
            # An mbox-style file holds more than one message: the bounces of all count.
            bounced |= previous["bounced"]
        found[name] = {
            "kind": message["kind"],
            "system": message["mail_system"],
            "bounced": bounced,
            "recipients": {r["recipient"].lower(): r for r in message["recipients"]},
        }
    return found


def sisimai_by_file(path):
    found = collections.defaultdict(dict)
    # Sisimai prints the diagnostic's bytes as they are: not always UTF-8.
    for line in open(path, encoding="latin-1"):
        each = json.loads(line)
        name = each["file"]
        found.setdefault(name, {})
        if each["recipient"]:
            found[name][each["recipient"].lower()] = each
    return found


def render(pairs):
    return sorted(f"{address} {action}" for address, action in pairs)


def main():
    args = [a for a in sys.argv[1:] if a != "--table"]
    table = "--table" in sys.argv[1:]
    if len(args) != 4:
        sys.exit(__doc__)
    helpers, ours_path, sisimai_path, known_path = args
    wanted = expected_by_file(flufl_table(helpers))
    ours = ours_by_file(ours_path)
    sisimai = sisimai_by_file(sisimai_path)
    known = {k["name"]: k for k in tomllib.load(open(known_path, "rb")).get("file", [])}

    errors = []
    passed = set()
    for name in sorted(wanted):
        got = ours.get(name)
        if got is None:
            errors.append(f"{name}: smtp-codes printed nothing for it")
            continue
        mine = render(got["bounced"])
        if got["bounced"] == wanted[name]:
            passed.add(name)
            if name in known:
                errors.append(f"{name}: now agrees with flufl.bounce; remove it from {known_path}")
            continue
        entry = known.get(name)
        if entry is None:
            errors.append(
                f"{name}: we report {mine or 'no recipient'} ({got['kind']}), flufl.bounce "
                f"lists {render(wanted[name]) or 'none'}; fix it or explain it in {known_path}"
            )
        elif sorted(entry["ours"]) != mine:
            errors.append(
                f"{name}: {known_path} says we report {sorted(entry['ours'])}, we report {mine}"
            )
        elif not entry.get("why", "").strip():
            errors.append(f"{name}: its entry in {known_path} says nothing of why")
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

    # Status and reply code are compared where both give one: Sisimai infers a status from
    # its reason where the message gives none (5.2.1 for `suspend`); we report none.
    fields = {
        "status": (lambda o: o["status"], lambda s: s["deliverystatus"] or None),
        "reply code": (lambda o: o["reply_code"], lambda s: int(s["replycode"]) if s["replycode"] else None),
        "reason": (lambda o: o["reason"], lambda s: s["reason"]),
        "hard or soft": (
            lambda o: o["hard_bounce"],
            lambda s: s["softbounce"] == 0 if s["softbounce"] in (0, 1) else None,
        ),
    }
    both = []
    for name in sorted(wanted):
        for address, theirs in sisimai.get(name, {}).items():
            mine = ours.get(name, {}).get("recipients", {}).get(address)
            if mine is not None:
                both.append((mine, theirs))
    print(f"\nRecipients both smtp-codes and Sisimai found: {len(both)}\n")
    print("| field | agree | differ | only Sisimai gives one | only we give one |")
    print("|---|---:|---:|---:|---:|")
    for field, (ours_of, theirs_of) in fields.items():
        pairs = [(ours_of(o), theirs_of(s)) for o, s in both]
        agree = sum(a is not None and a == b for a, b in pairs)
        differ = sum(a is not None and b is not None and a != b for a, b in pairs)
        only_them = sum(a is None and b is not None for a, b in pairs)
        only_us = sum(a is not None and b is None for a, b in pairs)
        print(f"| {field} | {agree} | {differ} | {only_them} | {only_us} |")
    reasons = collections.Counter(
        (o["reason"], s["reason"]) for o, s in both if o["reason"] != s["reason"]
    )
    if reasons:
        print("\n| ours | Sisimai's | recipients |")
        print("|---|---|---:|")
        for (o, s), n in reasons.most_common():
            print(f"| `{o}` | `{s}` | {n} |")


if __name__ == "__main__":
    main()
