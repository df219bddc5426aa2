"""A real SMTP server for the live test: aiosmtpd on 127.0.0.1 at the port given as argument.

It accepts mail for known users at mail.test, refuses unknown local users with 550 5.1.1 and
every other domain with 550 5.7.1, and keeps nothing. It prints READY once it listens, and
stops when its standard input closes (when the test that started it ends).
"""

import sys

from aiosmtpd.controller import Controller

KNOWN_USERS = {"alice@mail.test", "bob@mail.test"}


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        address = address.lower()
        if not address.endswith("@mail.test"):
            return "550 5.7.1 Relaying denied: mail.test only accepts mail for mail.test"
        if address not in KNOWN_USERS:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        return f"250 2.0.0 Ok: queued for {len(envelope.rcpt_tos)} recipient(s)"


def main():
    port = int(sys.argv[1])
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, server_hostname="mail.test")
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
