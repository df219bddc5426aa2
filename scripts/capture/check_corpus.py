#!/usr/bin/env python3
"""Check the captured SMTP corpus against Python's smtplib.

Every tests/corpus/<server>/<session>.bin holds the exact bytes a real server sent during one
session; the .json beside it lists the replies in it. This script splits each .bin into replies
again with smtplib's own reader and checks that offset, length, code and lines equal the .json,
that the replies cover the .bin exactly, and that the .json has the expected shape. Then it
checks tests/corpus/reasons.toml, the expected bounce reason of chosen replies: every entry names
an existing session and reply, that reply is a 4xx or 5xx, its stage is a known command and the
one that reply answered, and its reason is a token of smtp-codes/codes.toml's [[reason]] table.
Finally it checks the bounce messages in tests/corpus/bounces/<server>/*.eml against their
manifest, bounces/expected.toml (see check_bounces).

    scripts/capture/check_corpus.py            # check every server's files; exit 1 on a mismatch
    scripts/capture/check_corpus.py --codes    # also print a Markdown table of codes per server

Standard library only (Python 3.11+, for tomllib). capture.py imports derive_replies from here, so the capture and the check
split the bytes the same way.
"""

import argparse
import email
import email.policy
import email.utils
import io
import json
import re
import smtplib
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "tests" / "corpus"
DEFAULT_CODES = ROOT / "smtp-codes" / "codes.toml"
REASON_KEYS = {"server": str, "session": str, "reply": int, "stage": str, "reason": str, "why": str}
BOUNCES = "bounces"  # the folder of bounce messages; not a server's sessions
BOUNCE_KEYS = {"file": str, "server": str, "case": str, "kind": str, "recipient": list}
BOUNCE_OPTIONAL = {"problems": list}
RECIPIENT_KEYS = {"recipient": str, "reason": str, "why": str}
RECIPIENT_OPTIONAL = {"action": str, "status": str, "reply_code": int, "remote_mta": str}


def derive_replies(data):
    """Split `data` into replies as smtplib reads them.

    Returns a list of dicts with offset, length, code and lines (each line decoded as latin-1,
    so that every byte is one character). smtplib joins a reply's lines with b"\\n" and a line
    never contains b"\\n" (readline ends there), so splitting on "\\n" gives the lines back.
    """
    # No host: nothing connects. A fixed local_hostname keeps smtplib from resolving ours.
    smtp = smtplib.SMTP(local_hostname="client.test")
    smtp.file = io.BytesIO(data)
    replies = []
    while True:
        offset = smtp.file.tell()
        if offset >= len(data):
            break
        code, msg = smtp.getreply()
        end = smtp.file.tell()
        replies.append(
            {
                "offset": offset,
                "length": end - offset,
                "code": code,
                "lines": msg.decode("latin-1").split("\n"),
            }
        )
    return replies


def check_session(json_path, problems):
    """Check one .json against its .bin; append a message to `problems` for each mismatch."""
    name = json_path.relative_to(json_path.parents[1])
    bin_path = json_path.with_suffix(".bin")
    if not bin_path.is_file():
        problems.append(f"{name}: no {bin_path.name} beside it")
        return None
    try:
        doc = json.loads(json_path.read_text(encoding="utf-8"))
    except ValueError as err:
        problems.append(f"{name}: not valid JSON: {err}")
        return None
    if not isinstance(doc, dict) or set(doc) != {"server", "session", "replies"}:
        problems.append(f"{name}: expected exactly the keys server, session, replies")
        return None
    if doc["session"] != json_path.stem:
        problems.append(f"{name}: session is {doc['session']!r}, the file name says {json_path.stem!r}")
    if not isinstance(doc["server"], str) or not doc["server"]:
        problems.append(f"{name}: server must be a non-empty string")

    data = bin_path.read_bytes()
    try:
        expected = derive_replies(data)
    except smtplib.SMTPException as err:
        problems.append(f"{name}: smtplib cannot read {bin_path.name}: {err!r}")
        return None
    recorded = doc["replies"]
    if not isinstance(recorded, list):
        problems.append(f"{name}: replies must be a list")
        return None
    if len(recorded) != len(expected):
        problems.append(f"{name}: {len(recorded)} replies recorded, smtplib reads {len(expected)}")
    for i, (rec, exp) in enumerate(zip(recorded, expected)):
        if not isinstance(rec, dict) or set(rec) != {"after", "offset", "length", "code", "lines"}:
            problems.append(f"{name}: reply {i}: expected keys after, offset, length, code, lines")
            continue
        if not isinstance(rec["after"], str):  # "" is the empty command line
            problems.append(f"{name}: reply {i}: after must be a string")
        for key in ("offset", "length", "code", "lines"):
            if rec[key] != exp[key]:
                problems.append(
                    f"{name}: reply {i}: {key} is {rec[key]!r} in the .json, smtplib gives {exp[key]!r}"
                )
    # derive_replies reads to the end of the data, so the replies tile the .bin without gaps.
    return doc


