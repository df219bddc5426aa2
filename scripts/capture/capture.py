#!/usr/bin/env python3
"""Drive SMTP sessions against a real server on 127.0.0.1 and record the exact bytes it sends.

    capture.py --port 2525 --server "Postfix 3.7.11" --out tests/corpus/postfix [--only S...]
    capture.py --list

Each session runs on a new connection through a raw socket (so that malformed input can be
sent). The driver reads one whole reply before it sends the next command, so every session is
the same conversation each time. For each session it writes:

    <out>/<session>.bin   every byte received from the server, in order, nothing added
    <out>/<session>.json  {"server", "session", "replies": [{"after", "offset", "length",
                          "code", "lines"}, ...]}

The replies, their codes and lines come from Python's smtplib reading the .bin (see
check_corpus.derive_replies); "after" names what the driver had sent last when the reply began:
the command line, "<greeting>", "<message data>" or "<end-of-data>".

Only 127.0.0.1 is ever contacted: there is no option to choose another address.
"""

import argparse
import json
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_corpus import derive_replies  # noqa: E402  (the one place replies are split)

HOST = "127.0.0.1"  # fixed on purpose: this tool talks to local servers only
REPLY_TIMEOUT = 20.0  # seconds to wait for a whole reply before giving up on the session
SETTLE = 0.3  # after a whole reply, how long to wait for bytes the server may send unasked
CLOSE_WAIT = 3.0  # after QUIT, how long to wait for the server to close the connection

# --- The sessions -------------------------------------------------------------------------------

EHLO = b"EHLO client.test"
MAIL = b"MAIL FROM:<sender@client.test>"
RCPT = b"RCPT TO:<alice@mail.test>"  # the one local user every server knows
QUIT = b"QUIT"


class Data:
    """DATA, then (only after a 354) the message text as it goes on the wire, then ".\\r\\n"."""

    def __init__(self, text):
        self.text = text


class Raw:
    """Bytes sent exactly as given (no CRLF added); labelled `label`, or by the bytes without
    their line end."""

    def __init__(self, data, label=None):
        self.data = data
        self.label = label if label is not None else data.rstrip(b"\r\n")


def message(body_lines, subject="capture test"):
    """A small RFC 5322 message, with CRLF line ends, ready for the wire (dot-stuffing is the
    caller's: lines starting with "." must already be doubled)."""
    head = [
        b"From: Sender <sender@client.test>",
        b"To: Alice <alice@mail.test>",
        b"Subject: " + subject.encode(),
        b"Date: Thu, 01 Jan 2015 00:00:00 +0000",
        b"Message-ID: <capture@client.test>",
        b"",
    ]
    return b"".join(line + b"\r\n" for line in head + body_lines)


SMALL_MESSAGE = message(
    [
        b"Hello Alice,",
        b"",
        b"..this line starts with one dot; on the wire it is dot-stuffed to two.",
        b"...and this one with two dots.",
        b"",
        b"Bye.",
    ]
)
# About 20 kB of text: twice the 10 kB limit every server is configured with.
BIG_MESSAGE = message([b"%04d " % i + b"x" * 64 for i in range(300)], subject="too big")

# One line: a server without BDAT reads it as one more (unknown) command.
BDAT_MESSAGE = b"Subject: chunked\r\n"

