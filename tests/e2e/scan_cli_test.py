#!/usr/bin/env python3
"""End-to-end tests of `ctxscan scan` on real directories, with the rules in
tests/e2e/data/test-rules.yaml. Run: scan_cli_test.py PATH_TO_CTXSCAN."""
import atexit
import hashlib
import hmac
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leakcheck  # noqa: E402

CTXSCAN = None
RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "test-rules.yaml")
TOKEN = "tok_FAKEa8d7f6g5h4j3k2l1"
TOKEN2 = "tok_FAKEz9y8x7w6v5u4t3s2"


def scan(*args, cwd=None, stdin=None, hints=False, command=("scan",), prefix=(), cache=None, env=None):
    """Runs ctxscan COMMAND with the test rules; the hardening hints are left
    out unless `hints` (only their own tests look at them). `prefix` runs it
    under another command (setpriv), with `cache` as its cache directory;
    `env` adds to the environment (COLUMNS is dropped: no cut unless asked)."""
    base = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env = dict(base, XDG_CACHE_HOME=cache or CACHE, **(env or {}))
    extra = [] if hints else ["--no-hints"]
    return subprocess.run([*prefix, CTXSCAN, *command, "--only-rules", RULES, *extra, *args],
                          cwd=cwd, input=stdin, capture_output=True, env=env)


