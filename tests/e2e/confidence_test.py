#!/usr/bin/env python3
"""End-to-end tests of per-finding confidence and severity with the built-in
rules: evidence lowers a finding's confidence instead of dropping it
(a checksum that does not verify, a value of low entropy, a non-canonical
length, a test path), --min-confidence filters, and what a finding is
(an encrypted key, a public identifier, an env file without a credential)
sets its severity. Run: confidence_test.py PATH_TO_CTXSCAN."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zlib

CTXSCAN = None
CACHE = tempfile.mkdtemp(prefix="ctxscan-confidence-cache-")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def github_token(prefix, body):
    """prefix + body + the base-62 CRC32 of body that GitHub appends."""
    crc, check = zlib.crc32(body.encode()), ""
    while crc:
        check, crc = ALPHABET[crc % 62] + check, crc // 62
    return prefix + body + check.rjust(6, "0")


GOOD_GHP = github_token("ghp_", "FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5")
# The same token with its last character changed: the checksum fails.
BAD_GHO = github_token("gho_", "FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5")[:-1] + "Q"
STRIPE_24 = "sk_live_FAKEXkreBf0NaBuYaQZHLBNN"
STRIPE_32 = "sk_live_FAKE7hQ2mZ9xLp4VtR8nW3cYbK6dJs1E"
SLACK_DIGITS = "xoxa-2-5111111111-5111111111-1111111111-FAKEa1a1a1a1a1a1a1a1a1a1a1"


def scan(*args, env=None):
    full_env = dict(os.environ, XDG_CACHE_HOME=CACHE, **(env or {}))
    full_env.pop("COLUMNS", None)
    return subprocess.run([CTXSCAN, "scan", "--no-hints", "--exit-zero", *args],
                          capture_output=True, env=full_env)


class ConfidenceTest(unittest.TestCase):
    def tree(self, files):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        for path, content in files.items():
            full = os.path.join(tmp.name, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(content)
        return tmp.name

    def findings(self, d, *args):
        r = scan("--all-files", "--format", "json", *args, d)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)["findings"]

    def by_path(self, findings):
        return {f["path"]: f for f in findings if f["kind"] == "secret"}

    def test_evidence_lowers_confidence_instead_of_dropping(self):
        d = self.tree({
            "app/good.py": "GITHUB_TOKEN = '%s'\n" % GOOD_GHP,
            "app/gh.sh": "echo %s | gh auth login --with-token\n" % BAD_GHO,
            "app/clone.sh": "git clone https://x-access-token:%s@github.com/o/r.git\n" % BAD_GHO,
            "app/stripe24.env": "STRIPE_KEY=%s\n" % STRIPE_24,
            "app/stripe32.env": "STRIPE_KEY=%s\n" % STRIPE_32,
            "app/slack.env": "SLACK_TOKEN=%s\n" % SLACK_DIGITS,
            "tests/fixtures/conf.py": "GITHUB_TOKEN = '%s'\n" % GOOD_GHP,
        })
        got = self.by_path(self.findings(d, "--no-dedup", "--min-confidence", "low"))
        conf = {p: (f["rule_id"], f["confidence"]) for p, f in got.items()}
        self.assertEqual(conf["app/good.py"], ("github.pat-classic", "high"))
        self.assertEqual(conf["app/gh.sh"], ("github.oauth-token", "low"))
        self.assertIn("checksum", got["app/gh.sh"]["detail"])
        # In a URL the URL's rule reports it, at its own confidence.
        self.assertEqual(conf["app/clone.sh"], ("connection-string.url-credentials", "medium"))
        self.assertEqual(conf["app/stripe24.env"], ("stripe.live-secret-key", "high"))
        self.assertEqual(conf["app/stripe32.env"], ("stripe.live-secret-key", "medium"))
        self.assertIn("length", got["app/stripe32.env"]["detail"])
        self.assertEqual(conf["app/slack.env"], ("slack.legacy-token", "low"))
        self.assertEqual(conf["tests/fixtures/conf.py"], ("github.pat-classic", "medium"))
        self.assertIn("test", got["tests/fixtures/conf.py"]["detail"])

    def test_test_paths_lower_confidence_one_level(self):
        files = {}
        for p in ["test/a.py", "tests/a.py", "testdata/a.py", "src/__tests__/a.js", "fixtures/a.py",
                  "spec/a.rb", "examples/a.py", "pkg/a_test.go", "src/a.test.ts", "src/mocks/a.py",
                  "src/a_mock.py"]:
            files[p] = "GITHUB_TOKEN = '%s'\n" % GOOD_GHP
        for p in ["src/contest/a.py", "src/latest.py", "specs.txt"]:
            files[p] = "GITHUB_TOKEN = '%s'\n" % GOOD_GHP
        got = self.by_path(self.findings(self.tree(files), "--no-dedup", "--min-confidence", "low"))
        for p in files:
            want = "high" if p in ("src/contest/a.py", "src/latest.py", "specs.txt") else "medium"
            self.assertEqual(got[p]["confidence"], want, p)

    def test_a_finding_takes_the_confidence_of_its_best_location(self):
        d = self.tree({"tests/a.py": "T = '%s'\n" % GOOD_GHP, "app/b.py": "T = '%s'\n" % GOOD_GHP})
        got = [f for f in self.findings(d, "--min-confidence", "low") if f["kind"] == "secret"]
        self.assertEqual([(f["confidence"], len(f["locations"])) for f in got], [("high", 2)])

    def test_min_confidence_filters_in_every_command(self):
        d = self.tree({"a.py": "T = '%s'\n" % GOOD_GHP, "b.sh": "echo %s | gh auth login\n" % BAD_GHO,
                       "c.env": "K=%s\n" % STRIPE_32})
        rules = lambda *a: sorted(f["rule_id"] for f in self.findings(d, *a) if f["kind"] == "secret")
        self.assertEqual(rules("--min-confidence", "low"),
                         ["github.oauth-token", "github.pat-classic", "stripe.live-secret-key"])
        self.assertEqual(rules("--min-confidence", "medium"),
                         ["github.pat-classic", "stripe.live-secret-key"])
        self.assertEqual(rules("--min-confidence", "high"), ["github.pat-classic"])
        r = scan("--min-confidence", "certain", d)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--min-confidence", r.stderr)
        # baseline create honours it too.
        out = os.path.join(d, "base.json")
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        r = subprocess.run([CTXSCAN, "baseline", "create", "--all-files", "--min-confidence", "high",
                            "-o", out, d], capture_output=True, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            self.assertEqual(sorted(x["rule_id"] for x in json.load(f)["findings"]
                                    if x["kind"] == "secret"), ["github.pat-classic"])
        r = subprocess.run([CTXSCAN, "git", "--help"], capture_output=True, env=env)
        self.assertIn(b"--min-confidence", r.stdout)

    def test_confidence_in_every_format(self):
        d = self.tree({"b.sh": "echo %s | gh auth login\n" % BAD_GHO})
        r = scan("--all-files", "--min-confidence", "low", "--format", "jsonl", d)
        self.assertEqual(json.loads(r.stdout.splitlines()[0])["confidence"], "low")
        r = scan("--all-files", "--min-confidence", "low", "--format", "sarif", d)
        result = json.loads(r.stdout)["runs"][0]["results"][0]
        self.assertEqual(result["properties"]["confidence"], "low")
        self.assertLess(result["rank"], 50)
        r = scan("--all-files", "--min-confidence", "low", "--format", "text", d)
        self.assertIn(b"confidence low", r.stdout)
        d = self.tree({"a.py": "T = '%s'\n" % GOOD_GHP})
        r = scan("--all-files", "--format", "text", d)
        self.assertNotIn(b"confidence", r.stdout)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    unittest.main()