SESSIONS = [
    ("ehlo", "greeting, EHLO (multi-line) and QUIT", [EHLO, QUIT]),
    ("quit", "greeting and QUIT alone", [QUIT]),
    ("helo_noop_rset", "HELO, NOOP, RSET", [b"HELO client.test", b"NOOP", b"RSET", QUIT]),
    ("helo_syntax", "HELO and EHLO without a domain", [b"HELO", b"EHLO", QUIT]),
    ("help", "HELP with and without an argument", [b"HELP", b"HELP MAIL", QUIT]),
    ("vrfy", "VRFY of an existing user, a non-existing one, and without argument",
     [EHLO, b"VRFY alice", b"VRFY nosuchuser", b"VRFY <alice@mail.test>",
      b"VRFY <nosuchuser@mail.test>", b"VRFY", QUIT]),
    ("expn", "EXPN of a user and of postmaster", [EHLO, b"EXPN alice", b"EXPN postmaster", QUIT]),
    ("unknown_command", "an unknown command, with and without arguments",
     [EHLO, b"FOO", b"FOO bar baz", QUIT]),
    ("empty_line", "an empty command line", [EHLO, b"", QUIT]),
    ("bare_lf", "commands ended by LF alone", [Raw(b"EHLO client.test\n"), Raw(b"NOOP\n"), Raw(b"QUIT\n")]),
    ("bad_syntax_mail", "MAIL with bad syntax, RSET between",
     [EHLO, b"MAIL FROM: user@example.com", b"RSET", b"MAIL FROM:", b"RSET",
      b"MAIL FROM:<a@b@c>", b"RSET", b"MAIL TO:<sender@client.test>", QUIT]),
    ("bad_syntax_rcpt", "RCPT with bad syntax",
     [EHLO, MAIL, b"RCPT TO:<>", b"RCPT TO: alice@mail.test", b"RCPT TO:", b"RCPT FROM:<alice@mail.test>", QUIT]),
    ("mail_before_helo", "MAIL right after the greeting", [MAIL, QUIT]),
    ("out_of_sequence", "RCPT before MAIL, DATA before MAIL, DATA before RCPT, MAIL twice",
     [EHLO, RCPT, Data(SMALL_MESSAGE), MAIL, Data(SMALL_MESSAGE), MAIL, QUIT]),
    ("unknown_local_user", "a local recipient that does not exist, then DATA",
     [EHLO, MAIL, b"RCPT TO:<nosuchuser@mail.test>", Data(SMALL_MESSAGE), QUIT]),
    ("relay_denied", "a recipient at a foreign domain", [EHLO, MAIL, b"RCPT TO:<someone@example.net>", QUIT]),
    ("message", "a whole message to the local user, with dot-stuffed lines",
     [EHLO, MAIL, RCPT, Data(SMALL_MESSAGE), QUIT]),
    ("long_line", "a 5000-byte command line, then NOOP",
     [EHLO, b"MAIL FROM:<" + b"a" * (5000 - len(b"MAIL FROM:<@client.test>")) + b"@client.test>", b"NOOP", QUIT]),
    ("oversize_message", "a 21 kB message to a server limited to 10 kB",
     [EHLO, MAIL, RCPT, Data(BIG_MESSAGE), QUIT]),
    ("size_declared", "MAIL with SIZE over and under the limit",
     [EHLO, b"MAIL FROM:<a@client.test> SIZE=100000000", b"RSET", b"MAIL FROM:<a@client.test> SIZE=5000", QUIT]),
    ("mail_parameters", "unknown and malformed MAIL and RCPT parameters",
     [EHLO, MAIL + b" FOO=BAR", b"RSET", MAIL + b" SIZE=abc", b"RSET", MAIL + b" BODY=8BITMIME",
      RCPT + b" NOTIFY=NEVER", QUIT]),
    ("bdat", "BDAT (CHUNKING) with its chunk, whether or not the server offers it",
     [EHLO, MAIL, RCPT, Raw(b"BDAT %d LAST\r\n" % len(BDAT_MESSAGE) + BDAT_MESSAGE,
                           label=b"BDAT %d LAST" % len(BDAT_MESSAGE)), QUIT]),
    ("auth_not_offered", "AUTH on a server that offers none",
     [EHLO, b"AUTH PLAIN AGFsaWNlAHNlY3JldA==", b"AUTH LOGIN", b"AUTH", QUIT]),
    ("starttls_not_offered", "STARTTLS on a server without TLS", [EHLO, b"STARTTLS", QUIT]),
    ("too_many_recipients", "more recipients than the limit of 3", [EHLO, MAIL] + [RCPT] * 5 + [QUIT]),
    ("eight_bit", "non-ASCII bytes in addresses (UTF-8 and latin-1) without SMTPUTF8",
     [EHLO, MAIL, b"RCPT TO:<caf\xc3\xa9@mail.test>", b"RCPT TO:<caf\xe9@mail.test>", b"VRFY caf\xe9", QUIT]),
    ("other_commands", "ETRN, TURN, VERB, XCLIENT",
     [EHLO, b"ETRN mail.test", b"TURN", b"VERB", b"XCLIENT NAME=spoof.test", QUIT]),
    ("error_limit", "25 unknown commands in a row: servers drop clients that make many errors",
     [EHLO] + [b"FOO"] * 25 + [QUIT]),
]


