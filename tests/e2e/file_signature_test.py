#!/usr/bin/env python3
"""End-to-end tests of file rules' content signatures against files made by
the real tools: PKCS#12 stores from openssl, SQLite databases from Python's
sqlite3 (the library browsers use), and, with --keytool, JKS and JCEKS
stores from the JDK's keytool (exit 77, skipped, where keytool is missing).
A store is found by its content whatever its name; a file named like a
store whose content is not one is reported at info.
Run: file_signature_test.py PATH_TO_CTXSCAN [--keytool]."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTXSCAN = None
CACHE = tempfile.mkdtemp(prefix="ctxscan-signature-cache-")
PASSWORD = "ctxscan-fake-store-password"


def scan(directory):
    env = dict(os.environ, XDG_CACHE_HOME=CACHE)
    r = subprocess.run([CTXSCAN, "scan", "--no-hints", "--exit-zero", "--all-files",
                        "--format", "json", directory], capture_output=True, env=env)
    if r.returncode != 0:
        raise AssertionError(r.stderr.decode())
    return {(f["path"], f["rule_id"]): f for f in json.loads(r.stdout)["findings"]
            if f["kind"] == "file"}


def run(*cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True)
    if r.returncode != 0:
        raise AssertionError("%s failed: %s" % (cmd[0], r.stderr.decode()))


class Tree(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name

    def path(self, rel):
        full = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full

    def write(self, rel, data):
        with open(self.path(rel), "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)


class SignatureTest(Tree):
    def test_pkcs12_stores_from_openssl_are_found_by_content(self):
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem",
            "-out", "c.pem", "-subj", "/CN=ctxscan-fake", "-days", "1", cwd=self.dir)
        for name, extra in [("certs/bundle.bin", []), ("certs/legacy.data", ["-legacy"]),
                            ("certs/client.p12", [])]:
            run("openssl", "pkcs12", "-export", *extra, "-in", "c.pem", "-inkey", "k.pem",
                "-out", self.path(name), "-passout", "pass:" + PASSWORD, cwd=self.dir)
        os.remove(os.path.join(self.dir, "k.pem"))  # keep the tree about the stores
        got = scan(self.dir)
        for name in ("certs/bundle.bin", "certs/legacy.data"):
            f = got[(name, "file.keystore")]
            self.assertEqual(f["severity"], "high")
            self.assertIn("identified by its content", f["detail"])
        self.assertNotIn("identified by its content",
                         got[("certs/client.p12", "file.keystore")].get("detail", ""))
        self.assertNotIn(("c.pem", "file.keystore"), got)  # a certificate is no store

    def test_sqlite_login_stores_are_vetted_by_content(self):
        for name in ("profile/Default/Login Data", "app/data.db",
                     "profile/x7k2.default/cookies.sqlite"):
            db = sqlite3.connect(self.path(name))
            db.execute("CREATE TABLE logins (origin_url TEXT, username_value TEXT, "
                       "password_value BLOB)")
            db.execute("INSERT INTO logins VALUES ('https://git.example.test', 'jdoe', x'00')")
            db.commit()
            db.close()
        self.write("docs/Login Data", "Notes on how the browser keeps its Login Data.\n")
        got = scan(self.dir)
        self.assertEqual(got[("profile/Default/Login Data", "file.browser-login-store")]
                         ["severity"], "high")
        self.assertEqual(got[("profile/x7k2.default/cookies.sqlite", "file.browser-cookie-store")]
                         ["severity"], "high")
        info = got[("docs/Login Data", "file.browser-login-store")]
        self.assertEqual(info["severity"], "info")
        self.assertIn("content is not one", info["detail"])
        # Any other SQLite database is not a browser store.
        self.assertFalse([k for k in got if k[0] == "app/data.db"])

    def test_text_formats_found_by_content(self):
        self.write("infra/prod-state.json",
                   '{\n  "version": 4,\n  "terraform_version": "1.9.8",\n  "serial": 3,\n'
                   '  "lineage": "ctxscan-fake",\n  "outputs": {},\n  "resources": []\n}\n')
        self.write("ops/tunnel.conf",
                   "# branch office\n[Interface]\n"
                   "PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n"
                   "Address = 10.0.0.2/32\n")
        self.write("db/export.txt", "-- MySQL dump 10.13  Distrib 8.0.39, for Linux (x86_64)\n--\n"
                   "INSERT INTO users VALUES (1,'jdoe');\n")
        self.write("crash/core.dump", "\x7fELF not a database\n")
        got = scan(self.dir)
        self.assertIn(("infra/prod-state.json", "file.terraform-state"), got)
        self.assertEqual(got[("ops/tunnel.conf", "file.vpn-profile")]["severity"], "high")
        self.assertIn(("db/export.txt", "file.database-dump"), got)
        self.assertEqual(got[("crash/core.dump", "file.pg-dump-archive")]["severity"], "info")


class KeytoolTest(Tree):
    def test_jks_and_jceks_stores_from_keytool_are_found_by_content(self):
        for store_type, name in [("JKS", "release.bin"), ("JCEKS", "secrets.store"),
                                 ("PKCS12", "default.ks")]:
            run("keytool", "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=ctxscan-fake", "-validity", "1", "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-storetype", store_type, "-keystore", self.path(name),
                cwd=self.dir)
        # A trust store (certificates only), as Java's cacerts is: no secret in it.
        run("keytool", "-exportcert", "-alias", "app", "-keystore", self.path("release.bin"),
            "-storepass", PASSWORD, "-file", self.path("app.crt"), cwd=self.dir)
        run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", self.path("app.crt"),
            "-keystore", self.path("security/cacerts"), "-storetype", "JKS",
            "-storepass", "changeit", cwd=self.dir)
        os.remove(self.path("app.crt"))
        got = scan(self.dir)
        for name in ("release.bin", "secrets.store", "default.ks"):
            self.assertIn("identified by its content", got[(name, "file.keystore")]["detail"])
        self.assertNotIn(("security/cacerts", "file.keystore"), got)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv[1])
    keytool = "--keytool" in sys.argv
    if keytool and shutil.which("keytool") is None:
        print("skipped: keytool (a JDK) is not installed")
        sys.exit(77)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(KeytoolTest if keytool
                                                               else SignatureTest)
    ok = unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful()
    shutil.rmtree(CACHE, ignore_errors=True)
    sys.exit(0 if ok else 1)
