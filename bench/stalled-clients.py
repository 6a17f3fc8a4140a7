#!/usr/bin/env python3
"""Stalled clients against a running Images API v2 server (glance4j or real Glance), on 127.0.0.1 only.

    bench/stalled-clients.py BASEURL N [SAMPLES]

Opens N stalled uploads (PUT /v2/images/{id}/file with Content-Length 1 MiB, 10 bytes sent, then silence; one
fresh image each) and N unread downloads (GET /v2/images/{id}/file of one 64 MiB image, never read), then times
fresh-connection calls while they are all open: GET /versions, POST /v2/images (create), PUT of 1 KiB (upload)
and GET of 1 KiB (download). Prints the median and maximum in ms per call and how many failed or took longer
than 10 s. The server must accept unauthenticated calls (glance4j's noauth, or Glance's
unauthenticated-context pipeline). Needs about 2N+50 file descriptors (ulimit -n).
"""
import http.client
import json
import socket
import statistics
import sys
import time
import urllib.parse

TIMEOUT = 10.0


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    n = int(sys.argv[2])
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    host, port = base.hostname, base.port
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only")

    def call(method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, data
        finally:
            conn.close()

    def create(name):
        status, data = call("POST", "/v2/images", json.dumps(
            {"name": name, "disk_format": "raw", "container_format": "bare"}),
            {"Content-Type": "application/json"})
        if status != 201:
            raise SystemExit(f"create answered {status}: {data[:200]!r}")
        return json.loads(data)["id"]

    def upload(image_id, payload):
        status, data = call("PUT", f"/v2/images/{image_id}/file", payload,
                            {"Content-Type": "application/octet-stream"})
        if status != 204:
            raise SystemExit(f"upload answered {status}: {data[:200]!r}")

    big = create("stalled-bench-big")
    upload(big, b"\0" * (64 * 1024 * 1024))
    small = create("stalled-bench-small")
    upload(small, b"x" * 1024)
    stalled_ids = [create(f"stalled-bench-{i}") for i in range(n)]

    held = []
    t0 = time.monotonic()
    for image_id in stalled_ids:
        s = socket.create_connection((host, port))
        s.sendall((f"PUT /v2/images/{image_id}/file HTTP/1.1\r\nHost: {host}:{port}\r\n"
                   "Content-Type: application/octet-stream\r\nContent-Length: 1048576\r\n\r\n0123456789").encode())
        held.append(s)
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect((host, port))
        s.sendall(f"GET /v2/images/{big}/file HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        held.append(s)
    time.sleep(2)  # let the server take them all in before measuring
    print(f"{n} stalled uploads + {n} unread downloads open after {time.monotonic() - t0:.1f} s")

    payload = b"y" * 1024
    tests = {
        "versions": lambda: call("GET", "/versions"),
        "create": lambda: call("POST", "/v2/images", json.dumps({"name": "probe"}),
                               {"Content-Type": "application/json"}),
        "upload": None,
        "download": lambda: call("GET", f"/v2/images/{small}/file"),
    }
    for name in tests:
        times, failed = [], 0
        for _ in range(samples):
            fn = tests[name]
            start = time.monotonic()
            if name == "upload":
                try:
                    target = create("probe-upload")
                except (OSError, http.client.HTTPException, SystemExit):
                    failed += 1
                    continue
                start = time.monotonic()
                fn = lambda target=target: call("PUT", f"/v2/images/{target}/file", payload,
                                                 {"Content-Type": "application/octet-stream"})
            try:
                status, _ = fn()
                ok = status < 400
            except (OSError, http.client.HTTPException):
                ok = False
            elapsed = (time.monotonic() - start) * 1000
            if ok:
                times.append(elapsed)
            else:
                failed += 1
        if times:
            print(f"  {name:9s} median {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms  "
                  f"failed/timed out {failed}/{samples}")
        else:
            print(f"  {name:9s} no answer within {TIMEOUT:.0f} s: failed/timed out {failed}/{samples}")
    for s in held:
        s.close()


if __name__ == "__main__":
    main()
