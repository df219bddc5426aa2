#!/usr/bin/env python3
"""Check the captured SMTP corpus against Python's smtplib.

Every tests/corpus/<server>/<session>.bin holds the exact bytes a real server sent during one
session; the .json beside it lists the replies in it. This script splits each .bin into replies
again with smtplib's own reader and checks that offset, length, code and lines equal the .json,
that the replies cover the .bin exactly, and that the .json has the expected shape.

    scripts/capture/check_corpus.py            # check every server's files; exit 1 on a mismatch
    scripts/capture/check_corpus.py --codes    # also print a Markdown table of codes per server

Standard library only. capture.py imports derive_replies from here, so the capture and the check
split the bytes the same way.
"""

import argparse
import io
import json
import smtplib
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="the corpus folder (default: tests/corpus)")
    parser.add_argument("--codes", action="store_true",
                        help="print a Markdown table of the reply codes each server produced")
    args = parser.parse_args()

    servers = sorted(p for p in args.corpus.iterdir() if p.is_dir()) if args.corpus.is_dir() else []
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
    print(f"check_corpus: ok, {sessions} sessions, {replies} replies from {len(servers)} servers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
