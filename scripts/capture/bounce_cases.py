#!/usr/bin/env python3
"""The bounce capture (`run bounces`): submit one message per case, then collect the bounces.

    bounce_cases.py send --port 2525
    bounce_cases.py submit-local --exim /tmp/.../exim4 --config /tmp/.../exim.conf
    bounce_cases.py deliver --lda /usr/lib/dovecot/dovecot-lda --config /tmp/.../dovecot.conf \
        --state /tmp/.../dovecot-bounces
    bounce_cases.py collect --since 1796166916 --warning 20 --lifetime 60 \
        --may-be-missing opensmtpd/unreachable postfix=/tmp/.../Maildir exim=/tmp/.../Maildir ...

`send` submits, with smtplib on 127.0.0.1, one short message from alice@mail.test per case
below. The recipients at remote.test go to downstream_server.py, whose answer depends on the
local part; unreachable.test goes to a port on 127.0.0.1 where nothing listens.

`submit-local` submits the Exim-only case `local_acl` on Exim's command line (`exim -C <config>
-f alice@mail.test bob@remote.test`), which the configuration's acl_not_smtp refuses: Exim
mails alice its local-scan notice.

`deliver` hands one message per Dovecot case below to Dovecot's delivery agent, run as
nobody for a user whose home is in --state: bob's Sieve script rejects every message,
carol's mailbox is over its quota, and dave's script answers with a vacation reply. Dovecot
sends its refusal or reply to alice@mail.test through maildir_deliver.py (the configuration's
sendmail_path), into alice's Maildir in --state.

`collect` waits until every server's Maildir holds, for every case, the notice that ends it,
and writes each notice, byte for byte as the server delivered it, to
tests/corpus/bounces/<server>/<case>.eml. A notice is matched to its case by the Message-ID of
the returned message, which every server quotes. A notice that says delivery failed ends its
case; so does one that arrives nearer the end of the queue lifetime than the delay warning time
(after (--warning + --lifetime) / 2 seconds from --since, when the messages were sent),
whatever it says: OpenSMTPD reports an expired message as "delayed". A delay warning before
that is <case>_delayed.eml. A server's folder is replaced only when all its cases ended, except those
named with --may-be-missing (a case the server ends in some runs only, see
scripts/capture/README.md), which it waits for until twice the lifetime has passed and whose
files from an earlier run it keeps when they do not come; otherwise the folder is left as it
was, what is missing is named and the exit status is 1.
"""

import argparse
import email
import email.policy
import os
import pwd
import re
import smtplib
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"  # fixed on purpose: local servers only
SENDER = "alice@mail.test"
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "corpus" / "bounces"

# case: the recipients of its message (downstream_server.py answers by local part).
CASES = {
    "userunknown": ["bob@remote.test"],                     # 550 5.1.1 at RCPT
    "mailboxfull": ["quota@remote.test"],                   # 552 5.2.2 at RCPT
    "mailboxfull_temporary": ["full@remote.test"],          # 452 4.2.2 at RCPT, every time
    "relaydenied": ["relay@remote.test"],                   # 554 5.7.1 at RCPT
    "toobig": ["big@remote.test"],                          # 552 5.3.4 at the end of data
    "greylisted": ["grey@remote.test"],                     # 450 4.7.1 at RCPT, every time
    "unreachable": ["someone@unreachable.test"],            # connection refused
    "two_recipients": ["bob@remote.test", "quota@remote.test"],  # two 5xx, one bounce
}

# The cases of Dovecot's delivery agent (`deliver`): case: the recipient.
DOVECOT_CASES = {
    "sieve_reject": "bob@mail.test",   # bob's Sieve script: reject "..."
    "mailboxfull": "carol@mail.test",  # carol's mailbox is over its 1 kB quota
    "vacation": "dave@mail.test",      # dave's Sieve script: vacation "..." (an RFC 3834 reply)
}

# Exim's case on its command line (`submit-local`): case: the recipients.
EXIM_LOCAL_CASES = {"local_acl": ["bob@remote.test"]}  # refused by acl_not_smtp

# The cases each server ends; the other relays' are CASES.
SERVER_CASES = {"dovecot": DOVECOT_CASES, "exim": {**CASES, **EXIM_LOCAL_CASES}}
ALL_CASES = sorted(set(CASES) | set(DOVECOT_CASES) | set(EXIM_LOCAL_CASES))

