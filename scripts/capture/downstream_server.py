#!/usr/bin/env python3
"""aiosmtpd as the next hop of the relays in `run logs` and `run bounces`: Postfix, Exim and
OpenSMTPD relay mail for remote.test to it, and log (or bounce) what it answers. Listens on
127.0.0.1 at the port given.

The recipient's local part chooses the RCPT reply: bob (550 5.1.1), full (452 4.2.2), blocked
(554 5.7.1), greylist (451 4.7.1), quota (552 5.2.2), moved (551 5.1.6), relay (554 5.7.1
relay access denied), grey (450 4.7.1, greylisted every time); anyone else is accepted.
At the end of data, a message with the header `X-Test: spam` gets 550 5.7.1, one with
`X-Test: tempfail` 451 4.3.0 and one for the recipient big 552 5.3.4 (too big, whatever its
size); others are accepted and dropped. Prints READY once it listens.
"""

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aiosmtpd_server import serve  # noqa: E402  (one way to run a server for the capture)

RCPT_REPLIES = {
    "bob": "550 5.1.1 <{addr}>: Recipient address rejected: User unknown",
    "full": "452 4.2.2 <{addr}>: Mailbox full, try again later",
    "blocked": "554 5.7.1 <{addr}>: Recipient refused by local policy",
    "greylist": "451 4.7.1 <{addr}>: Greylisted, please try again in 5 minutes",
    "quota": "552 5.2.2 <{addr}>: Mailbox over quota",
    "moved": "551 5.1.6 <{addr}>: User has moved; no forwarding address",
    "relay": "554 5.7.1 <{addr}>: Relay access denied",
    "grey": "450 4.7.1 <{addr}>: Recipient address rejected: Greylisted, try again later",
}
# Accepted at RCPT, refused at the end of data, as a server with a smaller size limit would.
TOO_BIG = "big"
QUEUE_IDS = itertools.count(0x4F2B00)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.rpartition("@")[0].lower()
        if local in RCPT_REPLIES:
            return RCPT_REPLIES[local].format(addr=address)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or b""
        if b"\nX-Test: spam" in content or content.startswith(b"X-Test: spam"):
            return "550 5.7.1 Message content rejected as spam"
        if b"\nX-Test: tempfail" in content or content.startswith(b"X-Test: tempfail"):
            return "451 4.3.0 Temporary local problem, please try again"
        if any(rcpt.rpartition("@")[0].lower() == TOO_BIG for rcpt in envelope.rcpt_tos):
            return "552 5.3.4 Message size exceeds fixed limit"
        return f"250 2.0.0 Ok: queued as {next(QUEUE_IDS):X}"


def main():
    serve(Handler(), int(sys.argv[1]), server_hostname="remote.test")


if __name__ == "__main__":
    main()