def answered_stage(after):
    """The [[command]] verb of the step a reply answered, from the .json's "after": the markers
    as they are, otherwise the command line's first word in upper case ("MAIL FROM:<a>" is MAIL)."""
    if after in ("<greeting>", "<end-of-data>"):
        return after
    return after.split(" ", 1)[0].split(":", 1)[0].upper()


def load_reasons(codes_path, problems):
    """The [[reason]] tokens and [[command]] verbs of codes.toml."""
    try:
        with open(codes_path, "rb") as f:
            codes = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as err:
        problems.append(f"{codes_path}: cannot read the reasons and commands: {err}")
        return set(), set()
    return ({row.get("token") for row in codes.get("reason", [])},
            {row.get("verb") for row in codes.get("command", [])})


def load_tables(path, name, table, problems):
    """The [[table]] entries of a TOML file that must hold nothing else, or None (and a problem
    named after `name`) when it is not valid TOML or holds something else."""
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        problems.append(f"{name}: not valid TOML: {err}")
        return None
    if set(doc) != {table} or not isinstance(doc[table], list):
        problems.append(f"{name}: expected only [[{table}]] tables")
        return None
    return doc[table]


def check_reasons(path, corpus, codes_path, problems):
    """Check reasons.toml against the corpus and codes.toml; return the number of entries."""
    reasons, stages = load_reasons(codes_path, problems)
    if not reasons or not stages:
        problems.append(f"{codes_path}: no [[reason]] tokens or no [[command]] verbs")
        return 0
    entries = load_tables(path, path.name, "reply", problems)
    if entries is None:
        return 0
    seen = {}
    for n, entry in enumerate(entries, 1):
        where = f"{path.name}: [[reply]] #{n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a table")
            continue
        missing = sorted(set(REASON_KEYS) - set(entry))
        extra = sorted(set(entry) - set(REASON_KEYS))
        if missing or extra:
            problems.append(f"{where}: missing keys {missing}, unknown keys {extra}")
            continue
        bad = [k for k, t in REASON_KEYS.items() if type(entry[k]) is not t]
        if bad:
            problems.append(f"{where}: wrong type for {', '.join(bad)}")
            continue
        where = f"{where} ({entry['server']}/{entry['session']} reply {entry['reply']})"
        key = (entry["server"], entry["session"], entry["reply"])
        if key in seen:
            problems.append(f"{where}: the same reply as [[reply]] #{seen[key]}")
        seen.setdefault(key, n)
        if entry["reason"] not in reasons:
            problems.append(f"{where}: unknown reason {entry['reason']!r} (not in codes.toml's [[reason]])")
        if entry["stage"] not in stages:
            problems.append(f"{where}: unknown stage {entry['stage']!r} (not in codes.toml's [[command]])")
        if not entry["why"].strip() or "\n" in entry["why"]:
            problems.append(f"{where}: why must be one non-empty line")
        json_path = corpus / entry["server"] / f"{entry['session']}.json"
        try:
            replies = json.loads(json_path.read_text(encoding="utf-8"))["replies"]
        except (OSError, ValueError, KeyError, TypeError):
            problems.append(f"{where}: no readable session {json_path.relative_to(corpus)}")
            continue
        if not 0 <= entry["reply"] < len(replies):
            problems.append(f"{where}: the session has replies 0 to {len(replies) - 1}")
            continue
        reply = replies[entry["reply"]]
        if not 400 <= reply.get("code", 0) <= 599:
            problems.append(f"{where}: reply {entry['reply']} is a {reply.get('code')}, not a 4xx or 5xx")
        stage = answered_stage(reply.get("after", ""))
        if entry["stage"] != stage:
            problems.append(f"{where}: stage is {entry['stage']!r}, but the reply answered {stage!r}")
    return len(entries)


