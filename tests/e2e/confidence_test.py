#!/usr/bin/env python3
"""End-to-end tests of per-finding confidence and severity with the built-in
rules: evidence lowers a finding's confidence instead of dropping it
(a checksum that does not verify, a value of low entropy, a non-canonical
length, a test path), --min-confidence filters, and what a finding is
(an encrypted key, a public identifier, an env file without a credential)
sets its severity. Run: confidence_test.py PATH_TO_CTXSCAN."""
import atexit
import base64
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

CTXSCAN = None
CACHE = tempfile.mkdtemp(prefix="ctxscan-confidence-cache-")
# Removed however the test ends, a skip included.
atexit.register(shutil.rmtree, CACHE, True)
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


def openssh_key(cipher):
    """A made-up OpenSSH private key block (random bytes after the header
    fields, not a key) whose cipher field names `cipher`."""
    rng = random.Random(cipher)
    def field(b):
        return struct.pack(">I", len(b)) + b
    kdf = b"bcrypt" if cipher != "none" else b"none"
    body = (b"openssh-key-v1\0" + field(cipher.encode()) + field(kdf) + field(b"FAKE") +
            struct.pack(">I", 1) + bytes(rng.randrange(256) for _ in range(600)))
    text = base64.b64encode(body).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return ("-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----\n"
            % "\n".join(lines))


