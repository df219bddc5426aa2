#!/usr/bin/env python3
"""Submit the log-capture messages to a mail server on 127.0.0.1 (`run logs`).

    send_mail.py --port 2525

Each message goes on its own connection with smtplib, from alice@mail.test. Recipients at
remote.test are relayed to downstream_server.py, whose answer depends on the local part;
nobody@mail.test is an unknown local user and someone@other.test a relay the server refuses.
Refused recipients are expected: the point is what the server logs. Only 127.0.0.1 is contacted.
"""

import argparse
import smtplib

HOST = "127.0.0.1"  # fixed on purpose: local servers only
SENDER = "alice@mail.test"

# (recipients, extra header): each is sent ROUNDS times.
MESSAGES = [
    (["ok@remote.test"], None),
    (["bob@remote.test"], None),
    (["full@remote.test"], None),
    (["blocked@remote.test"], None),
    (["greylist@remote.test"], None),
    (["quota@remote.test"], None),
    (["moved@remote.test"], None),
    (["ok@remote.test"], "X-Test: spam"),
    (["ok@remote.test"], "X-Test: tempfail"),
    (["ok@remote.test", "bob@remote.test"], None),
    (["nobody@mail.test"], None),
    (["someone@other.test"], None),
]
ROUNDS = 2


def send(port, recipients, header, number):
    with smtplib.SMTP(HOST, port, local_hostname="client.test", timeout=30) as smtp:
        smtp.ehlo()
        smtp.mail(SENDER)
        accepted = [r for r in recipients if smtp.rcpt(r)[0] // 100 == 2]
        if not accepted:
            smtp.rset()
            return
        headers = [f"From: {SENDER}", f"To: {', '.join(recipients)}", f"Subject: log capture {number}"]
        if header:
            headers.append(header)
        smtp.data(("\r\n".join(headers) + "\r\n\r\nA message for the log capture.\r\n").encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    number = 0
    for _ in range(ROUNDS):
        for recipients, header in MESSAGES:
            number += 1
            send(args.port, recipients, header, number)
    print(f"sent {number} messages")


if __name__ == "__main__":
    main()
