#!/usr/bin/env python3
"""The aiosmtpd server of the project: listens on 127.0.0.1 at the port given as argument.

One server for everything that talks to a real aiosmtpd: the capture (`run aiosmtpd`, whose
replies are in tests/corpus/aiosmtpd), the live test (tests/tests/live_aiosmtpd.rs) and the
lettre example (tests/examples/lettre_rejection.rs). downstream_server.py runs its own handler
with `serve`.

Domain mail.test with the users alice and postmaster. It refuses unknown local users with
550 5.1.1, every other domain with 550 5.7.1, more than 3 recipients with 452 4.5.3, and
messages over 10 kB (aiosmtpd's data_size_limit, advertised as SIZE). Accepted messages are
dropped: nothing is stored or delivered. Prints READY once it listens; stops on SIGTERM or
SIGINT, and with --until-stdin-closes also when its standard input closes, so that a test
that dies cannot leave it running.
"""

import argparse
import signal
import sys
import threading

from aiosmtpd.controller import Controller

DOMAIN = "mail.test"
USERS = {"alice", "postmaster"}
SIZE_LIMIT = 10240
MAX_RECIPIENTS = 3


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local, _, domain = address.rpartition("@")
        if domain.lower() != DOMAIN:
            return "550 5.7.1 Relaying denied"
        if local.lower() not in USERS:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_VRFY(self, server, session, envelope, address):
        local, at, domain = address.rpartition("@")
        if not at:  # a bare user name: one of ours, or nobody's
            local, domain = address, DOMAIN
        if domain.lower() == DOMAIN and local.lower() in USERS:
            return f"250 2.1.5 <{address}>"
        if domain.lower() == DOMAIN:
            return f"550 5.1.1 <{address}>: User unknown"
        return "252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery"

    async def handle_DATA(self, server, session, envelope):
        return f"250 2.0.0 OK: accepted for {len(envelope.rcpt_tos)} recipient(s), then dropped"


def serve(handler, port, until_stdin_closes=False, **options):
    """Runs `handler` on 127.0.0.1:port until SIGTERM or SIGINT, or, if asked, until standard
    input closes; prints READY once it listens."""
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if until_stdin_closes:
        # Not by default: a shell's background job has /dev/null as standard input.
        def watch_stdin():
            sys.stdin.read()
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()
    controller.start()
    print("READY", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        controller.stop()


def main():
    parser = argparse.ArgumentParser(description="aiosmtpd for mail.test on 127.0.0.1")
    parser.add_argument("port", type=int)
    parser.add_argument(
        "--until-stdin-closes",
        action="store_true",
        help="also stop when standard input closes (for a test that holds it open)",
    )
    args = parser.parse_args()
    serve(
        Handler(),
        args.port,
        until_stdin_closes=args.until_stdin_closes,
        server_hostname=DOMAIN,
        data_size_limit=SIZE_LIMIT,
    )


if __name__ == "__main__":
    main()
