#!/usr/bin/env python3
"""Rebuild-on-edit latency of `dossier serve`: from a brief's Markdown being written to the `reload` event on the
live-reload stream, as an open page would receive it.

Copies the example site (Content/) to a temporary folder, starts `dossier serve` on a free loopback port, opens
the event stream over a raw socket, then edits a brief N times (appending a sentence), timing each write to its
event. Prints each run and the min / median / p90 / max.

    python3 Benchmarks/reload-latency.py [--binary .build/release/dossier] [--runs 20] [--poll] [--content DIR]
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "dossier"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--poll", action="store_true", help="use the polling watcher")
    parser.add_argument("--content", default=os.path.join(ROOT, "Content"),
                        help="the Content/ folder to copy (e.g. a benchmark corpus's dossier/Content)")
    args = parser.parse_args()

    site = tempfile.mkdtemp(prefix="dossier-latency-")
    shutil.copytree(args.content, os.path.join(site, "Content"))
    briefs = sorted(os.listdir(os.path.join(site, "Content", "briefs")))
    brief = os.path.join(site, "Content", "briefs", briefs[0])
    with open(brief, encoding="utf-8") as f:
        original = f.read()
    port = free_port()
    command = [args.binary, "serve", "--site", site, "--port", str(port)] + (["--poll"] if args.poll else [])
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    threading.Thread(target=lambda: [lines.append(l.rstrip()) for l in server.stdout], daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any("serving http://" in l for l in lines):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("dossier serve did not start:\n" + "\n".join(lines))
            time.sleep(0.02)
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(b"GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        received = b""
        while b"retry:" not in received:
            received += sock.recv(65536)
        latencies = []
        for run in range(1, args.runs + 1):
            time.sleep(0.3)
            seen = received.count(b"event: reload")
            start = time.perf_counter()
            with open(brief, "w", encoding="utf-8") as f:
                f.write(original + f"\nEdit number {run} for the latency measurement.\n")
            while received.count(b"event: reload") == seen:
                chunk = sock.recv(65536)
                if not chunk:
                    raise SystemExit("the event stream closed")
                received += chunk
            latencies.append((time.perf_counter() - start) * 1000)
            print(f"run {run:2d}: {latencies[-1]:6.1f} ms   ({lines[-1] if lines else ''})", flush=True)
        latencies.sort()
        p90 = latencies[min(len(latencies) - 1, int(round(0.9 * (len(latencies) - 1))))]
        print(f"write → reload event over {len(latencies)} edits of {os.path.relpath(brief, site)} "
              f"({'polling' if args.poll else 'inotify'}): min {latencies[0]:.1f} ms, median {statistics.median(latencies):.1f} ms, "
              f"p90 {p90:.1f} ms, max {latencies[-1]:.1f} ms")
    finally:
        server.send_signal(2)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
