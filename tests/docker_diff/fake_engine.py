#!/usr/bin/env python3
"""A minimal stand-in for the Docker engine API, listening on a unix socket.

Why: with DOCKER_BUILDKIT=0 the docker CLI computes the build context itself
(reads .dockerignore, walks the directory) and uploads it as a tar in
`POST /vX.Y/build`.  Capturing that tar tells us exactly which files the real
CLI would send, without needing a daemon.  run_diff.py compares it with
`ctxscan context ls --builder legacy`.

Usage: fake_engine.py [-v] SOCKET_PATH OUT_DIR   (-v logs every request)

Every build request is saved as OUT_DIR/<name>.tar plus OUT_DIR/<name>.json
(method, path, query, headers, size).  <name> is the first `t` (tag) query
parameter with unsafe characters replaced, or `build-<n>` when the build is
untagged.  Giving each concurrent `docker build` its own tag makes one engine
safe to share between parallel workers; files are written under a temporary
name and renamed so a reader never sees a partial tar.

Python stdlib only: http.server's handler on a threading unix socket server.
"""

import json
import os
import re
import signal
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

API_VERSION = "1.47"
# Paths may carry an API version prefix: /v1.47/build -> /build.
VERSION_PREFIX = re.compile(r"^/v[0-9]+(\.[0-9]+)?(?=/)")
FAKE_IMAGE_ID = "sha256:" + "0123456789abcdef" * 4

_counter_lock = threading.Lock()
_counter = 0


def next_build_number():
    global _counter
    with _counter_lock:
        _counter += 1
        return _counter


class EngineHandler(BaseHTTPRequestHandler):
    # HTTP/1.1 so the Go client can keep its connection alive; every response
    # therefore carries a Content-Length.
    protocol_version = "HTTP/1.1"
    server_version = "fake-docker-engine"
    out_dir = "."  # set in main()
    verbose = False

    # -- helpers ---------------------------------------------------------

    def log_message(self, fmt, *args):
        # The default implementation formats client_address, which is not a
        # (host, port) pair on a unix socket.  Unexpected requests are always
        # logged by not_found(); the rest only with -v.
        if self.verbose:
            print("fake engine: " + fmt % args, file=sys.stderr, flush=True)

    def send_body(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("API-Version", API_VERSION)
        self.send_header("OSType", "linux")
        self.send_header("Docker-Experimental", "false")
        self.send_header("Builder-Version", "1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, status, obj):
        self.send_body(status, json.dumps(obj) + "\n")

    def not_found(self):
        msg = "fake engine: unsupported request %s %s" % (self.command, self.path)
        print(msg, file=sys.stderr, flush=True)
        self.drain_body()
        self.send_json(404, {"message": msg})

    def read_body(self):
        """Read the whole request body: chunked or Content-Length delimited."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size_line = self.rfile.readline()
                if not size_line:
                    raise ConnectionError("EOF inside chunked body")
                size = int(size_line.split(b";")[0].strip(), 16)
                if size == 0:
                    # Skip optional trailers up to the terminating blank line.
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()  # CRLF after each chunk
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def drain_body(self):
        # Keep the connection usable even for requests we reject.
        try:
            self.read_body()
        except (ValueError, ConnectionError):
            self.close_connection = True

    def route(self):
        return VERSION_PREFIX.sub("", urlsplit(self.path).path)

    # -- endpoints -------------------------------------------------------

    def handle_build(self):
        query = parse_qs(urlsplit(self.path).query)
        body = self.read_body()
        tags = query.get("t", [])
        if tags:
            name = re.sub(r"[^A-Za-z0-9._-]", "_", tags[0])
        else:
            name = "build-%d" % next_build_number()
        base = os.path.join(self.out_dir, name)
        meta = {"method": self.command, "path": self.path, "query": query,
                "headers": dict(self.headers.items()), "size": len(body)}
        for suffix, data in ((".tar", body), (".json", json.dumps(meta, indent=1).encode())):
            tmp = base + suffix + ".tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, base + suffix)
        # A JSON stream like the real engine's; the aux ID makes the CLI
        # consider the build successful.  With q=1 (docker build -q) the real
        # engine only streams the image ID, which the CLI then prints.
        if query.get("q", ["0"])[0] in ("1", "true"):
            lines = [{"aux": {"ID": FAKE_IMAGE_ID}}, {"stream": FAKE_IMAGE_ID + "\n"}]
        else:
            lines = [
                {"stream": "Step 1/1 : (fake engine: %d bytes of context)\n" % len(body)},
                {"aux": {"ID": FAKE_IMAGE_ID}},
                {"stream": "Successfully built %s\n" % FAKE_IMAGE_ID[7:19]},
            ]
        self.send_body(200, "".join(json.dumps(x) + "\n" for x in lines))

    def do_HEAD(self):
        if self.route() == "/_ping":
            self.send_body(200, b"", "text/plain; charset=utf-8")
        else:
            self.not_found()

    def do_GET(self):
        route = self.route()
        if route == "/_ping":
            self.send_body(200, b"OK", "text/plain; charset=utf-8")
        elif route == "/version":
            self.send_json(200, {
                "Version": "28.0.0-fake", "ApiVersion": API_VERSION,
                "MinAPIVersion": "1.24", "Os": "linux", "Arch": "amd64",
                "GitCommit": "fake", "GoVersion": "go1.0", "KernelVersion": "fake",
                "Components": [{"Name": "Engine", "Version": "28.0.0-fake"}],
            })
        elif route == "/info":
            self.send_json(200, {
                "ID": "fake", "Name": "fake-engine", "OSType": "linux",
                "ServerVersion": "28.0.0-fake", "Driver": "none",
                "Containers": 0, "Images": 0, "Architecture": "x86_64",
            })
        else:
            self.not_found()

    def do_POST(self):
        if self.route() == "/build":
            self.handle_build()
        else:
            self.not_found()

    do_PUT = do_DELETE = do_PATCH = not_found


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main(argv):
    args = argv[1:]
    if args[:1] == ["-v"]:
        EngineHandler.verbose = True
        args = args[1:]
    if len(args) != 2:
        print("usage: fake_engine.py [-v] SOCKET_PATH OUT_DIR", file=sys.stderr)
        return 2
    sock_path, out_dir = args
    os.makedirs(out_dir, exist_ok=True)
    EngineHandler.out_dir = out_dir
    if os.path.exists(sock_path):
        os.unlink(sock_path)  # stale socket from an earlier run
    # Turn SIGTERM into a normal exit so the socket file is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with Server(sock_path, EngineHandler) as server:
        print("fake engine listening on %s" % sock_path, file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            os.unlink(sock_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