def pem_body(seed, n=900):
    rng = random.Random(seed)
    text = base64.b64encode(b"0\x82\x04\xa4FAKE" + bytes(rng.randrange(256) for _ in range(n))).decode()
    return "\n".join(text[i:i + 64] for i in range(0, len(text), 64))


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
            with open(full, "w", encoding="utf-8") as f:
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


    def secrets(self, files, *args):
        got = self.findings(self.tree(files), "--no-dedup", *args)
        return {(f["path"], f["rule_id"]): f for f in got}

    def test_encrypted_private_keys_get_a_lower_severity(self):
        got = self.secrets({
            "keys/id_plain": openssh_key("none"),
            "keys/id_enc": openssh_key("aes256-ctr"),
            "keys/enc.pem": "-----BEGIN ENCRYPTED PRIVATE KEY-----\n%s\n-----END ENCRYPTED PRIVATE KEY-----\n"
                            % pem_body(1),
            "keys/legacy.pem": ("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                                "DEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9\n\n%s\n"
                                "-----END RSA PRIVATE KEY-----\n" % pem_body(2)),
        })
        plain = got[("keys/id_plain", "private-key.openssh")]
        self.assertEqual(plain["severity"], "critical")
        self.assertNotIn("encrypted", plain.get("detail", ""))
        for key in [("keys/id_enc", "private-key.openssh"), ("keys/enc.pem", "private-key.pkcs8-encrypted"),
                    ("keys/legacy.pem", "private-key.pem-encrypted")]:
            self.assertEqual(got[key]["severity"], "medium", key)
            self.assertIn("encrypted", got[key]["detail"], key)
        self.assertIn("aes256-ctr", got[("keys/id_enc", "private-key.openssh")]["detail"])

    def test_a_firebase_web_api_key_is_a_public_identifier(self):
        web = ("const firebaseConfig = {\n  apiKey: \"AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tk7\",\n"
               "  authDomain: \"fake-app.firebaseapp.com\",\n  projectId: \"fake-app\",\n};\n")
        server = "GOOGLE_API_KEY=AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tz7\n"
        got = self.secrets({"web/firebase.js": web, "srv/app.env": server})
        f = got[("web/firebase.js", "gcp.api-key")]
        self.assertEqual(f["severity"], "low")
        self.assertIn("public identifier", f["detail"])
        self.assertIn("restrict", f["detail"])
        self.assertEqual(got[("srv/app.env", "gcp.api-key")]["severity"], "high")

    def test_a_key_named_for_firebase_is_a_public_identifier(self):
        # The key's own name says Firebase (on its line, or the name: line of a
        # Kubernetes env entry); a Firebase name on another line does not count.
        got = self.secrets({
            "a/settings.py": "firebase_api_key = 'AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tk7'\n",
            "b/main.go": "body := \"{\\\"firebaseApiKey\\\":\\\"AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tk8\\\"}\"\n",
            "c/deploy.yaml": ("env:\n  - name: FIREBASE_API_KEY\n"
                              "    value: \"AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tk9\"\n"),
            "d/app.py": ("firebase_project = 'shop'\n"
                         "youtube_api_key = 'AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tz1'\n"),
            "e/deploy.yaml": ("env:\n  - name: FIREBASE_PROJECT\n    value: shop\n  - name: MAPS_API_KEY\n"
                              "    value: \"AIzaSyFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5Tz2\"\n"),
        })
        for path in ["a/settings.py", "b/main.go", "c/deploy.yaml"]:
            f = got[(path, "gcp.api-key")]
            self.assertEqual(f["severity"], "low", path)
            self.assertIn("public identifier", f["detail"], path)
        for path in ["d/app.py", "e/deploy.yaml"]:
            self.assertEqual(got[(path, "gcp.api-key")]["severity"], "high", path)

    def test_a_service_account_file_is_reported_once_at_its_key(self):
        body = "\\n".join(pem_body(3).split("\n"))
        key_file = ('{\n  "type": "service_account",\n  "project_id": "fake-proj-1",\n'
                    '  "private_key_id": "4d3694e8f692f9f9f8d0da818b1dd71b1425985a",\n'
                    '  "private_key": "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----\\n",\n'
                    '  "client_email": "ci@fake-proj-1.iam.gserviceaccount.com"\n}\n' % body)
        no_key = ('{"type": "service_account", "project_id": "fake-proj-1",\n'
                  ' "private_key_id": "4d3694e8f692f9f9f8d0da818b1dd71b1425985a",\n'
                  ' "client_email": "ci@fake-proj-1.iam.gserviceaccount.com"}\n')
        got = self.findings(self.tree({"keys/sa.json": key_file, "keys/id-only.json": no_key}), "--no-dedup")
        lines = {(f["path"], f["rule_id"]): f["locations"][0]["line"] for f in got if f["kind"] == "secret"}
        self.assertNotIn(("keys/sa.json", "gcp.service-account-key-id"), lines)
        self.assertEqual(lines[("keys/sa.json", "gcp.service-account-key")], 5)
        self.assertEqual(lines[("keys/id-only.json", "gcp.service-account-key-id")], 2)

    def test_env_and_npmrc_files_are_judged_by_their_content(self):
        got = self.secrets({
            "a/.env": "VITE_THEME=dark\nCOMPOSE_PROJECT_NAME=shop\n",
            "a/.npmrc": "registry=https://registry.npmjs.org/\nsave-exact=true\n",
            "b/.env": "DATABASE_URL=postgres://app:Xq7vL2pW9zK4@db.internal/app\n",
            "b/.npmrc": "//registry.npmjs.org/:_authToken=npm_%s\n" % GOOD_GHP[4:],
        })
        for path, rule in [("a/.env", "file.dotenv"), ("a/.npmrc", "file.npmrc")]:
            self.assertEqual(got[(path, rule)]["severity"], "info", path)
            self.assertIn("no credential found in it", got[(path, rule)]["detail"])
        self.assertEqual(got[("b/.env", "file.dotenv")]["severity"], "high")  # the rule's
        self.assertIn("holds a credential", got[("b/.env", "file.dotenv")]["detail"])
        self.assertEqual(got[("b/.npmrc", "file.npmrc")]["severity"], "medium")
        self.assertIn("holds a credential", got[("b/.npmrc", "file.npmrc")]["detail"])

    def test_env_files_whose_content_was_not_checked_keep_their_severity(self):
        # Too large to scan, binary, or a Git LFS pointer (a checkout without git-lfs): nothing
        # was looked for, so nothing may be said to be absent.
        secret = "DATABASE_URL=postgres://app:Xq7vL2pW9zK4@db.internal/app\n"
        got = self.secrets({"big/.env": secret + "# padding line\n" * 100,
                            "bin/.env": "\0\1\2" + secret,
                            "lfs/.env": "version https://git-lfs.github.com/spec/v1\n"
                                        "oid sha256:%s\nsize 311\n" % ("9f2b" * 16),
                            "small/.env": "VITE_THEME=dark\n"}, "--max-file-size", "1000")
        for path, why in [("big/.env", "larger than the size limit"), ("bin/.env", "binary"),
                          ("lfs/.env", "a Git LFS pointer: the content is in LFS storage")]:
            f = got[(path, "file.dotenv")]
            self.assertEqual(f["severity"], "high", path)  # the rule's own
            self.assertNotIn("no credential found", f["detail"], path)
            self.assertIn("content not checked (%s)" % why, f["detail"], path)
        self.assertIn("no credential found in it", got[("small/.env", "file.dotenv")]["detail"])

    def test_false_alarms_from_the_issue(self):
        got = self.secrets({
            "presign.sh": ("curl 'https://bucket.s3.amazonaws.com/f.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                           "&X-Amz-Credential=AKIAQWERTYFAKE7EXMPL%2F20240101%2Fus-east-1%2Fs3%2Faws4_request"
                           "&X-Amz-Date=20240101T000000Z'\n"),
            "mirror.sh": "createrepo_c -u http://mirror.fake.test/repo/ --update .\ncurl -u http://localhost:8080/api\n",
            "README.md": "git clone https://john.doe:Secr3tPassw0rd@example.com/repo.git\n",
            "real.sh": "git clone https://ci:Secr3tPassw0rd@git.fake-corp.test/repo.git\n",
        }, "--min-confidence", "low")
        self.assertNotIn(("presign.sh", "aws.access-key-id"), got)
        self.assertEqual([k for k in got if k[0] == "mirror.sh"], [])
        doc = got[("README.md", "connection-string.url-credentials")]
        self.assertEqual(doc["confidence"], "low")
        self.assertIn("documentation", doc["detail"])
        self.assertEqual(got[("real.sh", "connection-string.url-credentials")]["confidence"], "medium")

    def test_translation_catalogues_are_not_passwords(self):
        # The word for "password" in another language under a password key, in a
        # translation catalogue (the largest class of false alarms in the
        # real-world review, docs/quality.md).
        got = self.secrets({
            "public/locales/nl/common.json": '{\n  "password": "Wachtwoord",\n  "api_token": "API-sleutel"\n}\n',
            "lang/pl/auth.php": "<?php\nreturn [\n    'password' => 'Has\u0142o',\n];\n",
            "internal/locale/translations/fi_FI.json": '{"form.user.label.password": "Salasana"}\n',
            "src/i18n/messages/pt-BR.json": '{"password": "Palavra-passe"}\n',
            "web/intl/tr-TR.json": '{"users_password": "Kullanici parolasi"}\n',
            # Still reported: a value that is not a word, in a catalogue; a word
            # outside one.
            "lang/en/seed.php": "<?php\nreturn ['password' => 'Kq7mZp2x9L'];\n",
            "config/app.json": '{"password": "Wachtwoord"}\n',
        }, "--min-confidence", "low")
        self.assertEqual(sorted(k for k in got), [
            ("config/app.json", "generic.password-literal"),
            ("lang/en/seed.php", "generic.password-literal")])


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    unittest.main()