# bob's and dave's Sieve scripts.
REJECT_SCRIPT = 'require "reject";\nreject "This address takes no mail; please write to alice@mail.test.";\n'
VACATION_SCRIPT = ('require "vacation";\nvacation :days 1 :subject "Away until Monday" '
                   '"I am away until Monday and read no mail until then. For anything urgent, '
                   'write to alice@mail.test.";\n')


def cases_for(server):
    return SERVER_CASES.get(server, CASES)


def message_id(case):
    return f"<bounce-{case}@mail.test>"


def message(case, recipients):
    return (
        f"From: Alice <{SENDER}>\r\n"
        f"To: {', '.join(recipients)}\r\n"
        f"Subject: bounce capture: {case}\r\n"
        f"Message-ID: {message_id(case)}\r\n"
        "\r\n"
        "A short message whose delivery fails on purpose.\r\n"
    )


def send(port):
    for case, recipients in CASES.items():
        text = message(case, recipients)
        with smtplib.SMTP(HOST, port, local_hostname="client.test", timeout=30) as smtp:
            refused = smtp.sendmail(SENDER, recipients, text.encode())
        if refused:
            sys.exit(f"bounce_cases: port {port} refused {refused} for {case}; the relay must accept them")
    print(f"sent {len(CASES)} messages to 127.0.0.1:{port}")


def submit_local(exim, config):
    """Exim's command-line case: refused at once, so Exim's exit status says failure."""
    for case, recipients in EXIM_LOCAL_CASES.items():
        done = subprocess.run([exim, "-C", config, "-f", SENDER, *recipients],
                              input=message(case, recipients).encode(), timeout=60,
                              capture_output=True)
        said = (done.stdout + done.stderr).decode(errors="replace").strip()
        print(f"submitted {case} on {exim}'s command line: exit {done.returncode}"
              + (f", {said}" if said else ""))


