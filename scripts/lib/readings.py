"""What `smtp-codes --json bounce` and Sisimai (scripts/sisimai/bounces.pl) report for a set of
real bounce messages, read from their JSON Lines, and the table of where the two agree on the
recipients both found. scripts/flufl/compare.py and scripts/corpora/compare.py use it.
"""

import collections
import json
import re
import sys
import tomllib


def arguments(count, usage):
    """The `count` arguments of a compare script, and whether `--table` was given; exits with
    `usage` when the count is wrong."""
    args = [a for a in sys.argv[1:] if a != "--table"]
    if len(args) != count:
        sys.exit(usage)
    return args, "--table" in sys.argv[1:]


def load_known(path):
    """KNOWN_TOML's entries by file name."""
    return {k["name"]: k for k in tomllib.load(open(path, "rb")).get("file", [])}


def ours_by_file(path):
    """Per file name, the kind, the mail system, the recipients reported failed or delayed as
    (address, action), and every recipient's record by address (lower case)."""
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
    """Per file name, Sisimai's record of each recipient it found, by address (lower case)."""
    found = collections.defaultdict(dict)
    # Sisimai prints the diagnostic's bytes as they are: not always UTF-8.
    for line in open(path, encoding="latin-1"):
        each = json.loads(line)
        name = each["file"].rsplit("/", 1)[-1]
        found.setdefault(name, {})
        if each["recipient"]:
            found[name][each["recipient"].lower()] = each
    return found


# Status and reply code are compared where both give one: Sisimai infers a status from its
# reason where the message gives none (5.2.1 for `suspend`); we report none.
FIELDS = {
    "status": (lambda o: o["status"], lambda s: s["deliverystatus"] or None),
    "reply code": (
        lambda o: o["reply_code"],
        lambda s: int(s["replycode"]) if s["replycode"] else None,
    ),
    "reason": (lambda o: o["reason"], lambda s: s["reason"]),
    "hard or soft": (
        lambda o: o["hard_bounce"],
        lambda s: s["softbounce"] == 0 if s["softbounce"] in (0, 1) else None,
    ),
}


def print_agreement(names, ours, sisimai):
    """The Markdown tables of agreement with Sisimai on the recipients of `names` that both
    found: per field, then the reasons that differ."""
    both = []
    for name in sorted(names):
        for address, theirs in sisimai.get(name, {}).items():
            mine = ours.get(name, {}).get("recipients", {}).get(address)
            if mine is not None:
                both.append((mine, theirs))
    print(f"\nRecipients both smtp-codes and Sisimai found: {len(both)}\n")
    print("| field | agree | differ | only Sisimai gives one | only we give one |")
    print("|---|---:|---:|---:|---:|")
    for field, (ours_of, theirs_of) in FIELDS.items():
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


def render(pairs):
    return sorted(f"{address} {action}" for address, action in pairs)


def check_known(name, got, expected_text, known, known_path, errors):
    """Whether a file that does not agree with its record is explained in KNOWN_TOML as we
    read it; appends what is wrong to `errors`."""
    mine = render(got["bounced"])
    entry = known.get(name)
    if entry is None:
        errors.append(
            f"{name}: we report {mine or 'no recipient'} ({got['kind']}), {expected_text}; "
            f"fix it or explain it in {known_path}"
        )
    elif sorted(entry["ours"]) != mine:
        errors.append(
            f"{name}: {known_path} says we report {sorted(entry['ours'])}, we report {mine}"
        )
    elif not entry.get("why", "").strip():
        errors.append(f"{name}: its entry in {known_path} says nothing of why")