def delivery_status(msg):
    """The per-recipient field groups of the message/delivery-status part (RFC 3464), as
    {lower-case name: value} dicts, or None when there is no such part. OpenSMTPD puts one in a
    multipart/mixed message, so this does not look at the outer type."""
    for part in msg.walk():
        if part.get_content_type() == "message/delivery-status":
            groups = part.get_payload()
            # The first group is the per-message one; each further group is one recipient.
            # Dovecot 2.3 writes its per-message field and the recipient's in one group: a first
            # group that names a recipient counts as that recipient's.
            first = 0 if groups and groups[0].get("Final-Recipient") else 1
            return [{k.lower(): " ".join(str(v).split()) for k, v in g.items()} for g in groups[first:]]
    return None


def check_recipient(where, rec, data, groups, reasons, problems):
    """Check one manifest recipient against the bounce's bytes and its delivery-status fields."""
    missing = sorted(set(RECIPIENT_KEYS) - set(rec))
    extra = sorted(set(rec) - set(RECIPIENT_KEYS) - set(RECIPIENT_OPTIONAL))
    if missing or extra:
        problems.append(f"{where}: missing keys {missing}, unknown keys {extra}")
        return
    types = RECIPIENT_KEYS | RECIPIENT_OPTIONAL
    bad = [k for k in rec if type(rec[k]) is not types[k]]
    if bad:
        problems.append(f"{where}: wrong type for {', '.join(bad)}")
        return
    if rec["reason"] not in reasons:
        problems.append(f"{where}: unknown reason {rec['reason']!r} (not in codes.toml's [[reason]])")
    if not rec["why"].strip() or "\n" in rec["why"]:
        problems.append(f"{where}: why must be one non-empty line")
    text = data.decode("latin-1")
    # Notices with no Action field that say the message was refused, which is a failure: a
    # disposition notification (RFC 8098) saying an automatic action deleted it (Dovecot's),
    # and Exim's local-scan notice ("was rejected by the local scanning code").
    refused = re.search(r"(?im)^Disposition:\s*automatic-action/[^;]*;\s*deleted\b", text) or \
        "was rejected by the local scanning code" in text
    keys = ("recipient", "status", "remote_mta") if refused else ("recipient", "action", "status", "remote_mta")
    for key in keys:
        if key in rec and rec[key].lower() not in text.lower():
            problems.append(f"{where}: {key} {rec[key]!r} does not occur in the file")
    if refused and rec.get("action") != "failed":
        problems.append(f"{where}: action is {rec['action']!r}, but the notice says the message was refused: failed")
    if "reply_code" in rec and not re.search(rf"(?<![0-9.]){rec['reply_code']}[ -]", text):
        problems.append(f"{where}: reply code {rec['reply_code']} does not occur in the file")
    if groups is None:
        return
    # A delivery-status part: the manifest must say what the recipient's own fields say.
    mine = [g for g in groups
            if g.get("final-recipient", "").split(";")[-1].strip().lower() == rec["recipient"].lower()]
    if len(mine) != 1:
        problems.append(f"{where}: {len(mine)} delivery-status groups for {rec['recipient']}, expected 1")
        return
    fields = mine[0]
    if fields.get("action", "").lower() != rec.get("action"):
        problems.append(f"{where}: action is {rec.get('action')!r}, the DSN says {fields.get('action')!r}")
    if fields.get("status", "").split(" ")[0] != rec.get("status", ""):
        problems.append(f"{where}: status is {rec.get('status')!r}, the DSN says {fields.get('status')!r}")
    mta = fields.get("remote-mta", "").split(";")[-1].strip() or None
    if mta != rec.get("remote_mta"):
        problems.append(f"{where}: remote_mta is {rec.get('remote_mta')!r}, the DSN says {mta!r}")
    if "diagnostic-code" in fields:
        code = re.match(r"smtp;\s*([2-5][0-9][0-9])\b", fields["diagnostic-code"], re.I)
        code, said = (int(code.group(1)) if code else None), "the DSN's Diagnostic-Code says"
    else:
        # No Diagnostic-Code: the reply is on the notification's line for the recipient
        # (OpenSMTPD: "bob@remote.test: 550 5.1.1 ..."), or on the line under it (Courier's
        # warnings: "<full@remote.test>:" then " <<< 452 4.2.2 ...").
        line = re.search(rf"(?im)^{re.escape(rec['recipient'])}: ([2-5][0-9][0-9])[ -]", text)
        start = re.search(rf"(?im)^<{re.escape(rec['recipient'])}>:", text)
        if line is None and start is not None:
            paragraph = re.split(r"\r?\n\s*\r?\n", text[start.start():], maxsplit=1)[0]
            line = re.search(r"(?m)^ <<< ([2-5][0-9][0-9])[ -]", paragraph)
        code, said = (int(line.group(1)) if line else None), "the notification's lines for it say"
    if code != rec.get("reply_code"):
        problems.append(f"{where}: reply_code is {rec.get('reply_code')!r}, {said} {code!r}")