def deliver(lda, config, state):
    """Dovecot's cases: each user's home in `state`, owned by nobody, then one delivery each."""
    nobody = pwd.getpwnam("nobody")
    homes = {user: state / user for user in ("alice", "bob", "carol", "dave")}
    for sub in ("tmp", "new", "cur"):
        (homes["alice"] / "Maildir" / sub).mkdir(parents=True, exist_ok=True)
        (homes["carol"] / "Maildir" / sub).mkdir(parents=True, exist_ok=True)
    homes["bob"].mkdir(parents=True, exist_ok=True)
    (homes["bob"] / "active.sieve").write_text(REJECT_SCRIPT)
    homes["dave"].mkdir(parents=True, exist_ok=True)
    (homes["dave"] / "active.sieve").write_text(VACATION_SCRIPT)
    # 4 kB already in carol's mailbox, over the configuration's 1 kB.
    (homes["carol"] / "Maildir" / "cur" / "1796000000.filler.mail.test:2,S").write_bytes(b"x" * 4096)
    for path in [state, *state.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    for case, recipient in DOVECOT_CASES.items():
        user = recipient.split("@")[0]
        command = ["runuser", "-u", "nobody", "--", "env", f"HOME={homes[user]}", f"USER={user}",
                   lda, "-c", config, "-f", SENDER, "-a", recipient]
        done = subprocess.run(command, input=message(case, [recipient]).encode(), timeout=60)
        if done.returncode != 0:
            sys.exit(f"bounce_cases: dovecot-lda exited {done.returncode} for {case}; it must "
                     "refuse the message with a notice of its own (see its log in --state)")
    print(f"delivered {len(DOVECOT_CASES)} messages with {lda}")


def is_delay_warning(msg):
    """A warning that delivery is still being tried: a DSN whose recipients are all `delayed`,
    or (for a server that writes no DSN) a subject that says so."""
    actions = re.findall(rb"(?im)^Action:[ \t]*(\S+)", msg)
    if actions:
        return all(a.lower() == b"delayed" for a in actions)
    parsed = email.message_from_bytes(msg, policy=email.policy.compat32)
    return "delay" in str(parsed.get("Subject", "")).lower()


def case_of(msg):
    found = [case for case in ALL_CASES if message_id(case).encode() in msg]
    return found[0] if len(found) == 1 else None


def scan(maildir, ends_after):
    """The notices in a Maildir, in the order they arrived: {name: bytes}, name being <case>
    for the notice that ended the case (the first failure, or the first notice at or after
    `ends_after`, a time.time()) and <case>_delayed (_2, ...) for the warnings before it.
    Also the names of files that belong to no case."""
    paths = [p for sub in ("new", "cur") for p in (maildir / sub).glob("*")]
    named, strays = {}, []
    for path in sorted(paths, key=lambda p: (p.stat().st_mtime, p.name)):
        msg = path.read_bytes()
        case = case_of(msg)
        if case is None:
            strays.append(path.name)
            continue
        ends = not is_delay_warning(msg) or path.stat().st_mtime >= ends_after
        base = case if ends and case not in named else f"{case}_delayed"
        name, n = base, 1
        while name in named:
            n += 1
            name = f"{base}_{n}"
        named[name] = msg
    return named, strays


def collect(pairs, since, warning, lifetime, timeout, may_be_missing):
    maildirs = {}
    for pair in pairs:
        server, _, folder = pair.partition("=")
        maildirs[server] = Path(folder)
    started = since
    ends_after = since + (warning + lifetime) / 2
    while True:
        found = {server: scan(folder, ends_after) for server, folder in maildirs.items()}
        waiting = [
            (server, case)
            for server, (named, _) in found.items()
            for case in cases_for(server)
            if case not in named
        ]
        elapsed = time.time() - started
        if elapsed > timeout:
            break
        if all(f"{s}/{c}" in may_be_missing for s, c in waiting) and (
            not waiting or elapsed > 2 * lifetime
        ):
            break
        time.sleep(2)
    # A last look after a pause: a delay warning or a second notice may still be on its way.
    time.sleep(3)
    found = {server: scan(folder, ends_after) for server, folder in maildirs.items()}

    failed = False
    for server, (named, strays) in found.items():
        for stray in strays:
            print(f"bounce_cases: {server}: {stray} names no case (or several); not kept", file=sys.stderr)
        lacking = [case for case in cases_for(server) if case not in named]
        excused = [case for case in lacking if f"{server}/{case}" in may_be_missing]
        unexcused = [case for case in lacking if case not in excused]
        if unexcused:
            failed = True
            print(f"bounce_cases: {server}: nothing ended {', '.join(unexcused)} within "
                  f"{time.time() - started:.0f} s; {server}'s folder left as it was", file=sys.stderr)
            continue
        if excused:
            print(f"{server}: nothing ended {', '.join(excused)} within {time.time() - started:.0f} s "
                  "(it may not); the files of an earlier run stay")
        folder = OUT / server
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.eml"):
            if case_of(old.read_bytes()) not in excused:
                old.unlink()
        for name, msg in sorted(named.items()):
            (folder / f"{name}.eml").write_bytes(msg)
        print(f"{server}: {len(named)} notices: {', '.join(sorted(named))}")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p_send = commands.add_parser("send", help="submit one message per case")
    p_send.add_argument("--port", type=int, required=True)
    p_local = commands.add_parser("submit-local", help="submit Exim's case on its command line")
    p_local.add_argument("--exim", required=True, help="the exim binary")
    p_local.add_argument("--config", required=True, help="its configuration")
    p_deliver = commands.add_parser("deliver", help="hand Dovecot's cases to its delivery agent")
    p_deliver.add_argument("--lda", required=True, help="dovecot-lda")
    p_deliver.add_argument("--config", required=True, help="its configuration")
    p_deliver.add_argument("--state", type=Path, required=True, help="the users' homes go here")
    p_collect = commands.add_parser("collect", help="wait for the bounces and write them")
    p_collect.add_argument("--since", type=float, required=True,
                           help="when the messages were sent (seconds since the epoch)")
    p_collect.add_argument("--warning", type=float, required=True,
                           help="the servers' delay warning time, in seconds")
    p_collect.add_argument("--lifetime", type=float, required=True,
                           help="the servers' queue lifetime, in seconds")
    p_collect.add_argument("--timeout", type=float, default=300,
                           help="give up after this many seconds (default 300)")
    p_collect.add_argument("--may-be-missing", action="append", default=[], metavar="SERVER/CASE",
                           help="a case the server ends in some runs only (may be repeated)")
    p_collect.add_argument("maildirs", nargs="+", metavar="SERVER=MAILDIR")
    args = parser.parse_args()
    if args.command == "send":
        send(args.port)
        return 0
    if args.command == "submit-local":
        submit_local(args.exim, args.config)
        return 0
    if args.command == "deliver":
        deliver(args.lda, args.config, args.state)
        return 0
    return collect(args.maildirs, args.since, args.warning, args.lifetime, args.timeout,
                   set(args.may_be_missing))


if __name__ == "__main__":
    sys.exit(main())
