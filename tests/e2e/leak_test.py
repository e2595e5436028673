#!/usr/bin/env python3
"""The acceptance test for redaction: no report, in any format, to stdout or
to a file, from `scan`, `git` or `baseline create`, nor anything on stderr,
holds a planted secret or the unsalted SHA-256 of one (in full or its first
8 hex digits, which is enough to confirm a guessed weak password offline).
With --show-secrets the secrets do appear, so the search can fail.

Planted: two registry credentials on one line of a Docker config.json, an
AWS access key id and its secret key on one line, a weak password in a
compose file, a GitHub token and an RSA private key. Uses the default rules.
See docs/security.md. Run: leak_test.py PATH_TO_CTXSCAN."""
import atexit
import base64
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest
import zlib

CTXSCAN = None
FORMATS = ["text", "json", "jsonl", "sarif", "github", "junit", "gitlab"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev One", "GIT_AUTHOR_EMAIL": "dev@example.com",
           "GIT_COMMITTER_NAME": "Dev One", "GIT_COMMITTER_EMAIL": "dev@example.com",
           "GIT_AUTHOR_DATE": "2024-03-01T12:00:00+01:00",
           "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+01:00",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def github_token(body):
    """A ghp_ token whose last 6 characters are the CRC32 check GitHub uses."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    crc, check = zlib.crc32(body.encode()), ""
    while crc:
        check, crc = alphabet[crc % 62] + check, crc // 62
    return "ghp_" + body + check.rjust(6, "0")


def fake_rsa_key():
    """A made-up PEM block (random bytes, not a key) that looks like one."""
    rng = random.Random(7)
    body = base64.b64encode(b"0\x82\x04\xa4FAKE" + bytes(rng.randrange(256) for _ in range(650)))
    lines = [body[i:i + 64].decode() for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n%s\n-----END RSA PRIVATE KEY-----" % "\n".join(lines)


AUTH1 = base64.b64encode(b"ci-bot:FAKEp7Lq2Vx7Tz4mWp3Kq9").decode()
AUTH2 = base64.b64encode(b"deploy:FAKEq8Lp3Vx7Tz4mWp2Kq8N").decode()
AKIA = "AKIAFAKE2QX7LMN4PQRS"
AWS_SECRET = "FAKEq8Lp3Vx7Tz4mWp2Kq8Nr5Gh1Jd6Sb9Ck0Fy3"
WEAK = "postgres"
GHP = github_token("FAKE7tQ2mVx9Lp4Kz8Rw3Nc6Hy1Bd5")
KEY = fake_rsa_key()
SECRETS = {"docker auth 1": AUTH1, "docker auth 2": AUTH2, "aws key id": AKIA,
           "aws secret key": AWS_SECRET, "weak password": WEAK, "github token": GHP,
           "private key": KEY}
FILES = {
    "config.json": '{"auths":{"ghcr.io":{"auth":"%s"},"registry.fake.test":{"auth":"%s"}}}\n'
                   % (AUTH1, AUTH2),
    "aws.env": "AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s\n" % (AKIA, AWS_SECRET),
    "compose.yaml": "services:\n  db:\n    image: library/pg:16\n    environment:\n"
                    "      POSTGRES_PASSWORD: %s\n" % WEAK,
    "settings.ini": "[github]\ntoken = %s\n" % GHP,
    "deploy/id_rsa": KEY + "\n",
}


def needles():
    """(what, bytes) pairs that must not appear in any output."""
    out = []
    for name, secret in SECRETS.items():
        digest = hashlib.sha256(secret.encode()).hexdigest()
        out += [(name, secret), (name + " sha256", digest), (name + " sha256[:8]", digest[:8])]
        out += [(name + " SHA256[:8]", digest[:8].upper())]
    # Every line of the key's body is key material on its own.
    out += [("private key line %d" % i, line) for i, line in enumerate(KEY.split("\n")[1:-1])]
    return [(what, n.encode()) for what, n in out]


class LeakTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ctxscan-leak-")
        cls.dir = os.path.join(cls.tmp, "ctx")
        cls.out = os.path.join(cls.tmp, "out")
        os.makedirs(cls.out)
        for path, content in FILES.items():
            full = os.path.join(cls.dir, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(content)
        env = dict(os.environ, **GIT_ENV)
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "add config"]):
            subprocess.run(["git", *args], cwd=cls.dir, env=env, check=True, capture_output=True)
        cls.env = dict(os.environ, XDG_CACHE_HOME=os.path.join(cls.tmp, "cache"), NO_COLOR="1")
        cls.env.pop("CTXSCAN_HASH_KEY", None)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, True)

    def run_ctxscan(self, *args):
        r = subprocess.run([CTXSCAN, *args], capture_output=True, env=self.env)
        self.assertIn(r.returncode, (0, 1), r.stderr.decode(errors="replace"))
        return r

    def outputs(self, extra=()):
        """Every report and message of every command and format, as
        (label, bytes)."""
        got = []
        for command in (["scan", self.dir], ["git", self.dir]):
            for fmt in FORMATS:
                label = "%s --format %s" % (command[0], fmt)
                r = self.run_ctxscan(*command, "--format", fmt, *extra)
                got += [(label + " stdout", r.stdout), (label + " stderr", r.stderr)]
                path = os.path.join(self.out, "%s.%s" % (command[0], fmt))
                r = self.run_ctxscan(*command, "--format", fmt, "-o", path, *extra)
                with open(path, "rb") as f:
                    got += [(label + " -o", f.read()), (label + " -o stdout", r.stdout),
                            (label + " -o stderr", r.stderr)]
        return got

    def assertNoLeak(self, outputs):
        leaks = {}
        for label, data in outputs:
            for what, n in needles():
                if n in data:
                    leaks.setdefault(what, []).append(label)
        self.assertEqual({}, leaks, "secrets or their unsalted hashes in these outputs")

    def test_no_output_holds_a_secret_or_its_hash(self):
        got = self.outputs()
        baseline = os.path.join(self.out, "baseline.json")
        r = self.run_ctxscan("baseline", "create", "-o", baseline, self.dir)
        with open(baseline, "rb") as f:
            got += [("baseline create -o", f.read()), ("baseline create stdout", r.stdout),
                    ("baseline create stderr", r.stderr)]
        plan = os.path.join(self.out, "plan.md")
        r = self.run_ctxscan("git", "--remediate", plan, self.dir)
        with open(plan, "rb") as f:
            got += [("git --remediate plan", f.read()), ("git --remediate stdout", r.stdout),
                    ("git --remediate stderr", r.stderr)]
        # The one artifact that holds secrets: the replacement file, mode 0600.
        self.assertEqual(os.stat(plan + ".replace-text.txt").st_mode & 0o777, 0o600)
        self.assertNoLeak(got)
        # Every planted secret was found, or the test proves nothing.
        with open(os.path.join(self.out, "scan.json")) as f:
            report = f.read()
        for rule in ("credential-file.docker-config-auth", "aws.access-key-id",
                     "aws.secret-access-key", "compose.secret-in-environment",
                     "github.pat-classic", "private-key.openssl-traditional"):
            self.assertIn('"%s"' % rule, report)
        self.assertEqual(report.count('"credential-file.docker-config-auth"'), 2)

    def test_show_secrets_shows_them(self):
        got = self.outputs(["--show-secrets"])
        for name, secret in SECRETS.items():
            first_line = secret.split("\n")[0] if name != "private key" else KEY.split("\n")[1]
            for label in ("scan --format json stdout", "scan --format text stdout",
                          "git --format jsonl -o"):
                data = dict(got)[label]
                if name == "private key" and "json" not in label:
                    continue  # text shows a line, the key's first line is its header
                if name == "weak password" and label.startswith("git"):
                    continue  # compose files are analysed in the build context only
                self.assertIn(first_line.encode(), data, "%s not in %s" % (name, label))
        # SARIF never holds a raw secret, even when asked.
        sarif = dict(got)["scan --format sarif stdout"]
        for _, secret in SECRETS.items():
            self.assertNotIn(secret.encode(), sarif)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    unittest.main()
