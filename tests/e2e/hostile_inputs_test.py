#!/usr/bin/env python3
"""Hostile inputs end to end (issue 16): each tree below must scan to the end
with no crash and no hang (a time limit), a clear account of what was
skipped, the documented exit code, and the tree unchanged (every entry's
type, size, mode, mtime and content hashed before and after).

- special files: a FIFO and a socket (must not block), a symlink loop, a
  symlink to /, a symlink to a secret outside the tree (never followed);
- a 2 GB sparse file and a NUL-filled file (counted as skipped, with reasons);
- 100 million newlines, then a secret (its line number is exact);
- a 2 GB file with no newline, a secret at its end (found at line 1 and its
  exact column, in bounded memory);
- nesting beyond PATH_MAX (an error naming the directory the walk cannot
  open, exit 2);
- 200,000 entries in one directory;
- names with a newline, a tab, ESC and BEL, in every report format;
- malformed .ctxscan.yaml, rule files, baselines and .dockerignore (exit 2,
  an error naming the file and line) and a malformed Dockerfile (a note);
- a rule with nested repeats (refused when unbounded, linear when bounded);
- files that vanish or grow while the scan runs;
- a closed standard output (exit 2, "writing standard output");
- git history with a truncated loose object, a corrupt pack, 100,000 refs.

Run: hostile_inputs_test.py PATH_TO_CTXSCAN."""
import atexit
import hashlib
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leakcheck  # noqa: E402

CTXSCAN = None
SECRET_LINE = b"DB_PASSWORD=kszs82mvQ7pL\n"  # found by generic.assignment
LIMIT = 120  # seconds; a hang fails the test instead of the whole suite


CACHE = tempfile.mkdtemp(prefix="ctxscan-hostile-cache-")  # never the user's cache
atexit.register(shutil.rmtree, CACHE, True)


def scan(*args):
    return subprocess.run([CTXSCAN, "scan", "--all-files", *args], capture_output=True,
                          timeout=LIMIT, env=dict(os.environ, XDG_CACHE_HOME=CACHE))


def tree_state(root):
    """Every entry under root: type, size, mode, mtime and a content hash
    (through directory descriptors, so paths beyond PATH_MAX are covered)."""
    state = {}
    for dirpath, dirnames, filenames, dirfd in os.fwalk(root, follow_symlinks=False):
        for name in dirnames + filenames:
            st = os.lstat(name, dir_fd=dirfd)
            entry = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mode, st.st_mtime_ns)
            if stat.S_ISREG(st.st_mode) and st.st_size < (64 << 20):
                fd = os.open(name, os.O_RDONLY, dir_fd=dirfd)
                with os.fdopen(fd, "rb") as f:
                    entry += (hashlib.sha256(f.read()).hexdigest(),)
            elif stat.S_ISLNK(st.st_mode):
                entry += (os.readlink(name, dir_fd=dirfd),)
            state[os.path.join(os.path.relpath(dirpath, root), name)] = entry
    return state


