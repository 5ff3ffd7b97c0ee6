#!/usr/bin/env python3
"""A loopback HTTP proxy that misbehaves for a while, for Dossier's publish tests.

Usage: fault_proxy.py --upstream-port PORT [--faults N] [--delay-ms MS] [--hang-s S] [--stop-after N] [--log PATH]

Listens on 127.0.0.1 (a free port, printed as "PORT <n>" on the first line of stdout) and relays each
HTTP/1.1 request to 127.0.0.1:PORT. The first N requests follow a fixed cycle of faults:

  0  drop: close the connection after reading the request, sending nothing
  1  answer 500 InternalError
  2  relay normally
  3  answer 503 SlowDown
  4  relay, then drop the answer (the request took effect upstream, the client never hears)
  5  hang: say nothing for --hang-s seconds (longer than the client's timeout), then close
  6  relay normally

After that every request is relayed. --delay-ms slows every relayed request down. With --stop-after N,
the proxy relays N requests, prints "STOPPED", and from then on leaves every request unanswered, as if the
network had died: tests interrupt a publish at that exact point. With --log, the request line of every
request is appended to PATH as it arrives, so tests can check the order requests were sent in. It talks only to 127.0.0.1 and exits on
SIGTERM or when stdin closes.
"""
import argparse
import os
import signal
import socket
import sys
import threading
import time

lock = threading.Lock()
counter = 0
stats = {"drop": 0, "500": 0, "503": 0, "lost": 0, "hang": 0, "relayed": 0}


relayed = 0


def next_action(args):
    global counter, relayed
    with lock:
        i = counter
        counter += 1
        if args.stop_after:
            if relayed >= args.stop_after:
                return "dead"
            relayed += 1
            if relayed == args.stop_after:
                return "last"
    if i >= args.faults:
        return "relay"
    return ["drop", "500", "relay", "503", "lost", "hang", "relay"][i % 7]


def read_request(conn, buffer):
    while b"\r\n\r\n" not in buffer:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        rest += chunk
    return (head, rest[:length]), rest[length:]


def with_connection_close(head):
    lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
    return b"\r\n".join(lines + [b"Connection: close"])


def relay(upstream_port, head, body):
    up = socket.create_connection(("127.0.0.1", upstream_port), timeout=30)
    try:
        up.sendall(with_connection_close(head) + b"\r\n\r\n" + body)
        data = b""
        while True:
            chunk = up.recv(65536)
            if not chunk:
                break
            data += chunk
    finally:
        up.close()
    if b"\r\n\r\n" not in data:
        return data
    rhead, rbody = data.split(b"\r\n\r\n", 1)
    return with_connection_close(rhead) + b"\r\n\r\n" + rbody


def error_response(status, code):
    body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>injected by fault_proxy</Message></Error>" % code).encode()
    reason = {500: "Internal Server Error", 503: "Service Unavailable"}[status]
    return ("HTTP/1.1 %d %s\r\nContent-Type: application/xml\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
            % (status, reason, len(body))).encode() + body


def serve(conn, args):
    buffer = b""
    try:
        while True:
            request, buffer = read_request(conn, buffer)
            if request is None:
                return
            head, body = request
            if args.log:
                with lock, open(args.log, "ab") as log:
                    log.write(head.split(b"\r\n", 1)[0] + b"\n")
            action = next_action(args)
            if action == "dead":
                time.sleep(3600)
                return
            with lock:
                stats[action if action not in ("relay", "last") else "relayed"] += 1
            if action == "drop":
                return
            if action == "hang":
                time.sleep(args.hang_s)
                return
            if action in ("500", "503"):
                conn.sendall(error_response(int(action), "InternalError" if action == "500" else "SlowDown"))
                return
            if args.delay_ms:
                time.sleep(args.delay_ms / 1000.0)
            response = relay(args.upstream_port, head, body)
            if action == "lost":
                return
            conn.sendall(response)
            if action == "last":
                print("STOPPED", flush=True)
            return  # every answer carries Connection: close
    except OSError:
        pass
    finally:
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--faults", type=int, default=0)
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--hang-s", type=float, default=2.0)
    parser.add_argument("--stop-after", type=int, default=0)
    parser.add_argument("--log", default="")
    args = parser.parse_args()

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    print("PORT %d" % server.getsockname()[1], flush=True)

    def stop(*_):
        sys.stderr.write("fault_proxy stats: %r\n" % stats)
        sys.stderr.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    # Exit when the test that started us goes away.
    threading.Thread(target=lambda: (sys.stdin.read(), stop()), daemon=True).start()
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn, args), daemon=True).start()


if __name__ == "__main__":
    main()