def unprivileged(test, root):
    """The command prefix under which file permissions apply to ctxscan: none
    for a user that is not root; as root, setpriv to nobody, with the tree
    under `root` opened up to it. Skips `test` when neither is possible."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if shutil.which("setpriv") is None or subprocess.run(prefix + ["true"]).returncode != 0:
        test.skipTest("running as root and cannot drop to an unprivileged user with setpriv")
    for dirpath, _, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)
    return prefix


class ScanTest(unittest.TestCase):
    def tree(self, files):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        for path, content in files.items():
            full = os.path.join(tmp.name, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(content)
        return tmp.name

    def test_a_rule_hyperscan_mishandles_is_found_at_every_offset(self):
        # Vectorscan 5.4.9 on AVX-512 misses matches of patterns led by one
        # literal byte and a class past the first 64 bytes; the engine's probe
        # (src/match/hyperscan_probe.h) hands such a rule to RE2 and says so.
        rules = self.tree({"q.yaml": (
            "rules:\n  - id: test.q\n    name: Q token\n"
            "    pattern: '\\b(?P<secret>q[a-z0-9]{20})\\b'\n"
            "    severity: high\n    category: test\n    description: d\n    remediation: r\n"
            "    examples: ['qa8d7f6g5h4j3k2l1z9y8', 'x = qz9y8x7w6v5u4t3s2r1q0']\n"
            "    negative_examples: ['qshort']\n")})
        files = {f"f{n}.txt": "y" * n + " qa8d7f6g5h4j3k2l1z9y8\n" for n in (10, 63, 64, 100, 1000, 5000)}
        root = self.tree(files)
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        r = subprocess.run([CTXSCAN, "scan", "--only-rules", os.path.join(rules, "q.yaml"), "--no-hints",
                            "--all-files", "--format", "json", root], capture_output=True, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        found = sorted(l["path"] for f in json.loads(r.stdout)["findings"] if f["rule_id"] == "test.q"
                       for l in f["locations"])
        self.assertEqual(found, sorted(files))
        for line in r.stderr.decode().splitlines():
            if "Hyperscan misses" in line:
                self.assertTrue(line.startswith("note: rule test.q: "), line)

    def test_scans_what_is_sent_plus_the_dockerfile(self):
        d = self.tree({"Dockerfile": "FROM scratch\nENV T=%s\n" % TOKEN, ".dockerignore": "Dockerfile\nsecret.txt\n",
                       "secret.txt": "k=" + TOKEN, "app.py": "x = 1\n", ".env": "A=1\n"})
        r = scan("--format", "json", d)
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        got = [(f["rule_id"], f["path"], f["line"], f["sent"]) for f in doc["findings"]]
        # One finding for the ENV's secret (the provider rule's), marked as in the image.
        self.assertEqual(got, [("file.dotenv", ".env", 0, True),
                               ("test.token", "Dockerfile", 2, True)])
        self.assertEqual((doc["findings"][1]["in_image"], doc["findings"][1]["severity"]), ("final", "critical"))
        self.assertNotIn(TOKEN, r.stdout.decode())  # redacted by default
        r = scan("--format", "json", "--include-ignored", d)
        token = [f for f in json.loads(r.stdout)["findings"] if f["rule_id"] == "test.token"][0]
        locations = token["locations"]
        self.assertEqual([(l["path"], l["sent"]) for l in locations],
                         [("Dockerfile", True), ("secret.txt", False)])

    def test_dockerfile_secrets_baked_into_the_image(self):
        d = self.tree({"Dockerfile": (
            "# syntax=docker/dockerfile:1\n"
            "FROM alpine AS unused\n"
            "ENV T=%s\n"
            "FROM alpine AS build\n"
            "ARG DB_PASSWORD=hunter2Xyz9 \\\n"
            "    API_KEY_FILE=/run/key PUBLIC_TOKEN=pk_abc123def\n"
            "RUN curl -H 'x: %s' https://example.com && \\\n"
            "    aws configure set aws_secret_access_key Zq8pLm3Rt7Vw2Xy9\n"
            "ENV GITHUB_TOKEN=${GITHUB_TOKEN}\n"
            "RUN echo 'Wq3Er7Ty9Ui2Op' | docker login -u bot --password-stdin r.example\n"
            "RUN echo \"$REG_PASS\" | docker login -u bot --password-stdin r.example\n"
            "FROM scratch\n"
            "COPY --from=build /app /app\n") % (TOKEN, TOKEN2)})
        r = scan("--format", "json", d)
        self.assertEqual(r.returncode, 1, r.stderr)
        got = [(f["rule_id"], f["kind"], f["line"], f["severity"]) for f in json.loads(r.stdout)["findings"]]
        # Line 3 is in a stage the build skips: the plain secret finding only.
        # Lines 5-10 are in a build stage that does not ship (the final stage
        # copies files from it, not its configuration or history): nothing is
        # "baked into the image", and each secret is one finding.
        self.assertEqual(got, [
            ("test.token", "secret", 3, "high"),
            ("dockerfile.secret-named-variable", "dockerfile", 5, "high"),
            ("dockerfile.run-inline-credential", "dockerfile", 7, "high"),
            ("test.token", "secret", 7, "high"),
            ("dockerfile.run-inline-credential", "dockerfile", 10, "high")])
        marks = [(f["line"], f.get("in_image")) for f in json.loads(r.stdout)["findings"]]
        self.assertEqual(marks, [(3, "no"), (5, "intermediate"), (7, "intermediate"), (7, "intermediate"),
                                 (10, "intermediate")])
        self.assertNotIn("hunter2Xyz9", r.stdout.decode())
        self.assertNotIn("Wq3Er7Ty9Ui2Op", r.stdout.decode())
        # A Dockerfile the analysis cannot read is noted, not fatal.
        d = self.tree({"Dockerfile": "FROM a\nRUNN x\n"})
        r = scan(d)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"note: Dockerfile analysis skipped: ", r.stdout)
        self.assertIn(b"/Dockerfile:2: unknown instruction: RUNN", r.stdout)

    def test_a_dockerfile_secret_is_one_finding(self):
        # A generic rule's match on an ENV of the shipped image becomes
        # dockerfile.secret-in-image; a provider rule's match keeps its rule;
        # either way one finding per secret, quoting the instruction.
        d = self.tree({"Dockerfile": (
            "FROM alpine AS build\n"
            "ENV X secretpass=FAKEbuild7q8w9e\n"
            "FROM alpine\n"
            "COPY --from=build /x /x\n"
            "ENV A=1 \\\n  B=secretpass=FAKEfinal7q8w9e\n"
            "LABEL t=%s\n") % TOKEN, ".dockerignore": "*\n"})
        r = scan("--format", "json", d)
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        got = [(f["rule_id"], f["kind"], f["line"], f["severity"], f.get("in_image")) for f in doc["findings"]]
        self.assertEqual(got, [
            ("test.generic-password", "secret", 2, "medium", "intermediate"),
            ("dockerfile.secret-in-image", "dockerfile", 6, "critical", "final"),
            ("test.token", "secret", 7, "critical", "final")])
        r = scan(d)
        self.assertIn(b"LABEL t=tok_FA", r.stdout)
        self.assertIn(b"(reaches the image)", r.stdout)
        self.assertIn(b"(in a build stage only)", r.stdout)

    def test_notes_are_data_in_every_format(self):
        # A Dockerfile the analysis cannot read: the note is part of each report.
        d = self.tree({"Dockerfile": "FROM a\nRUNN x\n", "k.txt": "k=" + TOKEN})
        want = "Dockerfile analysis skipped"
        r = scan("--format", "json", d)
        self.assertTrue(any(want in n for n in json.loads(r.stdout)["notes"]), r.stdout)
        self.assertIn(want.encode(), r.stderr)  # and the person watching is told
        r = scan("--format", "sarif", d)
        inv = json.loads(r.stdout)["runs"][0]["invocations"][0]
        self.assertTrue(inv["executionSuccessful"])
        self.assertEqual([n["level"] for n in inv["toolExecutionNotifications"]], ["note"])
        self.assertIn(want, inv["toolExecutionNotifications"][0]["message"]["text"])
        r = scan("--format", "github", d)
        self.assertIn(b"::notice title=ctxscan::" + want.encode(), r.stdout)
        r = scan("--format", "junit", d)
        self.assertIn(b"<system-out>note: " + want.encode(), r.stdout)
        r = scan("--format", "gitlab", d)
        self.assertIn(want, json.loads(r.stdout)["scan"]["messages"][0]["value"])
        r = scan(d)
        self.assertIn(b"note: " + want.encode(), r.stdout)
        self.assertNotIn(want.encode(), r.stderr)  # once, in the report

    def test_text_report_reads_like_a_report(self):
        # One secret in a.txt and c.txt (one finding, two locations) and
        # another in b.txt and c.txt: each file gets one block, in line order.
        d = self.tree({"a.txt": "k=%s\n" % TOKEN, "b.txt": "x\nk=%s\n" % TOKEN2,
                       "c.txt": "k=%s\nk=%s\n" % (TOKEN2, TOKEN), ".env": "A=1\n",
                       ".dockerignore": "Dockerfile\n"})
        r = scan(d)
        out = r.stdout.decode()
        headers = [l for l in out.splitlines() if l and not l.startswith(" ")]
        self.assertEqual(headers[:4], [".env", "a.txt", "b.txt", "c.txt"], out)
        c_block = out.split("\nc.txt\n")[1].split("\n\n")[0]
        positions = [l.split()[0] for l in c_block.splitlines() if not l.startswith("      ")]
        self.assertEqual(positions, ["1:3", "2:3"], out)
        self.assertIn("\n  file  medium  file.dotenv", out)  # no 0:0
        self.assertNotIn("0:0", out)
        self.assertIn("3 findings at 5 locations", out)
        # A long line is cut around its secret to $COLUMNS.
        d = self.tree({"long.txt": "x" * 500 + " k=" + TOKEN + " " + "y" * 500 + "\n",
                       ".dockerignore": "Dockerfile\n"})
        r = scan(d, env={"COLUMNS": "80"})
        quoted = [l for l in r.stdout.decode().splitlines() if l.startswith("      ")][0]
        self.assertLessEqual(len(quoted), 80 + 6)
        self.assertIn("k=tok_FA", quoted)
        self.assertTrue(quoted.strip().startswith("…") and quoted.endswith("…"), quoted)

    def test_a_missing_dockerfile_named_with_f_is_an_error(self):
        # docker build -f nope/Dockerfile fails ("unable to evaluate symlinks
        # in Dockerfile path"); so does every command that reads the build.
        d = self.tree({"ctx/app.py": "x = 1\n", "sub/keep": ""})
        for command in (("scan",), ("dockerignore", "suggest"), ("baseline", "create")):
            args = ["-o", os.path.join(d, "base.json")] if command[0] == "baseline" else []
            r = scan("-f", "nope/Dockerfile", *args, "ctx", cwd=d, command=command)
            self.assertEqual(r.returncode, 2, (command, r.stdout, r.stderr))
            self.assertEqual(r.stderr, b"error: nope/Dockerfile: no such file or directory\n",
                             command)
            self.assertEqual(r.stdout, b"", command)
        r = scan("-f", "sub", "ctx", cwd=d)
        self.assertEqual((r.returncode, r.stderr), (2, b"error: sub: is a directory\n"))

    def test_no_dockerfile_is_scanned_with_a_note(self):
        # Without -f, a directory without a Dockerfile is still scanned, and
        # the note says the Dockerfile analysis was left out.
        d = self.tree({"app.py": "k=" + TOKEN})
        r = scan(d)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(b"test.token", r.stdout)
        self.assertIn("note: Dockerfile analysis skipped: there is no "
                      "Dockerfile (%s/Dockerfile)\n" % d, r.stdout.decode())
        self.assertEqual(r.stderr, b"")
        # One outside the context is not read (yet): the note says so.
        outside = self.tree({"Dockerfile": "FROM scratch\n"})
        r = scan("-f", os.path.join(outside, "Dockerfile"), d)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("note: Dockerfile analysis skipped: %s/Dockerfile lies "
                      "outside the context\n" % outside, r.stdout.decode())

    def test_encoded_secrets_are_found_and_hidden(self):
        # A Kubernetes Secret's base64 data and JSON escaped in a string:
        # found decoded, reported at the encoded bytes, the encoding hidden.
        import base64
        b64 = base64.b64encode(("api-" + TOKEN).encode()).decode()
        d = self.tree({"k8s/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n"
                                          "  api: " + base64.b64encode(TOKEN.encode()).decode() + "\n"
                                          "  other: " + b64 + "\n",
                       "app.js": 'const body = "{\\"k\\":\\"' + TOKEN2 + '\\"}";\n',
                       ".dockerignore": "Dockerfile\n"})
        r = scan("--format", "json", d)
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        got = sorted((l["path"], l["line"], l["column"]) for f in doc["findings"] for l in f["locations"])
        # app.js: the plain scan finds it inside the escapes; the base64 ones are
        # found decoded, at the base64 character where the secret's bits begin.
        self.assertEqual(got, [("app.js", 1, 24), ("k8s/secret.yaml", 6, 8), ("k8s/secret.yaml", 7, 15)])
        for fmt in ("text", "json", "sarif", "github"):
            out = scan("--format", fmt, d).stdout.decode()
            self.assertNotIn(base64.b64encode(TOKEN.encode()).decode(), out, fmt)
            self.assertNotIn(b64, out, fmt)

    def test_where_the_build_puts_each_file(self):
        d = self.tree({
            "Dockerfile": ("FROM alpine AS tools\n"
                           "COPY tools/ /t/\n"
                           "FROM alpine AS assets\n"
                           "COPY assets /a\n"
                           "FROM alpine\n"
                           "ARG DIR=app\n"
                           "COPY --exclude=*.bak ${DIR}/*.txt /srv/\n"
                           "COPY --from=assets /a /srv/a\n"
                           "RUN --mount=type=bind,from=tools,target=/t true\n"),
            ".dockerignore": "*.log\n",
            "app/conf.txt": "k=" + TOKEN + "\n",
            "app/old.bak": "k=" + TOKEN2 + "\n",
            "app/sub/deep.txt": "k=low_FAKEa8d7f6g5\n",
            "assets/a.txt": "k=low_FAKEz9y8x7w6\n",
            "tools/t.txt": "k=tok_FAKEq7vLp2mWz9Rk3Xc8\n",
            "notes.txt": "k=tok_FAKEm4ilPw7Kz2Lq9Vx1\n"})
        r = scan("--format", "jsonl", "--no-dedup", d)
        got = sorted((x["path"], x.get("in_image"), x["severity"]) for x in map(json.loads, r.stdout.decode().splitlines()))
        self.assertEqual(got, [
            ("app/conf.txt", "final", "critical"),      # high, raised: it is shipped
            ("app/old.bak", "no", "high"),              # not *.txt, and excluded anyway
            ("app/sub/deep.txt", "no", "low"),          # * does not cross '/'
            ("assets/a.txt", "final", "medium"),        # copied into a stage the final copies from
            ("notes.txt", "no", "high"),
            ("tools/t.txt", "intermediate", "high"),    # only mounted, never copied into the image
        ])

    def test_copy_from_carries_only_the_paths_it_names(self):
        d = self.tree({
            "Dockerfile": ("FROM scratch AS build\n"
                           "WORKDIR /src\n"
                           "COPY . .\n"
                           "FROM scratch AS release\n"
                           "COPY --from=build /src/app /app\n"
                           "FROM release AS debug\n"
                           "COPY --from=build /src/debug.cfg /etc/\n"),
            ".dockerignore": "*.log\n",
            "app/settings.cfg": "k=" + TOKEN + "\n",
            "build.cfg": "k=" + TOKEN2 + "\n",
            "debug.cfg": "k=tok_FAKEq7vLp2mWz9Rk3Xc8\n"})
        def marks(*extra):
            r = scan("--format", "jsonl", "--no-dedup", *extra, d)
            self.assertIn(r.returncode, (0, 1), r.stderr)
            return sorted((x["path"], x.get("in_image")) for x in map(json.loads, r.stdout.decode().splitlines())
                          if x["rule_id"] == "test.token")
        # The default target is the last stage (debug, built on release).
        self.assertEqual(marks(), [("app/settings.cfg", "final"), ("build.cfg", "intermediate"),
                                   ("debug.cfg", "final")])
        # --target release: debug.cfg is only in the build stage now.
        self.assertEqual(marks("--target", "release"),
                         [("app/settings.cfg", "final"), ("build.cfg", "intermediate"),
                          ("debug.cfg", "intermediate")])
        self.assertEqual(marks("--target", "build"),
                         [("app/settings.cfg", "final"), ("build.cfg", "final"), ("debug.cfg", "final")])
        r = scan("--target", "nope", d)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b'target stage \"nope\" not found', r.stderr)

    def test_build_args_choose_what_is_copied(self):
        d = self.tree({
            "Dockerfile": "FROM scratch\nARG CONF=dev\nCOPY config/${CONF}.cfg /etc/app.cfg\n",
            ".dockerignore": "*.log\n",
            "config/dev.cfg": "k=" + TOKEN + "\n",
            "config/prod.cfg": "k=" + TOKEN2 + "\n"})
        def marks(*extra):
            r = scan("--format", "jsonl", *extra, d)
            return sorted((x["path"], x.get("in_image")) for x in map(json.loads, r.stdout.decode().splitlines()))
        self.assertEqual(marks(), [("config/dev.cfg", "final"), ("config/prod.cfg", "no")])
        self.assertEqual(marks("--build-arg", "CONF=prod"),
                         [("config/dev.cfg", "no"), ("config/prod.cfg", "final")])
        env_scan = subprocess.run([CTXSCAN, "scan", "--only-rules", RULES, "--no-hints", "--format", "jsonl",
                                   "--build-arg", "CONF", d], capture_output=True,
                                  env=dict(os.environ, XDG_CACHE_HOME=CACHE, CONF="prod"))
        got = sorted((x["path"], x.get("in_image")) for x in map(json.loads, env_scan.stdout.decode().splitlines()))
        self.assertEqual(got, [("config/dev.cfg", "no"), ("config/prod.cfg", "final")])

    def test_broad_copy_names_the_files_it_carries(self):
        d = self.tree({"Dockerfile": "FROM scratch\nCOPY --exclude=*.md . /app/\n",
                       ".dockerignore": "*.log\n", ".env": "A=1\n",
                       "conf/app.cfg": "k=" + TOKEN + "\n", "NOTES.md": "k=" + TOKEN2 + "\n",
                       "main.py": "print(1)\n"})
        r = scan("--format", "json", d)
        broad = [f for f in json.loads(r.stdout)["findings"] if f["rule_id"] == "dockerfile.broad-copy"]
        self.assertEqual(len(broad), 1, r.stdout)
        self.assertEqual((broad[0]["line"], broad[0]["severity"]), (2, "medium"))
        # NOTES.md is excluded from the copy, so it is not named.
        self.assertEqual(broad[0]["detail"],
                         "copies 2 files with secrets or sensitive content: .env, conf/app.cfg")
        self.assertIn(b"copies 2 files with secrets", scan("--color", "never", d).stdout)

    def test_hardening_hints(self):
        d = self.tree({"Dockerfile": ("FROM node:latest AS unused\n"
                                      "ARG GITHUB_TOKEN\n"
                                      "FROM python AS build\n"
                                      "ARG NPM_TOKEN\n"
                                      "ADD https://example.com/tool.tgz /opt/\n"
                                      "FROM debian:12\n"
                                      "COPY --from=build /opt /opt\n"
                                      "USER root\n"),
                       ".dockerignore": "*.log\n"})
        r = scan("--format", "json", d, hints=True)
        self.assertEqual(r.returncode, 0, r.stderr)  # info is below the default --fail-on
        got = [(f["rule_id"], f["line"], f["severity"]) for f in json.loads(r.stdout)["findings"]]
        # The unused stage is not built: no hints there.
        self.assertEqual(got, [("dockerfile.hint.unpinned-base", 3, "info"),
                               ("dockerfile.hint.secret-build-arg", 4, "info"),
                               ("dockerfile.hint.add-remote-url", 5, "info"),
                               ("dockerfile.hint.root-user", 8, "info")])
        self.assertEqual(json.loads(scan("--format", "json", d).stdout)["findings"], [])  # --no-hints
        d = self.tree({"Dockerfile": ("FROM python:3.12@sha256:%s AS build\n"
                                      "ARG NPM_TOKEN_FILE\n"
                                      "ADD --checksum=sha256:%s https://example.com/tool.tgz /opt/\n"
                                      "FROM build\n"
                                      "USER 10001:10001\n") % ("ab" * 32, "cd" * 32),
                       ".dockerignore": "*.log\n"})
        self.assertEqual(json.loads(scan("--format", "json", d, hints=True).stdout)["findings"], [])
        # No USER anywhere: the final stage runs as the base image's user, root in most images.
        d = self.tree({"Dockerfile": "FROM debian:12 AS base\nUSER app\nFROM base\n", ".dockerignore": ""})
        self.assertEqual(json.loads(scan("--format", "json", d, hints=True).stdout)["findings"], [])
        d = self.tree({"Dockerfile": "FROM debian:12\nRUN true\n", ".dockerignore": ""})
        got = [(f["rule_id"], f["line"]) for f in json.loads(scan("--format", "json", d, hints=True).stdout)["findings"]]
        self.assertEqual(got, [("dockerfile.hint.root-user", 1)])

    def test_dockerignore_suggest_and_write(self):
        d = self.tree({
            "Dockerfile": "FROM scratch\nWORKDIR /app\nCOPY config/prod.cfg ./\nCOPY . .\n",
            ".dockerignore": "# local state\n*.log\n!keep.log",  # no final newline
            ".env": "A=1\n",
            "config/prod.cfg": "k=" + TOKEN + "\n",
            "keys/a.cfg": "k=" + TOKEN2 + "\n",
            "keys/b.cfg": "k=tok_FAKEq7vLp2mWz9Rk3Xc8\n",
            "src/main.py": "print(1)\n",
            "keep.log": "k=tok_FAKEm4ilPw7Kz2Lq9Vx1\n"})
        before = open(os.path.join(d, ".dockerignore")).read()
        r = scan(d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 1, r.stderr)
        out = r.stdout.decode()
        self.assertIn("  keys\n  .env\n\n", out)
        dockerfile = os.path.join(d, "Dockerfile")
        self.assertIn("config/prod.cfg: %s:3 (COPY config/prod.cfg ./) needs it" % dockerfile, out)
        # keep.log is re-included on purpose (`!keep.log`): the user decides.
        self.assertIn("keep.log: %s:3 (!keep.log) re-includes it" % os.path.join(d, ".dockerignore"), out)
        self.assertIn("Run with --write", out)
        self.assertEqual(open(os.path.join(d, ".dockerignore")).read(), before)  # unchanged without --write
        r = scan("--write", d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 1, r.stderr)  # config/prod.cfg and keep.log are still sent
        self.assertIn("+keys\n+.env\n\n", r.stdout.decode())
        after = open(os.path.join(d, ".dockerignore")).read()
        self.assertTrue(after.startswith(before + "\n"), after)  # existing lines untouched
        self.assertTrue(after.endswith("\nkeys\n.env\n"), after)
        # Recomputed: only the file a COPY needs and the re-included one still carry findings.
        r = scan("--format", "json", d)
        paths = sorted({l["path"] for f in json.loads(r.stdout)["findings"] for l in f["locations"]
                        if f["kind"] != "dockerfile"})
        self.assertEqual(paths, ["config/prod.cfg", "keep.log"])
        r = scan("--write", d, command=("dockerignore", "suggest"))
        self.assertEqual(open(os.path.join(d, ".dockerignore")).read(), after)  # nothing more to add
        # No ignore file: one is created. A symlinked one is never written through.
        d = self.tree({"Dockerfile": "FROM scratch\n", ".env": "A=1\n"})
        r = scan("--write", d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(open(os.path.join(d, ".dockerignore")).read(),
                         "# Added by `ctxscan dockerignore suggest`: files with secrets or sensitive content\n.env\n")
        d = self.tree({"Dockerfile": "FROM scratch\n", ".env": "A=1\n", "real-ignore": "*.log\n"})
        os.symlink("real-ignore", os.path.join(d, ".dockerignore"))
        r = scan("--write", d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertIn(b"a symlink; not written through", r.stderr)
        # History and unsent files are not what a .dockerignore fixes.
        for flag in ("--git", "--all-files", "--include-ignored"):
            self.assertEqual(scan(flag, d, command=("dockerignore", "suggest")).returncode, 2, flag)
        self.assertEqual(open(os.path.join(d, "real-ignore")).read(), "*.log\n")

    def suggest_default_rules(self, *args):
        """`dockerignore suggest` with the default rules (the .git rules are there)."""
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        return subprocess.run([CTXSCAN, "dockerignore", "suggest", "--no-hints", *args],
                              capture_output=True, env=env)

    def test_suggest_excludes_a_sensitive_directory_whole(self):
        # .git/HEAD and .git/config have findings; the objects leak the history too.
        d = self.tree({"Dockerfile": "FROM scratch\nCOPY app /app\n", ".dockerignore": "*.log\n",
                       ".git/HEAD": "ref: refs/heads/main\n", ".git/config": "[core]\n\tbare = false\n",
                       ".git/objects/ab/cdef0123": "x", ".git/refs/heads/main": "0" * 40 + "\n",
                       "app/main.py": "print(1)\n"})
        r = self.suggest_default_rules(d)
        self.assertEqual(r.returncode, 1, r.stderr)
        out = r.stdout.decode()
        self.assertIn("Lines to append to", out)
        self.assertIn("\n  .git\n", out)
        self.assertNotIn(".git/HEAD\n", out.split("They stop")[0])
        r = self.suggest_default_rules("--write", d)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertTrue(open(os.path.join(d, ".dockerignore")).read().endswith("\n.git\n"))
        # Recomputed: nothing of .git is sent any more, the rest still is.
        r = subprocess.run([CTXSCAN, "context", "ls", d], capture_output=True)
        self.assertEqual(r.stdout.decode().split(), [".dockerignore", "Dockerfile", "app/", "app/main.py"])

    def test_suggest_cautions_about_what_the_build_reads(self):
        # COPY . . carries the files: the caution names the line, as for a directory COPY.
        d = self.tree({"Dockerfile": "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n",
                       ".dockerignore": "*.log\n", "main.go": 'package main\nconst k = "%s"\n' % TOKEN,
                       "settings.cfg": "k=%s\n" % TOKEN2})
        with open(os.path.join(d, "Dockerfile"), "a") as f:
            f.write("RUN ./configure --from settings.cfg\n")
        r = scan(d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 1, r.stderr)
        out = r.stdout.decode()
        dockerfile = os.path.join(d, "Dockerfile")
        self.assertIn("main.go: %s:3 (COPY . .) copies it with the whole context" % dockerfile, out)
        # A RUN of the stage names the file: a loud warning, naming the line.
        self.assertIn("WARNING", out)
        self.assertIn("settings.cfg: %s:5 (RUN ./configure --from settings.cfg) reads settings.cfg" % dockerfile,
                      out)
        self.assertIn(b"settings.cfg", r.stderr)
        # `git describe` reads .git.
        d = self.tree({"Dockerfile": "FROM alpine\nWORKDIR /src\nCOPY . .\nRUN git describe --tags > /version\n",
                       ".dockerignore": "*.log\n", ".git/HEAD": "ref: refs/heads/main\n",
                       ".git/objects/ab/cdef0123": "x"})
        r = self.suggest_default_rules(d)
        out = r.stdout.decode()
        self.assertIn("WARNING", out)
        dockerfile = os.path.join(d, "Dockerfile")
        self.assertIn(".git: %s:4 (RUN git describe --tags > /version) reads .git" % dockerfile, out)
        self.assertIn(".git: %s:3 (COPY . .) copies it with the whole context" % dockerfile, out)

    def test_suggest_asks_before_fighting_a_reinclusion(self):
        hostile = "x\x1b]0;pwned\x07.cfg"
        d = self.tree({"Dockerfile": "FROM scratch\nCOPY app /app\n",
                       ".dockerignore": "*.log\n!keep.log\n*.cfg\n!%s\n" % hostile,
                       "keep.log": "k=%s\n" % TOKEN, hostile: "k=%s\n" % TOKEN2, ".env": "A=1\n",
                       "app/main.py": "print(1)\n"})
        before = open(os.path.join(d, ".dockerignore")).read()
        r = scan("--write", d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 1, r.stderr)  # keep.log is still sent
        out = r.stdout.decode()
        ignore = os.path.join(d, ".dockerignore")
        self.assertIn("keep.log: %s:2 (!keep.log) re-includes it" % ignore, out)
        self.assertIn("x\\x1b]0;pwned\\x07.cfg: %s:4 (!x\\x1b]0;pwned\\x07.cfg) re-includes it" % ignore, out)
        self.assertNotIn(b"\x1b", r.stdout)
        self.assertNotIn(b"\x07", r.stdout)
        # Only .env is written; the re-included files are left to the user.
        after = open(os.path.join(d, ".dockerignore")).read()
        self.assertEqual(after[len(before):].splitlines()[-1], ".env")
        self.assertNotIn("keep.log", after[len(before):])
        self.assertNotIn("pwned", after[len(before):])

    def test_suggest_and_scan_agree(self):
        """After `suggest --write` says every file with findings is stopped, `scan` passes:
        compose findings count like any other finding in a sent file."""
        d = self.tree({"Dockerfile": "FROM scratch\nCOPY app /app\n",
                       "docker-compose.yml": ("services:\n"
                                              "  web:\n"
                                              "    build: .\n"
                                              "    environment:\n"
                                              "      DB_PASSWORD: Zq8pLm3Rt7Vw2Xy9\n"
                                              "  worker:\n"
                                              "    image: x\n"
                                              "    env_file: [config/app.env]\n"),
                       "deploy/compose.prod.yaml": ("services:\n"
                                                    "  web:\n"
                                                    "    env_file: ../config/prod.env\n"),
                       "config/app.env": "A=1\n", "config/prod.env": "B=2\n", "config/other.txt": "c\n",
                       ".env": "A=1\n", "app/main.py": "print(1)\n"})
        self.assertEqual(scan(d).returncode, 1)
        r = scan("--write", d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 0, r.stdout)
        out = r.stdout.decode()
        for line in ("+docker-compose.yml\n", "+config/app.env\n", "+config/prod.env\n", "+.env\n"):
            self.assertIn(line, out)
        r = scan("--format", "json", d)
        self.assertEqual(json.loads(r.stdout)["findings"], [])
        self.assertEqual(r.returncode, 0, r.stdout)
        r = scan(d, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn(b"No file with findings is sent", r.stdout)

    def test_the_multistage_example_and_its_fix(self):
        """examples/multistage with the default rules: which secret reaches which
        stage, and `dockerignore suggest --write` on a copy of it."""

        example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "multistage")
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        d = os.path.join(tmp.name, "ctx")
        shutil.copytree(example, d)
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        def marks():
            r = subprocess.run([CTXSCAN, "scan", "--format", "jsonl", "--no-dedup", d], capture_output=True, env=env)
            self.assertEqual(r.returncode, 1, r.stderr)
            return sorted((x["rule_id"], x["path"], x.get("in_image")) for x in map(json.loads, r.stdout.decode().splitlines())
                          if x["kind"] != "dockerfile")
        self.assertEqual(marks(), [
            ("credential-file.npmrc-auth", ".npmrc", "intermediate"),   # deps stage: COPY ... .npmrc ./
            ("file.dotenv", ".env", "intermediate"),                     # build stage: COPY . .
            ("file.npmrc", ".npmrc", "intermediate"),
            ("github.pat-classic", ".env", "intermediate"),
            ("slack.webhook", "deploy/deploy.sh", "intermediate"),
            ("stripe.live-secret-key", "config/production.json", "final"),  # final: COPY config/ ./config/
        ])
        r = subprocess.run([CTXSCAN, "dockerignore", "suggest", "--write", d], capture_output=True, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)  # .npmrc stays: the deps stage copies it by name
        out = r.stdout.decode()
        self.assertIn("+.env\n+config/production.json\n+deploy/deploy.sh\n", out)
        dockerfile = os.path.join(d, "Dockerfile")
        self.assertIn(".npmrc: %s:5 (COPY package.json package-lock.json .npmrc ./) needs it" % dockerfile, out)
        self.assertIn("config/production.json: %s:18 (COPY config/ ./config/) copies it with its directory"
                      % dockerfile, out)
        self.assertEqual(marks(), [("credential-file.npmrc-auth", ".npmrc", "intermediate"),
                                   ("file.npmrc", ".npmrc", "intermediate")])

    def test_fail_on_image_gates_on_where_secrets_go(self):
        """--fail-on-image on examples/multistage: the Stripe key reaches the final
        image; with it excluded only build stages hold secrets."""
        example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "multistage")
        d = os.path.join(self.tree({}), "ctx")
        shutil.copytree(example, d)
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        def gate(*args):
            return subprocess.run([CTXSCAN, "scan", *args, d], capture_output=True, env=env)
        for level in ("final", "intermediate", "any"):
            self.assertEqual(gate("--fail-on-image", level).returncode, 1, level)
        self.assertEqual(gate().returncode, 1)
        with open(os.path.join(d, ".dockerignore"), "a") as f:
            f.write("config/production.json\n")
        r = gate("--fail-on-image", "final")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn(b"note: --fail-on-image final: 6 finding(s) at or above --fail-on low do not reach "
                      b"the final image", r.stderr)
        self.assertEqual(gate("--fail-on-image", "intermediate").returncode, 1)
        self.assertEqual(gate("--fail-on-image", "any").returncode, 1)
        # Both gates must hold: the build stages' secrets are critical (.env's token) and high.
        self.assertEqual(gate("--fail-on-image", "intermediate", "--fail-on", "critical").returncode, 1)
        os.remove(os.path.join(d, ".env"))
        self.assertEqual(gate("--fail-on-image", "intermediate", "--fail-on", "critical").returncode, 0)
        self.assertEqual(gate("--fail-on-image", "intermediate", "--fail-on", "high").returncode, 1)
        r = gate("--fail-on-image", "sometimes")
        self.assertEqual(r.returncode, 2)

    def test_fail_on_image_for_files_instructions_and_unknowns(self):
        # A fixture the build copies nowhere does not fail a final or intermediate gate.
        d = self.tree({"Dockerfile": "FROM alpine\nCOPY app /app\n", ".dockerignore": "x\n",
                       "app/main.py": "print(1)\n", "testdata/fixture.txt": "k=" + TOKEN + "\n"})
        for level, code in (("final", 0), ("intermediate", 0), ("any", 1)):
            self.assertEqual(scan("--fail-on-image", level, d).returncode, code, level)
        # In the final image, low raised to medium: gated by --fail-on, not by where it goes.
        with open(os.path.join(d, "app", "conf.txt"), "w") as f:
            f.write("x=low_FAKEa8d7f6g5\n")
        self.assertEqual(scan("--fail-on-image", "final", d).returncode, 1)
        self.assertEqual(scan("--fail-on-image", "final", "--fail-on", "high", d).returncode, 0)
        self.assertEqual(scan("--fail-on", "high", d).returncode, 1)  # the fixture, anywhere
        # Instructions: an ENV of the final stage is in the final image, of a build stage not.
        final = self.tree({"Dockerfile": "FROM alpine\nENV T=%s\n" % TOKEN, ".dockerignore": "x\n"})
        self.assertEqual(scan("--fail-on-image", "final", final).returncode, 1)
        stage = self.tree({"Dockerfile": "FROM alpine AS build\nENV T=%s\nRUN make\n"
                                         "FROM scratch\nCOPY --from=build /out /out\n" % TOKEN,
                           ".dockerignore": "x\n"})
        self.assertEqual(scan("--fail-on-image", "final", stage).returncode, 0)
        self.assertEqual(scan("--fail-on-image", "intermediate", stage).returncode, 1)
        # A stage built FROM a build stage inherits its ENV.
        chained = self.tree({"Dockerfile": "FROM alpine AS base\nENV T=%s\nFROM base\nRUN make\n" % TOKEN,
                             ".dockerignore": "x\n"})
        self.assertEqual(scan("--fail-on-image", "final", chained).returncode, 1)
        # Compose: `environment:` goes where the compose file goes; `build: args:` into the image.
        compose = {"Dockerfile": "FROM alpine\nCOPY app /app\n", ".dockerignore": "x\n", "app/main.py": "",
                   "docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n"
                                         "      DB_PASSWORD: Zq8pLm3Rt7Vw2Xy9\n"}
        self.assertEqual(scan("--fail-on-image", "final", self.tree(compose)).returncode, 0)
        compose["docker-compose.yml"] = ("services:\n  web:\n    build:\n      context: .\n"
                                         "      args:\n        DB_PASSWORD: Zq8pLm3Rt7Vw2Xy9\n")
        self.assertEqual(scan("--fail-on-image", "final", self.tree(compose)).returncode, 1)
        # No Dockerfile: where files go is unknown, counted as the final image, and said.
        r = scan("--fail-on-image", "final", self.tree({"a.txt": "k=" + TOKEN + "\n"}))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"note: --fail-on-image final: where 1 finding(s) go is unknown (no Dockerfile "
                      b"analysis); counted as reaching the final image", r.stderr)
        self.assertEqual(scan("--fail-on-image", "final", "-", stdin=("k=" + TOKEN).encode()).returncode, 1)

    def test_compose_files_in_the_context(self):
        d = self.tree({
            "Dockerfile": "FROM scratch\nCOPY app /app\n",
            ".dockerignore": "local.env\n",
            "docker-compose.yml": ("services:\n"
                                   "  web:\n"
                                   "    build: .\n"
                                   "    environment:\n"
                                   "      DB_PASSWORD: Zq8pLm3Rt7Vw2Xy9\n"
                                   "      API_TOKEN: ${API_TOKEN}\n"
                                   "    env_file: [config/app.env, local.env]\n"
                                   "    secrets: [db_password]\n"
                                   "secrets:\n"
                                   "  db_password:\n"
                                   "    file: ./db_password.txt\n"),
            "deploy/compose.prod.yaml": "services: [not, a, map]\n",
            "deploy/compose.broken.yaml": "services:\n  web: [\n",
            "config/app.env": "A=1\n", "local.env": "B=2\n", "app/main.py": "print(1)\n"})
        r = scan("--format", "json", d)
        self.assertEqual(r.returncode, 1, r.stderr)
        got = [(f["rule_id"], f["kind"], f["path"], f["line"], f.get("detail"))
               for f in json.loads(r.stdout)["findings"] if f["kind"] == "compose"]
        # local.env is not sent: no finding for it; secrets: is the right way, no finding.
        self.assertEqual(got, [
            ("compose.secret-in-environment", "compose", "docker-compose.yml", 5,
             "DB_PASSWORD in the environment of service web"),
            ("compose.env-file-in-context", "compose", "docker-compose.yml", 7,
             "service web reads env file config/app.env, which the build context sends")])
        self.assertNotIn("Zq8pLm3Rt7Vw2Xy9", r.stdout.decode())
        # A compose file that is not YAML is noted, and the scan goes on.
        self.assertIn(b"note: compose analysis skipped: deploy/compose.broken.yaml:", r.stderr)

    def test_rules_list_includes_the_dockerfile_rules(self):
        r = subprocess.run([CTXSCAN, "rules", "list", "--only-rules", RULES, "--format", "json"],
                           capture_output=True, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 0, r.stderr)
        kinds = {x["id"]: x["kind"] for x in json.loads(r.stdout)}
        self.assertEqual(kinds["test.token"], "content")
        for rule in ("dockerfile.secret-in-image", "dockerfile.secret-named-variable",
                     "dockerfile.run-inline-credential", "dockerfile.no-dockerignore",
                     "dockerfile.broad-copy", "dockerfile.hint.root-user",
                     "dockerfile.hint.unpinned-base", "dockerfile.hint.add-remote-url",
                     "dockerfile.hint.secret-build-arg"):
            self.assertEqual(kinds[rule], "dockerfile")
        for rule in ("compose.secret-in-environment", "compose.secret-in-build-args",
                     "compose.env-file-in-context"):
            self.assertEqual(kinds[rule], "compose")

    def test_no_dockerignore_while_sensitive_files_are_sent(self):
        d = self.tree({"Dockerfile": "FROM scratch\nCOPY . /\n", ".env": "A=1\n", "app.py": "x = 1\n"})
        r = scan("--format", "json", d)
        got = [(f["rule_id"], f["kind"], f["path"], f["severity"]) for f in json.loads(r.stdout)["findings"]]
        # `COPY . /` ships the .env: its severity is raised from medium.
        self.assertEqual(got, [("dockerfile.no-dockerignore", "dockerfile", ".dockerignore", "medium"),
                               ("file.dotenv", "file", ".env", "high"),
                               ("dockerfile.broad-copy", "dockerfile", "Dockerfile", "medium")])
        # Not with a .dockerignore, nor when the only sensitive file's rule is disabled.
        with open(os.path.join(d, ".dockerignore"), "w") as f:
            f.write("*.log\n")
        r = scan("--format", "json", d)
        self.assertNotIn("dockerfile.no-dockerignore", r.stdout.decode())
        os.remove(os.path.join(d, ".dockerignore"))
        with open(os.path.join(d, ".ctxscan.yaml"), "w") as f:
            f.write("rules:\n  disable: [file.dotenv]\n")
        r = scan("--format", "json", d)
        self.assertEqual(json.loads(r.stdout)["findings"], [])
        self.assertEqual(r.returncode, 0)

    def test_jsonl_has_one_line_per_location_sharing_a_fingerprint(self):
        d = self.tree({"Dockerfile": "", "a": TOKEN, "b": "\n\n" + TOKEN})
        r = scan("--format", "jsonl", d)
        lines = [json.loads(l) for l in r.stdout.decode().splitlines()]
        self.assertEqual([(l["path"], l["line"]) for l in lines], [("a", 1), ("b", 3)])
        self.assertEqual(lines[0]["fingerprint"], lines[1]["fingerprint"])
        for key in ("rule_id", "kind", "severity", "path", "line", "column", "fingerprint"):
            self.assertIn(key, lines[0])
        r = scan("--format", "jsonl", "--no-dedup", d)
        lines = [json.loads(l) for l in r.stdout.decode().splitlines()]
        self.assertNotEqual(lines[0]["fingerprint"], lines[1]["fingerprint"])

    def test_exit_codes_and_fail_on(self):
        d = self.tree({"Dockerfile": "", "a": "low_FAKEa8d7f6g5\n"})
        self.assertEqual(scan(d).returncode, 1)
        self.assertEqual(scan("--fail-on", "high", d).returncode, 0)
        self.assertEqual(scan("--exit-zero", d).returncode, 0)
        clean = self.tree({"Dockerfile": "", "a": "nothing here\n"})
        self.assertEqual(scan(clean).returncode, 0)
        self.assertEqual(scan("--fail-on", "bogus", clean).returncode, 2)

    def test_show_secrets_and_stdin(self):
        r = scan("--show-secrets", "-", stdin=("x " + TOKEN).encode())
        self.assertEqual(r.returncode, 1)
        self.assertIn(TOKEN, r.stdout.decode())
        r = scan("-", stdin=("x " + TOKEN).encode())
        self.assertNotIn(TOKEN, r.stdout.decode())
        self.assertIn("tok_FA", r.stdout.decode())

    def test_inline_suppression(self):
        d = self.tree({"Dockerfile": "", "a": TOKEN + " # ctxscan:allow\n",
                       "b": TOKEN + " // gitleaks:allow\n", "c": TOKEN + "  # pragma: allowlist secret\n"})
        r = scan("--format", "json", d)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(json.loads(r.stdout)["summary"]["suppressed_inline"], 3)

    def test_report_is_never_written_through_a_symlink(self):
        d = self.tree({"Dockerfile": "", "a": TOKEN})
        out_dir = self.tree({"target.json": "keep"})
        os.symlink("target.json", os.path.join(out_dir, "report.json"))
        r = scan("--format", "json", "--output", os.path.join(out_dir, "report.json"), d)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"report.json", r.stderr)
        with open(os.path.join(out_dir, "target.json")) as f:
            self.assertEqual(f.read(), "keep")

    def test_report_file_is_private(self):
        d = self.tree({"Dockerfile": "", "a": TOKEN})
        out = os.path.join(self.tree({}), "report.json")
        with open(out, "w") as f:
            f.write("old")
        os.chmod(out, 0o644)
        r = scan("--format", "json", "--output", out, d)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        with open(out) as f:
            self.assertEqual(len(json.load(f)["findings"]), 1)
        # A report written to something that is not a regular file (a FIFO
        # here; /dev/null or a terminal in real life) leaves its mode alone.
        fifo = os.path.join(self.tree({}), "pipe")
        os.mkfifo(fifo, 0o644)
        import threading
        got = []
        reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
        reader.start()
        r = scan("--format", "json", "--output", fifo, d)
        reader.join(timeout=30)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(len(json.loads(got[0])["findings"]), 1)
        self.assertEqual(stat.S_IMODE(os.stat(fifo).st_mode), 0o644)

    def test_binary_and_size_limit_are_reported(self):
        d = self.tree({"Dockerfile": "", "big": "x" * 5000 + TOKEN})
        with open(os.path.join(d, "bin"), "wb") as f:
            f.write(b"\0\1" + TOKEN.encode())
        r = scan("--format", "json", "--max-file-size", "1000", d)
        doc = json.loads(r.stdout)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(sorted((s["path"], s["reason"].split(" ")[0]) for s in doc["skipped"]),
                         [("big", "larger"), ("bin", "binary")])
        r = scan("--format", "json", "--binary", d)
        self.assertEqual(len(json.loads(r.stdout)["findings"]), 1)

    def test_unreadable_directory_is_an_error(self):
        # docker build fails on a directory it cannot read, unless it is
        # excluded: scan reports it as it reports an unreadable file.
        d = self.tree({"Dockerfile": "", "open/b": "x\n", "locked/a": "k=" + TOKEN,
                       "ignored/c": "", ".dockerignore": "ignored\n"})
        prefix = unprivileged(self, d)
        cache = self.tree({})
        os.chmod(cache, 0o777)
        for sub in ("locked", "ignored"):
            os.chmod(os.path.join(d, sub), 0)
            self.addCleanup(os.chmod, os.path.join(d, sub), 0o755)
        r = scan("--format", "json", d, prefix=prefix, cache=cache)
        self.assertEqual(r.returncode, 2, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["errors"], [{"path": "locked", "reason": "permission denied"}])
        self.assertEqual(doc["summary"]["unreadable"], 1)
        self.assertIn(b"error: locked: permission denied\n", r.stderr)
        r = scan(d, prefix=prefix, cache=cache)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"error: locked: permission denied\n", r.stdout)
        self.assertIn(b"1 unreadable;", r.stdout)
        # The commands that scan like scan say so too.
        base = os.path.join(cache, "base.json")
        r = scan("-o", base, d, prefix=prefix, cache=cache, command=("baseline", "create"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"error: locked: permission denied\n", r.stderr)
        r = scan(d, prefix=prefix, cache=cache, command=("dockerignore", "suggest"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"error: locked: permission denied\n", r.stderr)
        # Every directory counts with --all-files; findings still gate with 1.
        with open(os.path.join(d, "open/b"), "w") as f:
            f.write("k=" + TOKEN)
        r = scan("--format", "json", "--all-files", d, prefix=prefix, cache=cache)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual([e["path"] for e in json.loads(r.stdout)["errors"]], ["ignored", "locked"])

    def test_same_output_at_any_thread_count(self):
        files = {"Dockerfile": ""}
        for i in range(200):
            files["d%d/f%d" % (i % 9, i)] = ("x\n" * (i % 5)) + ("tok_FAKE%016d" % i if i % 3 else "")
        d = self.tree(files)
        outs = {scan("--format", "json", "--threads", str(n), d).stdout for n in (1, 2, 7)}
        self.assertEqual(len(outs), 1)

    def sarif_report(self):
        d = self.tree({"Dockerfile": "ENV T=%s\n" % TOKEN, "dir with space/a#b.txt": "k: " + TOKEN,
                       "caf\u00e9.cfg": "x=low_FAKEa8d7f6g5", ".env": "A=1", ".dockerignore": "*.tmp\n"})
        r = scan("--format", "sarif", "--show-secrets", d)
        self.assertEqual(r.returncode, 1, r.stderr)
        return r.stdout

    def test_sarif_holds_every_location_and_no_secret(self):
        out = self.sarif_report()
        self.assertNotIn(TOKEN, out.decode())
        results = json.loads(out)["runs"][0]["results"]
        self.assertEqual(len(results), 4)
        uris = sorted(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in results)
        self.assertEqual(uris, [".env", "Dockerfile", "caf%C3%A9.cfg", "dir%20with%20space/a%23b.txt"])

    def test_sarif_is_valid_for_github(self):
        # Run on its own (--sarif-validation, ctest e2e.sarif_validation), which
        # reports a missing validator as skipped (exit 77), never as a pass.
        tool = os.environ.get("CTXSCAN_SARIF_MULTITOOL", "")
        if not tool or not os.path.exists(tool):
            self.skipTest("SARIF Multitool not installed (CTXSCAN_SARIF_MULTITOOL)")
        path = os.path.join(self.tree({}), "report.sarif")
        with open(path, "wb") as f:
            f.write(self.sarif_report())
        v = subprocess.run([tool, "validate", path, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning"],
                           capture_output=True)
        problems = [l for l in v.stdout.decode().splitlines() if ": error " in l or ": warning " in l]
        self.assertEqual(problems, [])
        self.assertIn("Analysis completed successfully", v.stdout.decode())

    def repo_with_context(self):
        """A git repository whose build context is its subdirectory `result/`."""
        d = self.tree({"result/Dockerfile": "FROM alpine\nCOPY . /app\n",
                       "result/docker-compose.test.yml": "x: " + TOKEN + "\n",
                       "result/sub dir/a.txt": "k=" + TOKEN2 + "\n", "README.md": "hi\n"})
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME="/nonexistent", GIT_AUTHOR_NAME="Dev",
                   GIT_AUTHOR_EMAIL="dev@example.com", GIT_COMMITTER_NAME="Dev",
                   GIT_COMMITTER_EMAIL="dev@example.com")
        for args in (["init", "-q", "."], ["add", "-A"], ["commit", "-qm", "init"]):
            subprocess.run(["git", *args], cwd=d, check=True, capture_output=True, env=env)
        return os.path.realpath(d)

    def ci_paths(self, *args, cwd=None):
        """The paths the SARIF, github and gitlab reports give, and the SARIF root."""
        sarif = json.loads(scan("--format", "sarif", *args, cwd=cwd).stdout)
        run = sarif["runs"][0]
        uris = sorted(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in run["results"])
        bases = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for x in run["results"]}
        root = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri")
        github = sorted(l.split(" file=")[1].split(",")[0]
                        for l in scan("--format", "github", *args, cwd=cwd).stdout.decode().splitlines()
                        if " file=" in l)
        gitlab = sorted(v["location"]["file"]
                        for v in json.loads(scan("--format", "gitlab", *args, cwd=cwd).stdout)["vulnerabilities"])
        junit = scan("--format", "junit", *args, cwd=cwd).stdout.decode()
        return uris, bases, root, github, gitlab, junit

    def test_ci_report_paths_are_relative_to_the_repository_root(self):
        repo = self.repo_with_context()
        want = ["result/Dockerfile", "result/docker-compose.test.yml", "result/sub%20dir/a.txt"]
        elsewhere = self.tree({})
        for cwd, target in ((repo, "result"), (elsewhere, os.path.join(repo, "result")),
                            (os.path.join(repo, "result"), ".")):
            uris, bases, root, github, gitlab, junit = self.ci_paths(target, cwd=cwd)
            self.assertEqual(uris, want, cwd)
            self.assertEqual(bases, {"%SRCROOT%"})
            self.assertEqual(root, "file://" + repo + "/")
            self.assertEqual(github, ["result/Dockerfile", "result/docker-compose.test.yml", "result/sub dir/a.txt"])
            self.assertEqual(gitlab, github)
            self.assertIn('classname="result/docker-compose.test.yml"', junit)
        # Text and JSON keep context-relative paths; JSON adds root_path.
        doc = json.loads(scan("--format", "json", "result", cwd=repo).stdout)
        self.assertEqual(doc["target"]["root"], "repository")
        self.assertEqual([(f["path"], f["root_path"]) for f in doc["findings"]],
                         [("Dockerfile", "result/Dockerfile"), ("docker-compose.test.yml", "result/docker-compose.test.yml"),
                          ("sub dir/a.txt", "result/sub dir/a.txt")])
        self.assertEqual(doc["findings"][1]["locations"][0]["root_path"], "result/docker-compose.test.yml")
        self.assertIn(b"\ndocker-compose.test.yml\n", b"\n" + scan("--color", "never", "result", cwd=repo).stdout)
        # History paths are relative to the root already: `git` and `scan --git` agree.
        r = scan("--format", "sarif", cwd=repo, hints=True, command=("git",))
        uris = sorted(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                      for x in json.loads(r.stdout)["runs"][0]["results"])
        self.assertEqual(uris, want[1:])
        uris, _, root, github, _, _ = self.ci_paths("--git", "--no-dedup", os.path.join(repo, "result"), cwd=elsewhere)
        self.assertEqual(uris, sorted(want + want[1:]))
        self.assertEqual(root, "file://" + repo + "/")

    def test_ci_report_paths_outside_a_repository(self):
        d = os.path.realpath(self.tree({"ctx/Dockerfile": "", "ctx/a.txt": "k=" + TOKEN + "\n"}))
        # Relative to the current directory when the context is under it...
        uris, _, root, github, gitlab, _ = self.ci_paths("ctx", cwd=d)
        self.assertEqual((uris, github, gitlab), (["ctx/a.txt"], ["ctx/a.txt"], ["ctx/a.txt"]))
        self.assertEqual(root, "file://" + d + "/")
        # ...else relative to the context itself.
        uris, _, root, github, _, _ = self.ci_paths(os.path.join(d, "ctx"), cwd=self.tree({}))
        self.assertEqual((uris, github), (["a.txt"], ["a.txt"]))
        self.assertEqual(root, "file://" + d + "/ctx/")
        # Standard input has no file: "-", and no root.
        sarif = json.loads(scan("--format", "sarif", "-", stdin=("k=" + TOKEN).encode(), cwd=d).stdout)
        self.assertEqual(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                         ["artifactLocation"]["uri"], "-")
        self.assertNotIn("originalUriBaseIds", sarif["runs"][0])

    def test_sarif_columns_count_code_points(self):
        # "é" and "€" are 2 and 3 bytes in UTF-8: the byte column (JSON) is 3
        # more than the code-point column SARIF declares with columnKind.
        d = self.tree({"Dockerfile": "", "a.cfg": "# caf\u00e9 \u20ac\nk=" + TOKEN + "\nx=\u00e9\u20ac " + TOKEN + "\n"})
        j = json.loads(scan("--format", "jsonl", d).stdout.decode().splitlines()[0])
        lines = [json.loads(l) for l in scan("--format", "jsonl", "--no-dedup", d).stdout.decode().splitlines()]
        self.assertEqual([(l["line"], l["column"]) for l in lines], [(2, 3), (3, 9)])
        doc = json.loads(scan("--format", "sarif", "--no-dedup", d).stdout)
        self.assertEqual(doc["runs"][0]["columnKind"], "unicodeCodePoints")
        regions = [x["locations"][0]["physicalLocation"]["region"] for x in doc["runs"][0]["results"]]
        self.assertEqual([(g["startLine"], g["startColumn"]) for g in regions], [(2, 3), (3, 6)])
        self.assertEqual(j["column"], 3)

    def test_ci_formats(self):
        import xml.etree.ElementTree as ET
        d = self.tree({"Dockerfile": "", "a,b:c.txt": "k=" + TOKEN + "\n", ".env": "A=1",
                       ".dockerignore": "*.tmp\n"})
        r = scan("--format", "github", d)
        self.assertEqual(r.returncode, 1)
        lines = r.stdout.decode().splitlines()
        self.assertEqual(len(lines), 3)
        # The empty Dockerfile cannot be analysed: a notice says so.
        self.assertTrue(lines[2].startswith("::notice title=ctxscan::Dockerfile analysis skipped"), lines[2])
        self.assertTrue(lines[0].startswith("::warning file=.env,title=file.dotenv (medium)::"))
        self.assertTrue(lines[1].startswith("::error file=a%2Cb%3Ac.txt,line=1,col=3,title=test.token (high)::"))
        self.assertNotIn(TOKEN, r.stdout.decode())
        r = scan("--format", "junit", d)
        root = ET.fromstring(r.stdout)
        self.assertEqual(root.get("failures"), "2")
        self.assertEqual(len(root.findall("./testsuite/testcase/failure")), 2)
        r = scan("--format", "gitlab", d)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["scan"]["type"], "secret_detection")
        self.assertEqual([v["location"]["file"] for v in doc["vulnerabilities"]], [".env", "a,b:c.txt"])
        self.assertEqual(doc["vulnerabilities"][1]["severity"], "High")
        clean = self.tree({"Dockerfile": ""})
        self.assertEqual(ET.fromstring(scan("--format", "junit", clean).stdout).get("failures"), "0")

    def test_project_config(self):
        d = self.tree({"Dockerfile": "", "testdata/a": TOKEN, "src/b": "tok_FAKEz9y8x7w6v5u4t3s2\n",
                       "src/c": "tok_FAKEsample0000000000 x", "src/d": "low_FAKEa8d7f6g5", ".env": "",
                       ".ctxscan.yaml": "allow:\n  paths: ['testdata/**', 'nothing/**']\n"
                                        "  regexes: ['z9y8x7']\n  stopwords: [Sample]\n"
                                        "rules:\n  disable: [file.dotenv]\n  severity: {test.low: info}\n"})
        r = scan("--format", "json", "--fail-on", "low", "--report-unused-suppressions", d)
        doc = json.loads(r.stdout)
        self.assertEqual([(f["rule_id"], f["path"], f["severity"]) for f in doc["findings"]],
                         [("test.low", "src/d", "info")])
        self.assertEqual(doc["summary"]["suppressed_config"], 4)
        self.assertEqual(r.returncode, 0, r.stderr)  # info is below --fail-on low
        self.assertIn(b"unused suppression: " + d.encode() + b"/.ctxscan.yaml: allow.paths \"nothing/**\"", r.stderr)
        self.assertNotIn(b"no rule has the id", r.stderr)
        # A rule id that names no rule is most likely a typo: warned about, not fatal.
        with open(os.path.join(d, ".ctxscan.yaml"), "w") as f:
            f.write("rules:\n  disable: [file.dotenv, dockerfile.hint.root-user, test.tokn]\n"
                    "  severity: {test.lo: info}\n")
        r = scan(d)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(sorted(l for l in r.stderr.decode().splitlines() if l.startswith("warning:")), [
            'warning: %s/.ctxscan.yaml: no rule has the id "test.lo" (see `ctxscan rules list`)' % d,
            'warning: %s/.ctxscan.yaml: no rule has the id "test.tokn" (see `ctxscan rules list`)' % d])
        with open(os.path.join(d, ".ctxscan.yaml"), "w") as f:
            f.write("allow:\n  paths: [x]\n  colour: blue\n")
        r = scan(d)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.decode(), "error: %s/.ctxscan.yaml:3: unknown key \"colour\" in allow\n" % d)
        # A .ctxscan.yaml that is a symlink is not followed (a scanned tree
        # must not point ctxscan at a file outside it), and a note says so.
        outside = self.tree({"config.yaml": "rules:\n  disable: [test.token]\n"})
        os.remove(os.path.join(d, ".ctxscan.yaml"))
        os.symlink(os.path.join(outside, "config.yaml"), os.path.join(d, ".ctxscan.yaml"))
        r = scan(d)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(("note: %s/.ctxscan.yaml is a symlink: not followed (pass the file with "
                       "--config to use it)\n" % d).encode(), r.stderr)

    def test_baseline(self):
        d = self.tree({"Dockerfile": "", "a": TOKEN})
        base = os.path.join(self.tree({}), "baseline.json")
        r = subprocess.run([CTXSCAN, "baseline", "create", "--only-rules", RULES, "-o", base, d],
                           capture_output=True, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(base).st_mode), 0o600)
        self.assertEqual(scan("--baseline", base, d).returncode, 0)
        with open(os.path.join(d, "b"), "w") as f:
            f.write("tok_FAKEz9y8x7w6v5u4t3s2")
        r = scan("--baseline", base, "--format", "json", d)
        self.assertEqual(r.returncode, 1)
        doc = json.loads(r.stdout)
        self.assertEqual([f["path"] for f in doc["findings"]], ["b"])
        self.assertEqual(doc["summary"]["suppressed_baseline"], 1)
        os.remove(os.path.join(d, "a"))
        r = scan("--baseline", base, "--report-unused-suppressions", d)
        self.assertIn(b"note: unused suppression: baseline fingerprint", r.stdout)

    def test_two_secrets_on_one_line_are_both_hidden_in_every_format(self):
        d = self.tree({"Dockerfile": "", "a.conf": "x=%s y=%s\n" % (TOKEN, TOKEN2)})
        for fmt in ("text", "json", "jsonl", "sarif", "github", "junit", "gitlab"):
            r = scan("--format", fmt, d)
            self.assertEqual(r.returncode, 1, r.stderr)
            for token in (TOKEN, TOKEN2):
                self.assertNotIn(token.encode(), r.stdout, fmt)
        doc = json.loads(scan("--format", "json", d).stdout)
        lines = [f["line_text"] for f in doc["findings"]]
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines[0], lines[1])
        self.assertRegex(lines[0], r"^x=tok_FA…\[hmac:[0-9a-f]{8}\] y=tok_FA…\[hmac:[0-9a-f]{8}\]$")
        r = scan("--format", "json", "--show-secrets", d)
        self.assertIn(TOKEN.encode(), r.stdout)
        self.assertIn(TOKEN2.encode(), r.stdout)

    def test_reports_name_secrets_by_a_keyed_hash(self):
        d = self.tree({"Dockerfile": "", "a": "k=" + TOKEN + "\n",
                       "compose.yaml": "services:\n  db:\n    environment:\n"
                                       "      POSTGRES_PASSWORD: postgres\n"})
        key_a, key_b = "11" * 32, "a different CI key of some length"

        def report(key, *args):
            env = dict(os.environ, XDG_CACHE_HOME=CACHE, CTXSCAN_HASH_KEY=key)
            return subprocess.run([CTXSCAN, "scan", "--only-rules", RULES, "--no-hints", *args, d],
                                  capture_output=True, env=env)

        r = report(key_a, "--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr)
        for secret in (TOKEN, "postgres"):
            digest = hashlib.sha256(secret.encode()).hexdigest()
            self.assertNotIn(digest[:8].encode(), r.stdout)
        doc = json.loads(r.stdout)
        token = [f for f in doc["findings"] if f["rule_id"] == "test.token"][0]
        self.assertNotIn("secret_sha256", token)
        self.assertEqual(token["secret_hmac"],
                         hmac.new(bytes.fromhex(key_a), TOKEN.encode(), hashlib.sha256).hexdigest())
        self.assertEqual(token["secret"], "tok_FA…[hmac:%s]" % token["secret_hmac"][:8])
        weak = [f for f in doc["findings"] if f["rule_id"] == "compose.secret-in-environment"][0]
        self.assertEqual(weak["secret"], "[redacted]")  # no prefix, no hash of a password
        self.assertNotIn(b"po\xe2\x80\xa6", report(key_a).stdout)
        # Same key: same fingerprints; another key: none the same.
        prints = lambda r: [f["fingerprint"] for f in json.loads(r.stdout)["findings"]]
        self.assertEqual(prints(r), prints(report(key_a, "--format", "json")))
        other = report(key_b, "--format", "json")
        self.assertFalse(set(prints(r)) & set(prints(other)))
        # A baseline works under its key only.
        base = os.path.join(self.tree({}), "baseline.json")
        env = dict(os.environ, XDG_CACHE_HOME=CACHE, CTXSCAN_HASH_KEY=key_a)
        subprocess.run([CTXSCAN, "baseline", "create", "--only-rules", RULES, "--no-hints", "-o",
                        base, d], capture_output=True, env=env, check=True)
        self.assertEqual(report(key_a, "--baseline", base).returncode, 0)
        # Under another key it could match nothing, and every finding would
        # look new: an error that says why, not a misleading list.
        r = report(key_b, "--baseline", base)
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertEqual(r.stdout, b"")
        key_id = lambda key: hmac.new(bytes.fromhex(key) if len(key) == 64 else key.encode(),
                                      b"ctxscan report hash key id v1",
                                      hashlib.sha256).hexdigest()[:16]
        self.assertEqual(r.stderr.decode(), (
            "error: %s: this baseline was made with another report hash key (key id %s; this "
            "run's key is %s), so none of its fingerprints can match: run with the key it was "
            "made with (CTXSCAN_HASH_KEY or --hash-key-file), or make it again with `ctxscan "
            "baseline create`\n") % (base, key_id(key_a), key_id(key_b)))
        # Every JSON report names its key by that id, which reveals nothing of it.
        self.assertEqual(json.loads(report(key_a, "--format", "json").stdout)["hash_key_id"],
                         key_id(key_a))
        self.assertEqual(json.loads(other.stdout)["hash_key_id"], key_id(key_b))
        with open(base) as f:
            self.assertEqual(json.load(f)["hash_key_id"], key_id(key_a))
        # A baseline from before reports named their key still loads.
        with open(base) as f:
            old = json.load(f)
        del old["hash_key_id"]
        with open(base, "w") as f:
            json.dump(old, f)
        self.assertEqual(report(key_a, "--baseline", base).returncode, 0)
        self.assertEqual(report(key_b, "--baseline", base).returncode, 1)

    def test_hash_key_in_the_cache_and_from_a_file(self):
        d = self.tree({"Dockerfile": "", "a": "k=" + TOKEN + "\n"})
        cache = self.tree({})
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        env.pop("CTXSCAN_HASH_KEY", None)
        run = lambda *a: subprocess.run([CTXSCAN, "scan", "--only-rules", RULES, "--format", "json",
                                         *a, d], capture_output=True, env=env)
        r = run()
        self.assertEqual(r.returncode, 1, r.stderr)
        key = os.path.join(cache, "ctxscan", "hash-key")
        self.assertEqual(stat.S_IMODE(os.stat(key).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(key)).st_mode), 0o700)
        with open(key, "rb") as f:
            raw = f.read()
        self.assertEqual(len(raw), 32)
        first = json.loads(r.stdout)["findings"][0]
        self.assertEqual(first["secret_hmac"], hmac.new(raw, TOKEN.encode(), hashlib.sha256).hexdigest())
        self.assertEqual(json.loads(run().stdout)["findings"][0]["fingerprint"], first["fingerprint"])
        # A copy of the key, given as a file, gives the same fingerprints.
        copy = os.path.join(self.tree({}), "key")
        with open(copy, "wb") as f:
            f.write(raw)
        os.chmod(copy, 0o600)
        r = run("--hash-key-file", copy)
        self.assertEqual(json.loads(r.stdout)["findings"][0]["fingerprint"], first["fingerprint"])
        os.chmod(copy, 0o644)
        r = run("--hash-key-file", copy)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.decode(), "error: %s: the hash key file has mode 0644: others may "
                                            "read it (chmod 600 it, or make a new key)\n" % copy)
        os.chmod(key, 0o640)
        r = run()
        self.assertEqual(r.returncode, 2)
        self.assertIn(key.encode(), r.stderr)
        os.chmod(key, 0o600)
        with open(key, "ab") as f:
            f.write(b"x")
        r = run()
        self.assertEqual(r.returncode, 2)
        self.assertIn(("error: %s: the hash key file holds 33 bytes, not 32" % key).encode(), r.stderr)
        env["CTXSCAN_HASH_KEY"] = "short"
        r = run()
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"CTXSCAN_HASH_KEY: the hash key is too short", r.stderr)

    def test_never_follows_symlinks(self):
        outside = self.tree({"secret": TOKEN})
        d = self.tree({"Dockerfile": ""})
        os.symlink(os.path.join(outside, "secret"), os.path.join(d, "link"))
        r = scan(d)
        self.assertEqual(r.returncode, 0, r.stdout)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    leakcheck.install(CTXSCAN, __file__, extra=["hunter2Xyz9", "Wq3Er7Ty9Ui2Op", "Zq8pLm3Rt7Vw2Xy9"])
    CACHE = tempfile.mkdtemp(prefix="ctxscan-e2e-cache-")
    atexit.register(shutil.rmtree, CACHE, True)
    VALIDATION = "ScanTest.test_sarif_is_valid_for_github"
    if "--sarif-validation" in sys.argv:
        suite = unittest.defaultTestLoader.loadTestsFromName(VALIDATION, sys.modules[__name__])
        result = unittest.TextTestRunner(verbosity=2).run(suite)
        sys.exit(77 if result.skipped else 0 if result.wasSuccessful() else 1)
    groups = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    suite = unittest.TestSuite(test for group in groups for test in group
                               if not test.id().endswith(VALIDATION))
    sys.exit(0 if unittest.TextTestRunner(verbosity=1).run(suite).wasSuccessful() else 1)