def refusal(sender):
    """A session to alice whose envelope sender picks one refusal in the `run refusals` configs."""
    return [EHLO, b"MAIL FROM:<%s@client.test>" % sender, RCPT, QUIT]


# For `run refusals` (conf/*-refusals*): each server refuses alice's mail in one way per sender.
# Not every server has every mechanism, so `run` picks the sessions per server with --only.
REFUSAL_SESSIONS = [
    ("greylisted", "a first delivery attempt, greylisted by Debian's postgrey",
     refusal(b"greylist")),
    ("dnsbl_listed", "a client listed in a DNS blocklist (bl.test on 127.0.0.1)", refusal(b"dnsbl")),
    ("unknown_client_hostname", "a client without PTR record (Postfix reject_unknown_client_hostname)",
     refusal(b"unknown-client")),
    ("unknown_reverse_hostname",
     "a client without PTR record (Postfix reject_unknown_reverse_client_hostname, Exim "
     "verify = reverse_host_lookup)", refusal(b"unknown-reverse")),
    ("over_quota", "a recipient whose mailbox is over quota (Exim verify = recipient/quota)",
     refusal(b"quota")),
]

SESSION_SETS = {"standard": SESSIONS, "refusals": REFUSAL_SESSIONS}

# --- The driver ---------------------------------------------------------------------------------


def reply_complete(buf):
    """True when `buf` ends exactly at the end of a reply, as smtplib sees replies: the last
    line is whole and its fourth byte is not "-" (a short line like b"250\\r\\n" also ends one)."""
    if not buf.endswith(b"\n"):
        return False
    start = buf.rfind(b"\n", 0, len(buf) - 1) + 1
    return buf[start + 3:start + 4] != b"-"


def last_code(buf):
    """The first three bytes of the last line in `buf`."""
    lines = buf.split(b"\n")
    return lines[-2][:3] if len(lines) >= 2 else b""


class Conn:
    """One connection: sends, and receives into one buffer with the offset where each step began."""

    def __init__(self, port):
        self.sock = socket.create_connection((HOST, port), timeout=REPLY_TIMEOUT)
        self.data = bytearray()
        self.marks = []  # (offset in self.data, label of what was sent there)
        self.closed = False  # the server closed (or reset) the connection
        self.problem = None  # why the session stopped early, if it did

    def _recv(self, timeout):
        """Wait up to `timeout` seconds for bytes; return False if none came."""
        self.sock.settimeout(max(timeout, 0.001))
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            return False
        except OSError:  # reset by the server
            chunk = b""
        if not chunk:
            self.closed = True
        self.data += chunk
        return True

    def read(self, label, expect_reply=True):
        """Read what the server sends for one step, labelled `label`: a whole reply (unless
        `expect_reply` is false), then anything more that arrives within SETTLE seconds."""
        start = len(self.data)
        self.marks.append((start, label))
        deadline = time.monotonic() + REPLY_TIMEOUT
        while not self.closed:
            got = self.data[start:]
            if reply_complete(got) or (not expect_reply and not got):
                if not self._recv(SETTLE):
                    break
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.problem = f"no whole reply to {label[:40]!r} within {REPLY_TIMEOUT:.0f} s"
                break
            self._recv(remaining)
        return bytes(self.data[start:])

    def send(self, data):
        """Send bytes; False if the connection is gone."""
        if self.closed:
            return False
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            self.closed = True
            return False

    def wait_close(self):
        """After QUIT: keep reading (into the QUIT step) until the server closes or CLOSE_WAIT."""
        deadline = time.monotonic() + CLOSE_WAIT
        while not self.closed and time.monotonic() < deadline:
            self._recv(deadline - time.monotonic())