class HostileInputs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.tmp.name, "t")
        os.mkdir(self.root)
        self.sockets = []

    def tearDown(self):
        for s in self.sockets:
            s.close()
        self.tmp.cleanup()

    def scan_unchanged(self, *args):
        """Scans the tree as JSON; checks the tree did not change."""
        before = tree_state(self.root)
        r = scan("--format", "json", *args, self.root)
        self.assertEqual(tree_state(self.root), before, "the scan changed the tree")
        self.assertIn(r.returncode, (0, 1, 2), r.stderr)
        self.assertNotIn(b"terminate called", r.stderr)
        return r, json.loads(r.stdout)

    def test_special_files_never_block_and_symlinks_are_never_followed(self):
        outside = os.path.join(self.tmp.name, "outside.env")
        with open(outside, "wb") as f:
            f.write(SECRET_LINE)
        os.mkfifo(os.path.join(self.root, "pipe"))
        s = socket.socket(socket.AF_UNIX)
        s.bind(os.path.join(self.root, "sock"))
        self.sockets.append(s)
        os.symlink("loop", os.path.join(self.root, "loop"))
        os.symlink("/", os.path.join(self.root, "slash"))
        os.symlink(outside, os.path.join(self.root, "outside-link"))
        os.symlink(".", os.path.join(self.root, "self"))
        r, report = self.scan_unchanged()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(report["findings"], [])
        self.assertEqual(report["errors"], [])

    def test_huge_sparse_and_nul_filled_files_are_counted_skips(self):
        with open(os.path.join(self.root, "sparse.img"), "wb") as f:
            f.truncate(2_000_000_000)
        with open(os.path.join(self.root, "zeros.bin"), "wb") as f:
            f.write(b"\0" * (8 << 20))
        r, report = self.scan_unchanged()
        self.assertEqual(r.returncode, 0, r.stderr)
        reasons = {s["path"]: s["reason"] for s in report["skipped"]}
        self.assertEqual(set(reasons), {"sparse.img", "zeros.bin"}, report["skipped"])
        self.assertIn("large", reasons["sparse.img"])
        self.assertIn("binary", reasons["zeros.bin"])

    def test_a_secret_after_a_hundred_million_newlines_has_its_line(self):
        with open(os.path.join(self.root, "app.conf"), "wb") as f:
            for _ in range(100):
                f.write(b"\n" * 1_000_000)
            f.write(SECRET_LINE)
        r, report = self.scan_unchanged("--max-file-size", "200000000")
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = [loc["line"] for f in report["findings"] for loc in f["locations"]
                 if f["rule_id"] == "generic.assignment"]
        self.assertEqual(lines, [100_000_001])

    def test_a_two_gigabyte_line_is_scanned_in_bounded_memory(self):
        filler = b"ab, " * (16 << 20)  # 64 MiB: no newline, no token-like run
        size = 0
        with open(os.path.join(self.root, "bundle.min.js"), "wb") as f:
            while size < 2_000_000_000:
                f.write(filler)
                size += len(filler)
            f.write(b" DB_PASSWORD=kszs82mvQ7pL")  # no newline at the end either
        before = tree_state(self.root)
        out_path, err_path = (os.path.join(self.tmp.name, n) for n in ("out.json", "err.txt"))
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            child = subprocess.Popen([CTXSCAN, "scan", "--all-files", "--format", "json",
                                      "--max-file-size", "3000000000", self.root],
                                     stdout=out, stderr=err,
                                     env=dict(os.environ, XDG_CACHE_HOME=CACHE))
            # Reaped here, not by Popen, for the child's own peak memory.
            _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        with open(err_path, "rb") as f:
            err = f.read()
        self.assertEqual(tree_state(self.root), before, "the scan changed the tree")
        self.assertEqual(child.returncode, 1, err)
        with open(out_path, "rb") as f:
            report = json.load(f)
        places = [(loc["line"], loc["column"]) for f in report["findings"] for loc in f["locations"]
                  if f["rule_id"] == "generic.assignment"]
        self.assertEqual(places, [(1, size + len(b" DB_PASSWORD=") + 1)])  # the value's column
        self.assertLess(usage.ru_maxrss, 512 << 10, "peak memory (KiB) grew with the line")

    def test_nesting_beyond_path_max_is_an_error_naming_the_directory(self):
        fd = os.open(self.root, os.O_RDONLY)
        for i in range(45):  # 45 components of 100 bytes: over 4,096
            name = "d%02d" % i + "x" * 97
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("deep.env", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, SECRET_LINE)
        os.close(out)
        os.close(fd)
        r, report = self.scan_unchanged()
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(len(report["errors"]), 1, report["errors"])
        # The walk stops at the first directory it cannot open and says so.
        self.assertTrue(report["errors"][0]["path"].startswith("d00"), report["errors"][0])
        self.assertEqual(report["findings"], [])
        self.assertIn("too long", json.dumps(report["errors"][0]))

    def test_two_hundred_thousand_entries_in_one_directory(self):
        d = os.path.join(self.root, "many")
        os.mkdir(d)
        for i in range(200_000):
            with open(os.path.join(d, "f%06d" % i), "wb"):
                pass
        with open(os.path.join(d, "z.env"), "wb") as f:
            f.write(SECRET_LINE)
        r, report = self.scan_unchanged()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(report["summary"]["files_scanned"], 200_001)
        self.assertEqual({f["path"] for f in report["findings"] if f["kind"] == "secret"},
                         {"many/z.env"})

    def test_hostile_names_in_every_format(self):
        name = "odd\nname\t\x1b[31m\x07"
        os.mkdir(os.path.join(self.root, name))
        with open(os.path.join(self.root, name, "app.env"), "wb") as f:
            f.write(SECRET_LINE)
        before = tree_state(self.root)
        for fmt in ("text", "json", "jsonl", "sarif", "github", "junit", "gitlab"):
            r = scan("--format", fmt, self.root)
            self.assertEqual(r.returncode, 1, (fmt, r.stderr))
            for stream in (r.stdout, r.stderr):
                for raw in (b"\x1b", b"\x07", b"odd\nname"):
                    self.assertNotIn(raw, stream, fmt)
            if fmt in ("sarif", "gitlab"):
                self.assertIn("app.env", json.dumps(json.loads(r.stdout)), fmt)
            if fmt == "json":  # escaped in the text, exact once decoded
                self.assertEqual([f["path"] for f in json.loads(r.stdout)["findings"]
                                  if f["kind"] == "secret"], [name + "/app.env"])
        self.assertEqual(tree_state(self.root), before)

    def write(self, name, data, root=None):
        path = os.path.join(root or self.root, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_malformed_config_rules_baseline_and_ignore_file_name_the_file(self):
        self.write("app.env", SECRET_LINE)
        rules = self.write("rules.yaml", b"? [x]\n: y\nrules: []\n", self.tmp.name)
        baseline = self.write("base.json", b'{"findings": [], "n": 1e999999}', self.tmp.name)
        for args, files, message in (
                ([], {".ctxscan.yaml": b"allow: [\n"}, "/.ctxscan.yaml:2: "),
                (["--rules", rules], {}, rules + ":1: a key must be a string"),
                (["--baseline", baseline], {}, baseline + ": not a JSON report: "),
                ([], {".dockerignore": b"ok\na[\n"}, ".dockerignore:2: invalid pattern"),
        ):
            for name, data in files.items():
                self.write(name, data)
            before = tree_state(self.root)
            r = subprocess.run([CTXSCAN, "scan", *args, self.root], capture_output=True,
                               timeout=LIMIT, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
            self.assertEqual(tree_state(self.root), before)
            self.assertEqual(r.returncode, 2, (args, files, r.stderr))
            self.assertIn(message, r.stderr.decode(), (args, files))
            self.assertNotIn(b"internal error", r.stderr)
            for name in files:
                os.remove(os.path.join(self.root, name))

    def test_a_malformed_dockerfile_is_a_note_and_the_scan_goes_on(self):
        self.write("app.env", SECRET_LINE)
        self.write("Dockerfile", b"FROM\nRUN <<EOF\n\x00\xff\n")
        r = subprocess.run([CTXSCAN, "scan", "--format", "json", self.root], capture_output=True,
                           timeout=LIMIT, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertTrue(any(f["path"] == "app.env" for f in json.loads(r.stdout)["findings"]))

    def test_nested_repeats_are_refused_unbounded_and_linear_bounded(self):
        self.write("a.txt", b"a" * 2_000_000)
        rule = ("rules:\n  - id: test.nested\n    name: Nested repeats\n    pattern: '{}'\n"
                "    severity: high\n    category: test\n    description: d\n    remediation: r\n"
                "    examples: ['aaab', 'x aab y']\n    negative_examples: ['aaa']\n")
        unbounded = self.write("u.yaml", rule.format("(?P<secret>(a+)+b)").encode(), self.tmp.name)
        r = scan("--only-rules", unbounded, self.root)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"no bound on its match length", r.stderr)
        bounded = self.write("b.yaml", rule.format("(?P<secret>(?:a{1,20}){1,20}b)").encode(),
                             self.tmp.name)
        r, doc = self.scan_unchanged("--only-rules", bounded)  # within LIMIT: RE2 is linear
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(doc["summary"]["bytes_scanned"], 2_000_000)

    def test_files_that_vanish_or_grow_during_the_scan(self):
        paths = [self.write(f"f{i:05}.env", SECRET_LINE * 20) for i in range(20000)]
        stop = threading.Event()

        def churn():
            for i, p in enumerate(paths):
                if stop.is_set():
                    return
                if i % 2:
                    os.remove(p)
                else:
                    with open(p, "ab") as f:
                        f.write(b"x" * 4096)

        t = threading.Thread(target=churn)
        t.start()
        try:
            r = scan("--format", "json", self.root)
        finally:
            stop.set()
            t.join()
        self.assertIn(r.returncode, (0, 1, 2), r.stderr)
        doc = json.loads(r.stdout)  # a whole report, whatever vanished
        for e in doc["errors"]:
            self.assertRegex(e["path"], r"^f\d{5}\.env$")
        if r.returncode == 2:
            self.assertTrue(doc["errors"])

    def test_a_closed_standard_output_is_exit_2(self):
        self.write("app.env", SECRET_LINE)
        r = subprocess.run([CTXSCAN, "scan", "--format", "json", self.root], stdout=None,
                           stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), timeout=LIMIT,
                           env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"error: writing standard output", r.stderr)

    def git(self, *args):
        subprocess.run(["git", "-C", self.root, *args], check=True, capture_output=True,
                       env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                                GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com"))

    def git_scan(self):
        before = tree_state(self.root)
        r = subprocess.run([CTXSCAN, "git", "--format", "json", self.root], capture_output=True,
                           timeout=LIMIT, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(tree_state(self.root), before, "the scan changed the repository")
        self.assertNotIn(b"internal error", r.stderr)
        return r, json.loads(r.stdout) if r.stdout else None

    def blob_path(self, blob):
        return os.path.join(self.root, ".git", "objects", blob[:2], blob[2:])

    def test_a_truncated_loose_object_is_an_error_naming_path_and_blob(self):
        self.git("init", "-q")
        self.write("app.env", SECRET_LINE)
        self.git("add", ".")
        self.git("commit", "-qm", "one")
        blob = subprocess.run(["git", "-C", self.root, "rev-parse", "HEAD:app.env"],
                              capture_output=True, check=True).stdout.decode().strip()
        os.chmod(self.blob_path(blob), 0o644)
        os.truncate(self.blob_path(blob), 10)
        r, doc = self.git_scan()
        # Only the file's name is left to report, and its content was not searched: the .env
        # keeps its rule's severity (a finding decides the exit code first), never "no
        # credential found in it"; the error stays, and alone decides with --exit-zero.
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual([e["path"] for e in doc["errors"]], ["app.env"])
        self.assertIn(blob, doc["errors"][0]["reason"])
        dotenv = [f for f in doc["findings"] if f["rule_id"] == "file.dotenv"]
        self.assertEqual(len(dotenv), 1)
        self.assertIn("content not checked (unreadable)", dotenv[0]["detail"])
        self.assertNotIn("no credential found", dotenv[0]["detail"])
        r = subprocess.run([CTXSCAN, "git", "--exit-zero", self.root], capture_output=True,
                           timeout=LIMIT, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 2, r.stderr)

    def test_a_corrupt_pack_reports_what_it_cannot_read_and_the_rest(self):
        self.git("init", "-q")
        for i in range(3):
            self.write(f"app{i}.env", SECRET_LINE.replace(b"\n", str(i).encode() + b"\n"))
            self.write(f"n{i}.txt", "".join(f"{k}\n" for k in range(2000)).encode())
            self.git("add", ".")
            self.git("commit", "-qm", f"c{i}")
        self.git("gc", "-q")
        pack_dir = os.path.join(self.root, ".git", "objects", "pack")
        pack = os.path.join(pack_dir, next(n for n in os.listdir(pack_dir) if n.endswith(".pack")))
        os.chmod(pack, 0o644)
        with open(pack, "rb") as f:
            data = bytearray(f.read())
        for i in range(len(data) // 3, len(data) // 3 + 64):
            data[i] ^= 0xFF
        with open(pack, "wb") as f:
            f.write(data)
        r, doc = self.git_scan()
        self.assertIn(r.returncode, (1, 2), r.stderr)
        if doc is None:  # the damage hit a commit or tree: the walk itself fails, and says so
            self.assertEqual(r.returncode, 2)
            self.assertIn(b"error: ", r.stderr)
            return
        readable = {f["path"] for f in doc["findings"]}
        unreadable = {e["path"] for e in doc["errors"]}
        self.assertTrue(unreadable, "the corrupt object is not reported")
        # Every file is either scanned or named as unreadable.
        names = {f"app{i}.env" for i in range(3)} | {f"n{i}.txt" for i in range(3)}
        self.assertTrue({p for p in names if p.endswith(".env")} <= readable | unreadable)

    def test_a_hundred_thousand_refs(self):
        self.git("init", "-q")
        self.write("app.env", SECRET_LINE)
        self.git("add", ".")
        self.git("commit", "-qm", "one")
        head = subprocess.run(["git", "-C", self.root, "rev-parse", "HEAD"], capture_output=True,
                              check=True).stdout.decode().strip()
        with open(os.path.join(self.root, ".git", "packed-refs"), "w") as f:
            f.write("# pack-refs with: peeled fully-peeled sorted \n")
            for i in range(100000):
                f.write(f"{head} refs/heads/b{i:06}\n")
        r, doc = self.git_scan()
        self.assertEqual(r.returncode, 1, r.stderr)
        secret = [f for f in doc["findings"] if f["kind"] == "secret"]
        self.assertEqual(len(secret), 1)
        self.assertEqual(len(secret[0]["present_on"]), 100001)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    leakcheck.install(CTXSCAN, __file__, extra=[b"kszs82mvQ7pL"])
    unittest.main()
