#!/usr/bin/env python3
"""Write a Postfix log spread over 40 hours, for the HTML report's browser check.

    scripts/site-check/spread-log.py OUT

The lines are the real Postfix log's (tests/logs/postfix/maillog), picked with a fixed seed, a
few to each hour and more in a burst from 14:00 to 17:00, with their syslog timestamps
rewritten to hours from 28 November 2026 on. The file's modification time is set to 30 November
2026, so that the report infers the year 2026 for the yearless syslog lines.
"""

import datetime
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sample = (ROOT / "tests/logs/postfix/maillog").read_text(encoding="utf-8").splitlines()
    rng = random.Random(7)
    start = datetime.datetime(2026, 11, 28)
    out = []
    for hour in range(40):
        when = start + datetime.timedelta(hours=hour)
        burst = 12 if 14 <= hour <= 17 else 0
        for _ in range(rng.randint(3, 8) + burst):
            line = rng.choice(sample)
            stamp = when + datetime.timedelta(minutes=rng.randrange(60))
            # The syslog timestamp is the first 15 characters: "Nov 29 07:47:53".
            out.append(stamp.strftime("%b %e %H:%M:%S") + line[15:])
    path = Path(sys.argv[1])
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    written = datetime.datetime(2026, 11, 30, 12).timestamp()
    os.utime(path, (written, written))


if __name__ == "__main__":
    main()
