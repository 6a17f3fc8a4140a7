#!/usr/bin/env python3
"""bench/lib/tus.py: a small tus 1.0.0 client (core, creation, concatenation) for bench/upload.sh, on the standard
library alone (http.client), streaming a file from disk in 1 MiB blocks (never holding it in memory).

  tus.py options ENDPOINT                      prints the status of OPTIONS ENDPOINT (204 when tus is served)
  tus.py single ENDPOINT FILE [URL_FILE PROGRESS_FILE]
        creates one upload of the whole file and sends it in one PATCH; writes the upload URL to URL_FILE and the
        number of bytes handed to the socket to PROGRESS_FILE as it goes (so that a caller can kill it midway)
  tus.py resume UPLOAD_URL FILE
        after a cut: HEAD for the offset, one PATCH of 1 MiB (the first accepted byte), then one PATCH of the rest;
        prints "head=<s> first=<s> total=<s>" (seconds from its start); retries HEAD and PATCH while the server
        still holds the cut request (409, 423), for at most 120 s
  tus.py parallel ENDPOINT FILE PARTS
        PARTS partial uploads (Upload-Concat: partial) sent at once on PARTS connections, then the final upload
        (Upload-Concat: final;...) that concatenates them

Identity: every request carries the headers of the environment variable TUS_HEADERS ("Name: value" lines).
Every request has a socket timeout of 900 s. Exits non-zero with a message on any unexpected answer.
"""
import http.client
import os
import sys
import threading
import time
import urllib.parse

BLOCK = 1 << 20
TIMEOUT = 900


def headers():
    extra = {}
    for line in os.environ.get("TUS_HEADERS", "").splitlines():
        if ":" in line:
            name, value = line.split(":", 1)
            extra[name.strip()] = value.strip()
    extra["Tus-Resumable"] = "1.0.0"
    return extra


def connect(url):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=TIMEOUT), parts.path or "/"


def request(method, url, extra=None, expect=(200, 201, 204)):
    conn, path = connect(url)
    try:
        all_headers = headers()
        all_headers.update(extra or {})
        conn.request(method, path, headers=all_headers)
        answer = conn.getresponse()
        body = answer.read()
        if answer.status not in expect:
            raise SystemExit("%s %s: HTTP %d %s" % (method, url, answer.status, body[:500].decode("utf-8", "replace")))
        return answer
    finally:
        conn.close()


def create(endpoint, length=None, concat=None):
    extra = {"Content-Length": "0"}
    if length is not None:
        extra["Upload-Length"] = str(length)
    if concat is not None:
        extra["Upload-Concat"] = concat
    answer = request("POST", endpoint, extra, expect=(201,))
    location = answer.getheader("Location")
    if not location:
        raise SystemExit("POST %s: 201 without a Location" % endpoint)
    return urllib.parse.urljoin(endpoint, location)


def patch(url, path, offset, length, progress=None, file_start=0):
    """Sends bytes [offset, offset+length) of the upload in one PATCH, read from the file at path from
    file_start + offset (a partial upload starts inside the file); returns (status, new offset)."""
    conn, target = connect(url)
    try:
        conn.putrequest("PATCH", target, skip_accept_encoding=True)
        all_headers = headers()
        all_headers.update({
            "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": str(offset),
            "Content-Length": str(length),
        })
        for name, value in all_headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        sent = 0
        with open(path, "rb") as f:
            f.seek(file_start + offset)
            while sent < length:
                block = f.read(min(BLOCK, length - sent))
                if not block:
                    raise SystemExit("%s ended early" % path)
                conn.send(block)
                sent += len(block)
                if progress:
                    progress(sent)
        answer = conn.getresponse()
        body = answer.read()
        new_offset = answer.getheader("Upload-Offset")
        if answer.status == 204 and new_offset is None:
            raise SystemExit("PATCH %s: 204 without Upload-Offset" % url)
        if answer.status not in (204, 409, 423):
            raise SystemExit("PATCH %s: HTTP %d %s" % (url, answer.status, body[:500].decode("utf-8", "replace")))
        return answer.status, int(new_offset) if new_offset is not None else None
    finally:
        conn.close()


def options(endpoint):
    conn, path = connect(endpoint)
    try:
        conn.request("OPTIONS", path, headers=headers())
        answer = conn.getresponse()
        answer.read()
        print(answer.status)
    except OSError as e:
        print("000 (%s)" % e)
    finally:
        conn.close()


def single(endpoint, path, url_file=None, progress_file=None):
    size = os.path.getsize(path)
    url = create(endpoint, length=size)
    if url_file:
        with open(url_file, "w") as f:
            f.write(url + "\n")
    state = {"last": 0}

    def progress(sent):
        if progress_file and sent - state["last"] >= 16 * BLOCK:
            state["last"] = sent
            with open(progress_file + ".tmp", "w") as f:
                f.write("%d\n" % sent)
            os.replace(progress_file + ".tmp", progress_file)

    status, offset = patch(url, path, 0, size, progress)
    if status != 204 or offset != size:
        raise SystemExit("PATCH %s: HTTP %d, offset %s of %d" % (url, status, offset, size))


def head_offset(url):
    answer = request("HEAD", url, expect=(200, 204))
    offset = answer.getheader("Upload-Offset")
    if offset is None:
        raise SystemExit("HEAD %s: no Upload-Offset" % url)
    return int(offset)


def resume(url, path):
    size = os.path.getsize(path)
    start = time.monotonic()
    deadline = start + 120
    head_s = first_s = restart_offset = None
    while True:
        offset = head_offset(url)
        if head_s is None:
            head_s = time.monotonic() - start
            restart_offset = offset
        if offset >= size:
            break
        length = min(BLOCK, size - offset) if first_s is None else size - offset
        status, new_offset = patch(url, path, offset, length)
        if status == 204:
            if first_s is None:
                first_s = time.monotonic() - start
            offset = new_offset
            if offset >= size:
                break
            continue
        if time.monotonic() > deadline:
            raise SystemExit("PATCH %s still refused (HTTP %d) after 120 s" % (url, status))
        time.sleep(0.2)
    if first_s is None:
        first_s = time.monotonic() - start
    print("head=%.2f first=%.2f total=%.2f resumed_at=%d" % (head_s, first_s, time.monotonic() - start,
                                                               restart_offset))


def parallel(endpoint, path, parts):
    size = os.path.getsize(path)
    bounds = [size * i // parts for i in range(parts + 1)]
    urls = [create(endpoint, length=bounds[i + 1] - bounds[i], concat="partial") for i in range(parts)]
    failures = []

    def send(i):
        try:
            status, offset = patch(urls[i], path, 0, bounds[i + 1] - bounds[i], file_start=bounds[i])
            if status != 204 or offset != bounds[i + 1] - bounds[i]:
                failures.append("part %d: HTTP %d, offset %s" % (i, status, offset))
        except BaseException as e:  # SystemExit included: report it from the main thread
            failures.append("part %d: %s" % (i, e))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(parts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit("; ".join(failures))
    paths = " ".join(urllib.parse.urlsplit(u).path for u in urls)
    create(endpoint, concat="final;" + paths)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    command = argv[1]
    if command == "options":
        options(argv[2])
    elif command == "single":
        single(argv[2], argv[3], *(argv[4:6]))
    elif command == "resume":
        resume(argv[2], argv[3])
    elif command == "parallel":
        parallel(argv[2], argv[3], int(argv[4]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