def check_bounces(folder, codes_path, problems):
    """Check tests/corpus/bounces/: every <server>/*.eml parses as an email and has one entry in
    expected.toml, whose kind, recipients, actions, statuses, reply codes and remote MTAs are
    what the file says (where it has a delivery-status part, what its fields say), and whose
    reasons are tokens of codes.toml. Returns the number of files."""
    manifest = folder / "expected.toml"
    files = {p.relative_to(folder).as_posix() for p in folder.glob("*/*") if p.is_file()}
    if not manifest.is_file():
        problems.append(f"{BOUNCES}: no expected.toml beside {len(files)} file(s)")
        return 0
    reasons, _ = load_reasons(codes_path, problems)
    entries = load_tables(manifest, f"{BOUNCES}/expected.toml", "bounce", problems)
    if entries is None:
        return 0
    listed = set()
    for n, entry in enumerate(entries, 1):
        where = f"{BOUNCES}/expected.toml: [[bounce]] #{n}"
        if not isinstance(entry, dict) or not set(BOUNCE_KEYS) <= set(entry) <= set(BOUNCE_KEYS) | set(BOUNCE_OPTIONAL):
            problems.append(f"{where}: expected the keys {', '.join(BOUNCE_KEYS)} "
                            f"and perhaps {', '.join(BOUNCE_OPTIONAL)}")
            continue
        if any(type(entry[k]) is not t for k, t in (BOUNCE_KEYS | BOUNCE_OPTIONAL).items() if k in entry):
            problems.append(f"{where}: wrong type for a key")
            continue
        if not all(type(p) is str and p.strip() for p in entry.get("problems", [])):
            problems.append(f"{where}: problems must be non-empty strings")
        where = f"{where} ({entry['file']})"
        if entry["file"] in listed:
            problems.append(f"{where}: listed twice")
        listed.add(entry["file"])
        server, _, name = entry["file"].partition("/")
        if server != entry["server"] or not name.startswith(entry["case"]):
            problems.append(f"{where}: server and case must name the file's folder and start its name")
        path = folder / entry["file"]
        if not path.is_file():
            problems.append(f"{where}: no such file")
            continue
        data = path.read_bytes()
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        if not msg.keys() or msg.get("From") is None or not msg.get_payload():
            problems.append(f"{where}: does not parse as an email with headers, a From and a body")
            continue
        groups = delivery_status(msg)
        # A delivery-status part makes a DSN, whatever the message around it: OpenSMTPD puts
        # its part in a multipart/mixed. Without one, an automatic reply (RFC 3834) that is
        # no mailer daemon's and carries no disposition notification is a vacation reply.
        sender = email.utils.parseaddr(msg.get("From", ""))[1].split("@")[0].lower()
        auto_reply = str(msg.get("Auto-Submitted", "")).strip().lower().startswith("auto-replied")
        mdn = any(p.get_content_type() == "message/disposition-notification" for p in msg.walk())
        if groups is not None:
            kind = "dsn"
        elif auto_reply and not mdn and sender not in ("mailer-daemon", "postmaster"):
            kind = "vacation"
        else:
            kind = "text"
        if entry["kind"] != kind:
            problems.append(f"{where}: kind is {entry['kind']!r}, the file is {kind!r}")
        if not entry["recipient"]:
            problems.append(f"{where}: no [[bounce.recipient]]")
        if groups is not None and len(groups) != len(entry["recipient"]):
            problems.append(f"{where}: {len(entry['recipient'])} recipients listed, the delivery-status part has {len(groups)}")
        elif groups is not None:
            # In the part's order, as the manifest promises.
            written = [g.get("final-recipient", "").split(";")[-1].strip() for g in groups]
            listed_order = [r.get("recipient") for r in entry["recipient"] if isinstance(r, dict)]
            if written != listed_order:
                problems.append(f"{where}: recipients listed as {listed_order}, the part has {written}")
        for i, rec in enumerate(entry["recipient"], 1):
            if not isinstance(rec, dict):
                problems.append(f"{where}: recipient #{i} is not a table")
                continue
            check_recipient(f"{where}: recipient #{i}", rec, data, groups, reasons, problems)
    for stray in sorted(files - listed - {"expected.toml"}):
        problems.append(f"{BOUNCES}/{stray}: not in expected.toml")
    return len(listed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="the corpus folder (default: tests/corpus)")
    parser.add_argument("--codes", action="store_true",
                        help="print a Markdown table of the reply codes each server produced")
    parser.add_argument("--codes-toml", type=Path, default=DEFAULT_CODES,
                        help="where the [[reason]] and [[command]] tables are (default: smtp-codes/codes.toml)")
    args = parser.parse_args()

    servers = sorted(p for p in args.corpus.iterdir() if p.is_dir() and p.name != BOUNCES) if args.corpus.is_dir() else []
    if not servers:
        print(f"check_corpus: no server folders in {args.corpus}", file=sys.stderr)
        return 1

    problems = []
    codes = {}
    sessions = replies = 0
    for server in servers:
        json_files = sorted(server.glob("*.json"))
        if not json_files:
            problems.append(f"{server.name}: no .json files")
        for stray in sorted(server.glob("*.bin")):
            if not stray.with_suffix(".json").is_file():
                problems.append(f"{server.name}/{stray.name}: no .json beside it")
        for json_path in json_files:
            doc = check_session(json_path, problems)
            if doc is None:
                continue
            sessions += 1
            replies += len(doc["replies"])
            for rec in doc["replies"]:
                if isinstance(rec, dict) and isinstance(rec.get("code"), int):
                    codes.setdefault(server.name, set()).add(rec["code"])

    reasons_path = args.corpus / "reasons.toml"
    entries = check_reasons(reasons_path, args.corpus, args.codes_toml, problems) if reasons_path.is_file() else 0
    bounces_path = args.corpus / BOUNCES
    bounces = check_bounces(bounces_path, args.codes_toml, problems) if bounces_path.is_dir() else 0

    if args.codes:
        print("| server | reply codes |")
        print("|---|---|")
        for server in servers:
            print(f"| {server.name} | {', '.join(str(c) for c in sorted(codes.get(server.name, ())))} |")

    if problems:
        for problem in problems:
            print(f"check_corpus: {problem}", file=sys.stderr)
        print(f"check_corpus: FAILED, {len(problems)} problem(s) in {args.corpus}", file=sys.stderr)
        return 1
    print(f"check_corpus: ok, {sessions} sessions, {replies} replies from {len(servers)} servers, "
          f"{entries} expected reasons, {bounces} bounce messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
