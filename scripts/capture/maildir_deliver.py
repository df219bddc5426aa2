#!/usr/bin/env python3
"""A local delivery agent for servers that have no Maildir delivery of their own (Sendmail in
`run bounces`): writes standard input, byte for byte, as one new message into the Maildir given.

    maildir_deliver.py /tmp/.../Maildir [recipient...]

The message goes to tmp/ first and is renamed into new/ when complete, as a Maildir reader
expects. The recipients are ignored (Sendmail must pass them: with none in a mailer's
arguments it would speak SMTP to the program). Exits 75 (EX_TEMPFAIL) if it cannot write, so
the server keeps the message queued.
"""

import os
import socket
import sys
import time
from pathlib import Path


def main():
    maildir = Path(sys.argv[1])
    data = sys.stdin.buffer.read()
    name = f"{time.time_ns()}.P{os.getpid()}.{socket.gethostname()}"
    try:
        tmp = maildir / "tmp" / name
        for sub in ("tmp", "new", "cur"):
            (maildir / sub).mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.rename(maildir / "new" / name)
    except OSError as e:
        print(f"maildir_deliver: {e}", file=sys.stderr)
        return 75
    return 0


if __name__ == "__main__":
    sys.exit(main())
