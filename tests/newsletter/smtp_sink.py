#!/usr/bin/env python3
# ruff: noqa -- vendored copy of shared/bench/newsletter_sink.py, kept as it is.
"""A counting SMTP sink on loopback, for newsletter sending benchmarks.

It accepts every message and keeps nothing but counters: SMTP connections
opened, messages, recipients, bytes, deliveries per recipient (so double sends
and skipped recipients show), the peak number of connections open at once, and
the first two messages verbatim (to read their headers and MIME structure).

    python newsletter_sink.py --port 8025 --stats /tmp/sink.json --samples /tmp/sink-samples

Stats are rewritten (atomically) to --stats every 0.2 s while they change, and
once more on exit. It stops by itself after --max-seconds, or on SIGTERM/SIGINT.

Optional faults, to test what a sender does with them:
  --tempfail-every K   answer "451 4.3.0" at RCPT to every K-th new recipient,
                       the first time only (a retry succeeds)
  --ehlo-delay-ms D    wait D ms before answering EHLO: the cost of opening a
                       connection to a real relay (TCP + TLS + AUTH round trips)
  --data-delay-ms D    wait D ms before accepting each message (remote queueing)

Needs only aiosmtpd (pip install aiosmtpd). Binds to 127.0.0.x only.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP


class Stats:
    def __init__(self):
        self.started = time.time()
        self.connections = 0
        self.open_now = 0
        self.open_max = 0
        self.ehlo = 0
        self.messages = 0
        self.recipients = 0
        self.bytes = 0
        self.first_msg_t = None
        self.last_msg_t = None
        self.per_rcpt = {}
        self.dup_recipients = 0  # recipients who got more than one copy
        self.extra_copies = 0  # copies beyond the first, all recipients
        self.tempfails = 0
        self.max_rcpt_per_msg = 0
        self.samples = []
        self.version = 0

    def as_dict(self, full=False):
        d = {
            "connections": self.connections,
            "open_max": self.open_max,
            "ehlo": self.ehlo,
            "messages": self.messages,
            "recipients": self.recipients,
            "unique_recipients": len(self.per_rcpt),
            "dup_recipients": self.dup_recipients,
            "extra_copies": self.extra_copies,
            "tempfails_sent": self.tempfails,
            "bytes": self.bytes,
            "max_rcpt_per_msg": self.max_rcpt_per_msg,
            "messages_per_connection": round(self.messages / self.connections, 3)
            if self.connections
            else None,
            "first_msg_t": self.first_msg_t,
            "last_msg_t": self.last_msg_t,
            "sink_span_s": round(self.last_msg_t - self.first_msg_t, 4)
            if self.messages > 1
            else None,
            "samples": self.samples,
            "written_at": time.time(),
        }
        if full:
            d["dup_examples"] = [r for r, c in self.per_rcpt.items() if c > 1][:20]
        return d


def describe(raw: bytes):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    parts = []
    for p in msg.walk():
        parts.append(p.get_content_type())
    keep = (
        "Subject",
        "From",
        "To",
        "Content-Type",
        "MIME-Version",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "List-Id",
        "Precedence",
        "Auto-Submitted",
        "Message-ID",
        "Date",
        "Return-Path",
        "Feedback-ID",
    )
    headers = {h: str(msg[h]) for h in keep if msg[h] is not None}
    return {
        "size": len(raw),
        "mime_tree": parts,
        "headers": headers,
        "all_header_names": sorted(set(msg.keys())),
    }


class Handler:
    def __init__(self, stats, args):
        self.s = stats
        self.args = args
        self.seen_for_fail = set()
        self.new_rcpt_idx = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.s.ehlo += 1
        if self.args.ehlo_delay_ms:
            await asyncio.sleep(self.args.ehlo_delay_ms / 1000)
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        k = self.args.tempfail_every
        if k and address not in self.s.per_rcpt and address not in self.seen_for_fail:
            self.new_rcpt_idx += 1
            if self.new_rcpt_idx % k == 0:
                self.seen_for_fail.add(address)
                self.s.tempfails += 1
                self.s.version += 1
                return "451 4.3.0 Temporary failure, try again later (sink fault injection)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.data_delay_ms:
            await asyncio.sleep(self.args.data_delay_ms / 1000)
        s = self.s
        now = time.time()
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "replace")
        s.messages += 1
        s.bytes += len(raw)
        s.recipients += len(envelope.rcpt_tos)
        s.max_rcpt_per_msg = max(s.max_rcpt_per_msg, len(envelope.rcpt_tos))
        for r in envelope.rcpt_tos:
            c = s.per_rcpt.get(r, 0) + 1
            s.per_rcpt[r] = c
            if c == 2:
                s.dup_recipients += 1
            if c >= 2:
                s.extra_copies += 1
        if s.first_msg_t is None:
            s.first_msg_t = now
        s.last_msg_t = now
        if len(s.samples) < 2:
            d = describe(raw)
            d["envelope_to"] = list(envelope.rcpt_tos)
            s.samples.append(d)
            if self.args.samples:
                os.makedirs(self.args.samples, exist_ok=True)
                with open(os.path.join(self.args.samples, f"msg{len(s.samples)}.eml"), "wb") as f:
                    f.write(raw)
        s.version += 1
        return "250 Message accepted for delivery"


class CountingSMTP(SMTP):
    stats = None

    def connection_made(self, transport):
        s = self.stats
        s.connections += 1
        s.open_now += 1
        s.open_max = max(s.open_max, s.open_now)
        s.version += 1
        super().connection_made(transport)

    def connection_lost(self, exc):
        self.stats.open_now -= 1
        super().connection_lost(exc)


def write_stats(stats, path, full=False):
    if not path:
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(stats.as_dict(full=full), f)
    os.replace(tmp, path)


async def main(args):
    if not args.host.startswith("127."):
        sys.exit("newsletter_sink: refusing a non-loopback address")
    stats = Stats()
    CountingSMTP.stats = stats
    handler = Handler(stats, args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CountingSMTP(
            handler, hostname="sink.bench.local", data_size_limit=64 * 1024 * 1024
        ),
        host=args.host,
        port=args.port,
        backlog=512,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    deadline = time.monotonic() + args.max_seconds
    if args.ready_file:
        with open(args.ready_file, "w") as f:
            f.write(str(os.getpid()))
    written = -1
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.2)
        except asyncio.TimeoutError:
            pass
        if stats.version != written:
            written = stats.version
            write_stats(stats, args.stats)
    server.close()
    write_stats(stats, args.stats, full=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8025)
    ap.add_argument("--stats", help="JSON stats file, rewritten while counts change")
    ap.add_argument("--samples", help="folder for the first two messages, verbatim")
    ap.add_argument("--ready-file", help="written with the PID once the port listens")
    ap.add_argument("--max-seconds", type=float, default=3600)
    ap.add_argument("--tempfail-every", type=int, default=0)
    ap.add_argument("--ehlo-delay-ms", type=float, default=0)
    ap.add_argument("--data-delay-ms", type=float, default=0)
    asyncio.run(main(ap.parse_args()))
