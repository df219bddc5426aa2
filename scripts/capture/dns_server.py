#!/usr/bin/env python3
"""A tiny DNS server for `run refusals`: a local DNS blocklist that lists 127.0.0.1, and nothing else.

    dns_server.py [--port 53] [--zone bl.test]

Listens on UDP 127.0.0.1 only and answers every query itself (it forwards nothing, so it never
talks to another host):

- `1.0.0.127.<zone>` type A: 127.0.0.2, the usual "listed" answer of a DNS blocklist;
  any other type for that name (TXT included): no records (NOERROR, empty answer), so the
  servers' reply texts hold no words of ours;
- every other name, PTR queries for 127.0.0.1 included: NXDOMAIN, so the client 127.0.0.1 has
  no host name.

The mail servers run in a private mount namespace whose /etc/resolv.conf says
`nameserver 127.0.0.1` and whose /etc/hosts is empty, so every
lookup they make ends here. Python's standard library only (RFC 1035 by hand, a few lines).
Prints READY once it listens; stops on SIGTERM or SIGINT.
"""

import argparse
import signal
import socket
import struct
import sys

HOST = "127.0.0.1"  # fixed on purpose, like every tool of the capture
TYPE_A = 1
CLASS_IN = 1
RCODE_NXDOMAIN = 3
RCODE_FORMERR = 1
RCODE_NOTIMP = 4


def parse_question(packet):
    """(id, flags, qname as lower-case labels, qtype, qclass, end of the question) or None."""
    if len(packet) < 12:
        return None
    ident, flags, qdcount = struct.unpack("!HHH", packet[:6])
    if qdcount != 1:
        return ident, flags, None, 0, 0, 12
    labels, pos = [], 12
    while True:
        if pos >= len(packet):
            return ident, flags, None, 0, 0, 12
        length = packet[pos]
        pos += 1
        if length == 0:
            break
        if length > 63 or pos + length > len(packet):  # no compression in a question we accept
            return ident, flags, None, 0, 0, 12
        labels.append(packet[pos:pos + length].decode("ascii", "replace").lower())
        pos += length
    if pos + 4 > len(packet):
        return ident, flags, None, 0, 0, 12
    qtype, qclass = struct.unpack("!HH", packet[pos:pos + 4])
    return ident, flags, labels, qtype, qclass, pos + 4


def answer(packet, listed):
    """The response to one query packet, or None when it is not a query at all."""
    parsed = parse_question(packet)
    if parsed is None:
        return None
    ident, flags, labels, qtype, qclass, end = parsed
    if flags & 0x8000:  # a response, not a query: ignore it
        return None
    opcode = (flags >> 11) & 0xF
    # QR=1, the query's opcode and RD, AA=1 (we are the authority for everything), RA=0.
    head_flags = 0x8000 | (opcode << 11) | 0x0400 | (flags & 0x0100)
    if labels is None:
        return struct.pack("!HHHHHH", ident, head_flags | RCODE_FORMERR, 0, 0, 0, 0)
    if opcode != 0:
        return struct.pack("!HHHHHH", ident, head_flags | RCODE_NOTIMP, 0, 0, 0, 0)
    question = packet[12:end]
    name = ".".join(labels)
    if name != listed:
        return struct.pack("!HHHHHH", ident, head_flags | RCODE_NXDOMAIN, 1, 0, 0, 0) + question
    if qtype == TYPE_A and qclass == CLASS_IN:
        # Name as a pointer to the question (offset 12), TTL 60, 127.0.0.2.
        record = struct.pack("!HHHIH", 0xC00C, TYPE_A, CLASS_IN, 60, 4) + bytes([127, 0, 0, 2])
        return struct.pack("!HHHHHH", ident, head_flags, 1, 1, 0, 0) + question + record
    return struct.pack("!HHHHHH", ident, head_flags, 1, 0, 0, 0) + question


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=53)
    parser.add_argument("--zone", default="bl.test", help="the blocklist zone (default: bl.test)")
    args = parser.parse_args()
    listed = "1.0.0.127." + args.zone.lower().strip(".")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((HOST, args.port))
    print("READY", flush=True)
    try:
        while True:
            packet, peer = sock.recvfrom(4096)
            reply = answer(packet, listed)
            if reply is not None:
                sock.sendto(reply, peer)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