def run_session(port, steps):
    """Run one session; return (received bytes, marks, note)."""
    conn = Conn(port)
    conn.read("<greeting>")
    for step in steps:
        if conn.closed or conn.problem:
            break
        if isinstance(step, Data):
            if not conn.send(b"DATA\r\n"):
                break
            got = conn.read("DATA")
            if last_code(got) != b"354" or conn.closed or conn.problem:
                continue  # DATA refused: the message text is not sent
            # Replies (if any) to the text itself, before the final dot, are "<message data>".
            if not conn.send(step.text):
                break
            conn.read("<message data>", expect_reply=False)
            if not conn.send(b".\r\n"):
                break
            conn.read("<end-of-data>")
            continue
        if isinstance(step, Raw):
            line, label = step.data, step.label
        else:
            line, label = step + b"\r\n", step
        label = label.decode("latin-1")
        if not conn.send(line):
            break
        got = conn.read(label)
        code = last_code(got)
        if code == b"334":  # an AUTH challenge: cancel the exchange as RFC 4954 allows
            if conn.send(b"*\r\n"):
                conn.read("*")
        elif label.upper() == "STARTTLS" and code == b"220":
            break  # the server would start TLS now; this driver speaks plain text only
        elif label.upper() == "QUIT":
            conn.wait_close()
    note = conn.problem or ("closed by server" if conn.closed else "closed by client")
    conn.sock.close()
    return bytes(conn.data), conn.marks, note


def label_replies(data, marks):
    """smtplib's replies for `data`, each with the label of the step during which it began."""
    replies = []
    for reply in derive_replies(data):
        after = "<greeting>"
        for offset, label in marks:
            if offset <= reply["offset"]:
                after = label
        replies.append({"after": after, **reply})
    return replies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, help="the server's port on 127.0.0.1")
    parser.add_argument("--server", help='name and version, e.g. "Postfix 3.7.11"')
    parser.add_argument("--out", type=Path, help="folder for the .bin and .json files")
    parser.add_argument("--only", nargs="+", metavar="SESSION", help="run only these sessions")
    parser.add_argument("--set", choices=sorted(SESSION_SETS), default="standard",
                        help="which sessions: the standard ones (default) or those of `run refusals`")
    parser.add_argument("--list", action="store_true", help="list the sessions and exit")
    args = parser.parse_args()
    sessions = SESSION_SETS[args.set]
    if args.list:
        for name, description, _steps in sessions:
            print(f"{name:<24} {description}")
        return 0
    if args.port is None or not args.server or args.out is None:
        parser.error("--port, --server and --out are required")

    names = [name for name, _, _ in sessions]
    unknown = set(args.only or ()) - set(names)
    if unknown:
        parser.error(f"unknown session(s) {sorted(unknown)}; known: {', '.join(names)}")

    results = []
    failed = []
    for name, _description, steps in sessions:
        if args.only and name not in args.only:
            continue
        data, marks, note = run_session(args.port, steps)
        replies = label_replies(data, marks)
        results.append((name, data, replies))
        if not note.startswith("closed by"):
            failed.append(f"{name}: {note}")
        codes = " ".join(str(r["code"]) for r in replies)
        print(f"  {name:<22} {len(data):6d} bytes  {note:<16}  {codes}", flush=True)
    if failed:
        print("capture: nothing written; sessions that did not run to the end:", *failed, sep="\n  ", file=sys.stderr)
        return 1

    # Write only once every session ran. A full run of a set replaces that set's files and
    # removes stale ones (sessions no set knows); the other set's sessions stay.
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.only:
        others = {name for other in SESSION_SETS.values() if other is not sessions for name, _, _ in other}
        for old in list(args.out.glob("*.bin")) + list(args.out.glob("*.json")):
            if old.stem not in others:
                old.unlink()
    for name, data, replies in results:
        (args.out / f"{name}.bin").write_bytes(data)
        doc = {"server": args.server, "session": name, "replies": replies}
        (args.out / f"{name}.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="ascii")
    return 0


if __name__ == "__main__":
    sys.exit(main())
