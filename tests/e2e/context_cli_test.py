#!/usr/bin/env python3
"""End-to-end tests of `ctxscan context` on real directories.

Run: context_cli_test.py PATH_TO_CTXSCAN. Each test builds a directory tree in
a temporary folder, runs the real binary and checks its output and exit code.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leakcheck  # noqa: E402

CTXSCAN = None


def run(*args, cwd=None):
    return subprocess.run([CTXSCAN, *args], cwd=cwd, capture_output=True)


class Tree:
    def __init__(self, files):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name.encode()
        for path, content in files.items():
            self.write(path, content)

    def write(self, path, content=b""):
        if isinstance(path, str):
            path = path.encode()
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if path.endswith(b"/"):
            return
        with open(full, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode())

    def path(self, rel=b""):
        return os.path.join(self.root, rel.encode() if isinstance(rel, str) else rel)


class TreeTest(unittest.TestCase):
    def tree(self, files):
        t = Tree(files)
        self.addCleanup(t.tmp.cleanup)
        return t


class ContextLs(TreeTest):
    def test_plain_listing_applies_dockerignore(self):
        t = self.tree({"Dockerfile": "FROM scratch\n", ".dockerignore": "**/*.log\n.env\nsecrets\n!secrets/public.pem\n",
                  "app/main.py": "print()\n", "app/debug.log": "x", ".env": "A=1",
                  "secrets/id_rsa": "k", "secrets/public.pem": "p"})
        r = run("context", "ls", t.path())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.decode().splitlines(),
                         [".dockerignore", "Dockerfile", "app/", "app/main.py", "secrets/", "secrets/public.pem"])

    def test_long_and_json(self):
        t = self.tree({"Dockerfile": "FROM scratch\n", "a/b.txt": "hello"})
        r = run("context", "ls", "--long", t.path())
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.decode().splitlines()
        self.assertEqual(lines[-1], "total: 3 entries, 18 bytes (2 file, 1 dir)")
        self.assertIn("file                5  a/b.txt", lines)
        r = run("context", "ls", "--json", t.path())
        self.assertEqual(json.loads(r.stdout), [
            {"path": "Dockerfile", "type": "file", "size": 13},
            {"path": "a", "type": "dir", "size": 0},
            {"path": "a/b.txt", "type": "file", "size": 5}])

    def test_symlinks_listed_never_followed_and_special_files(self):
        t = self.tree({"Dockerfile": "", "real/x": ""})
        outside = tempfile.TemporaryDirectory()
        with open(os.path.join(outside.name, "secret"), "w") as f:
            f.write("s")
        os.symlink(outside.name, t.path("link"))
        os.symlink("missing", t.path("dangling"))
        os.mkfifo(t.path("pipe"))
        s = socket.socket(socket.AF_UNIX)
        s.bind(t.path("sock"))
        r = run("context", "ls", "--json", t.path())
        self.assertEqual(r.returncode, 0, r.stderr)
        got = {e["path"]: e["type"] for e in json.loads(r.stdout)}
        self.assertEqual(got, {"Dockerfile": "file", "real": "dir", "real/x": "file", "link": "symlink",
                               "dangling": "symlink", "pipe": "fifo", "sock": "socket"})
        s.close()

    def test_hostile_names_are_escaped(self):
        t = self.tree({"Dockerfile": ""})
        t.write(b"new\nline")
        t.write(b"bad\xffbyte")
        t.write(b"back\\slash")
        r = run("context", "ls", t.path())
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"Dockerfile\nback\\\\slash\nbad\\xffbyte\nnew\\nline\n")
        r = run("context", "ls", "--json", t.path())
        entries = json.loads(r.stdout)
        bad = [e for e in entries if "path_base64" in e]
        self.assertEqual(len(bad), 1)
        self.assertEqual(bad[0]["path_base64"], "YmFk/2J5dGU=")

    def test_invalid_pattern_is_an_error_with_file_and_line(self):
        t = self.tree({"Dockerfile": "", ".dockerignore": "ok\n# comment\nbad[\n"})
        r = run("context", "ls", t.path())
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.decode(),
                         "error: %s/.dockerignore:3: invalid pattern \"bad[\": unclosed '['\n" % t.root.decode())

    def test_dockerfile_specific_ignore_file_with_buildkit_only(self):
        t = self.tree({"build/app.Dockerfile": "FROM scratch\n", "build/app.Dockerfile.dockerignore": "x\n",
                  ".dockerignore": "y\n", "x": "", "y": ""})
        df = t.path("build/app.Dockerfile").decode()
        r = run("context", "ls", "-f", df, t.path())
        self.assertNotIn("x", r.stdout.decode().splitlines())
        self.assertIn("y", r.stdout.decode().splitlines())
        r = run("context", "ls", "--builder", "legacy", "-f", df, t.path())
        self.assertIn("x", r.stdout.decode().splitlines())
        self.assertNotIn("y", r.stdout.decode().splitlines())

    def test_same_output_at_any_thread_count(self):
        files = {"Dockerfile": "", ".dockerignore": "**/b*\n!**/b1*\n"}
        for i in range(300):
            files["d%d/e%d/%s%d" % (i % 7, i % 5, "ab"[i % 2], i)] = ""
        t = self.tree(files)
        outs = {run("context", "ls", "--threads", str(n), t.path()).stdout for n in (1, 2, 4, 16)}
        self.assertEqual(len(outs), 1)

    def test_unreadable_entries_are_reported_and_walk_continues(self):
        t = self.tree({"Dockerfile": "", "locked/x": "", "open/y": "", "key.pem": "k",
                       "ignored/z": "", ".dockerignore": "ignored\n"})
        prefix = []
        if os.geteuid() == 0:
            # root reads everything; drop to nobody so permissions apply.
            if subprocess.run(["which", "setpriv"], capture_output=True).returncode != 0:
                self.skipTest("running as root without setpriv")
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            os.chmod(t.root, 0o755)
            for d in ("open", "locked", "ignored"):
                os.chmod(t.path(d), 0o755)
            for f in ("Dockerfile", "open/y", ".dockerignore"):
                os.chmod(t.path(f), 0o644)
        os.chmod(t.path("locked"), 0)
        os.chmod(t.path("ignored"), 0)
        os.chmod(t.path("key.pem"), 0)
        try:
            r = subprocess.run(prefix + [CTXSCAN, "context", "ls", t.path()], capture_output=True)
        finally:
            os.chmod(t.path("locked"), 0o755)
            os.chmod(t.path("ignored"), 0o755)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"open/y\n", r.stdout)
        self.assertEqual(r.stderr.decode().splitlines(), [
            "error: key.pem: permission denied", "error: locked: permission denied",
            "error: 2 path(s) cannot be read; docker build would fail on them"])

    def test_missing_directory(self):
        r = run("context", "ls", "/nonexistent/ctx")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.decode(), "error: /nonexistent/ctx: no such file or directory\n")

    def test_missing_dockerfile_named_with_f(self):
        t = self.tree({"ctx/a": ""})
        for args in (["ls"], ["why"]):
            r = run("context", *args, "-f", "nope/Dockerfile", "ctx", *(["a"] if args == ["why"] else []),
                    cwd=t.path())
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stderr, b"error: nope/Dockerfile: no such file or directory\n", args)
            self.assertEqual(r.stdout, b"", args)

    def test_usage_error_exit_code(self):
        r = run("context", "ls", "--builder", "nope", ".")
        self.assertEqual(r.returncode, 2)


class ContextWhy(TreeTest):
    def test_why(self):
        t = self.tree({"Dockerfile": "", ".dockerignore": "# c\n**/.env\nbuild\n", ".env": "", "build/x": ""})
        r = run("context", "why", t.path(), ".env")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout.decode(), '.env: not sent: excluded by %s/.dockerignore:2 "**/.env"\n'
                         % t.root.decode())
        r = run("context", "why", t.path(), "build/x")
        self.assertIn("parent directory build/ is excluded by", r.stdout.decode())
        r = run("context", "why", t.path(), "../etc/passwd")
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    leakcheck.install(CTXSCAN, __file__)
    unittest.main()
