#!/usr/bin/env python3
"""End-to-end test of a fleet run: the job entry point
(deploy/fleet/scan-one.sh) run for indexes 0..N-1 with xargs -P, as an
Indexed Job's pods would run, over local repositories with planted secrets
(one secret reused in two of them), then `ctxscan merge` of the reports:
the reused secret is one finding with both repositories' locations, every
format writes the merged report without a secret in clear, and the
Kubernetes manifests hand the entry point what it reads.
Run: fleet_test.py PATH_TO_CTXSCAN SOURCE_DIR. Exits 77 (skipped) without
git or PyYAML."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CTXSCAN = None
SOURCE = None
WORK = tempfile.mkdtemp(prefix="ctxscan-fleet-test-")
SHARED = "q8Jx3vR0tL7mN2pB5wK9yZ4cF6hD1sG8aE3uV7iO"
OWN = "Zr5tY8uI1oP4aS7dF0gH3jK6lQ9wE2rT5yU8iO1p"
KEY = "fleet-test-hash-key-0123456789abcdef"


def repo(name, files):
    path = os.path.join(WORK, "src", name)
    os.makedirs(path)
    for rel, text in files.items():
        with open(os.path.join(path, rel), "w") as f:
            f.write(text)
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "add " + name]):
        subprocess.run(["git", "-C", path, *args], check=True, env=env, capture_output=True)
    return path


def aws(secret):
    return "[default]\naws_secret_access_key = %s\n" % secret


def env_for(reports, repos):
    return dict(os.environ, CTXSCAN=CTXSCAN, CTXSCAN_REPOS=repos, CTXSCAN_REPORTS=reports,
                CTXSCAN_HASH_KEY=KEY, XDG_CACHE_HOME=os.path.join(WORK, "cache"))


class FleetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        a = repo("app", {"config.ini": aws(SHARED)})
        b = repo("worker", {"settings.ini": aws(SHARED)})
        c = repo("infra", {"deploy.ini": aws(OWN)})
        cls.repos = os.path.join(WORK, "repos.txt")
        with open(cls.repos, "w") as f:
            f.write("# the fleet\napp file://%s\n\nworker file://%s\n%s\n" % (a, b, c))
        cls.reports = os.path.join(WORK, "reports")
        script = os.path.join(SOURCE, "deploy", "fleet", "scan-one.sh")
        cls.jobs = subprocess.run(["sh", "-c", "seq 0 2 | xargs -P 2 -n 1 " + script],
                                  env=env_for(cls.reports, cls.repos), capture_output=True)

    def merge(self, *args):
        files = sorted(os.path.join(self.reports, n) for n in os.listdir(self.reports))
        return subprocess.run([CTXSCAN, "merge", *args, *files], capture_output=True,
                              env=dict(os.environ, XDG_CACHE_HOME=os.path.join(WORK, "cache")))

    def test_every_job_writes_its_report(self):
        self.assertEqual(self.jobs.returncode, 0, self.jobs.stderr.decode())
        self.assertEqual(sorted(os.listdir(self.reports)), ["app.json", "infra.json", "worker.json"])
        for name in os.listdir(self.reports):
            self.assertEqual(oct(os.stat(os.path.join(self.reports, name)).st_mode & 0o777), "0o600")

    def test_a_reused_secret_is_one_finding_with_every_repository(self):
        r = self.merge("--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        report = json.loads(r.stdout)
        secrets = [f for f in report["findings"] if f["rule_id"] == "aws.secret-access-key"]
        self.assertEqual(len(secrets), 2, secrets)  # the shared one and infra's own
        paths = sorted(sorted(l["path"] for l in f["locations"]) for f in secrets)
        self.assertEqual(paths, [["app/config.ini", "worker/settings.ini"], ["infra/deploy.ini"]])
        shared = [f for f in secrets if len(f["locations"]) == 2][0]
        self.assertTrue(all(l.get("commit") for l in shared["locations"]))  # history kept
        self.assertIn("3 reports merged; 1 secrets were found in more than one of them",
                      report["notes"])

    def test_every_format_and_no_secret_in_clear(self):
        for fmt in ("text", "json", "jsonl", "sarif", "github", "junit", "gitlab", "markdown",
                    "html"):
            with self.subTest(format=fmt):
                r = self.merge("--format", fmt)
                self.assertEqual(r.returncode, 1, r.stderr.decode())
                self.assertIn(b"worker", r.stdout)
                for secret in (SHARED, OWN):
                    self.assertNotIn(secret.encode(), r.stdout + r.stderr)

    def test_reports_made_with_different_keys_are_said_to_be(self):
        # A job without the fleet's key hashes the shared secret differently:
        # the merge cannot see it is reused, and says so instead of reporting
        # no reuse.
        elsewhere = os.path.join(WORK, "reports-other-key")
        env = dict(env_for(elsewhere, self.repos), CTXSCAN_HASH_KEY="another-key-0123456789abcdef")
        script = os.path.join(SOURCE, "deploy", "fleet", "scan-one.sh")
        subprocess.run([script, "1"], env=env, capture_output=True, check=True)
        r = subprocess.run([CTXSCAN, "merge", "--format", "json",
                            os.path.join(self.reports, "app.json"),
                            os.path.join(elsewhere, "worker.json")], capture_output=True)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        report = json.loads(r.stdout)
        secrets = [f for f in report["findings"] if f["rule_id"] == "aws.secret-access-key"]
        self.assertEqual(len(secrets), 2)  # the shared secret, not recognised as one
        said = ("worker was made with another report hash key than app: a secret found in both "
                "has a different secret_hmac in each and is not recognised as reused (give every "
                "job the same CTXSCAN_HASH_KEY)")
        self.assertIn(said, report["notes"])
        self.assertIn(("note: " + said + "\n").encode(), r.stderr)
        self.assertNotIn("hash_key_id", report)
        # Reports of one key keep it in the merged report.
        r = self.merge("--format", "json")
        self.assertEqual(len(json.loads(r.stdout)["hash_key_id"]), 16)

    def test_bad_index_and_unreadable_report(self):
        script = os.path.join(SOURCE, "deploy", "fleet", "scan-one.sh")
        r = subprocess.run([script, "7"], env=env_for(self.reports, self.repos), capture_output=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"has no repository at index 7", r.stderr)
        bogus = os.path.join(WORK, "bogus.json")
        with open(bogus, "w") as f:
            f.write("[]")
        r = subprocess.run([CTXSCAN, "merge", bogus], capture_output=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"bogus.json: not a ctxscan JSON report", r.stderr)

    def test_the_kubernetes_manifests_run_the_entry_point(self):
        import yaml
        with open(os.path.join(SOURCE, "deploy", "k8s", "ctxscan-fleet.yaml")) as f:
            docs = list(yaml.safe_load_all(f))
        config = [d for d in docs if d["kind"] == "ConfigMap"][0]
        job = [d for d in docs if d["kind"] == "Job"][0]
        repos = [l for l in config["data"]["repos.txt"].splitlines()
                 if l.strip() and not l.strip().startswith("#")]
        self.assertEqual(job["spec"]["completionMode"], "Indexed")
        self.assertEqual(job["spec"]["completions"], len(repos))
        container = job["spec"]["template"]["spec"]["containers"][0]
        self.assertEqual(container["command"], ["/usr/share/ctxscan/fleet/scan-one.sh"])
        with open(os.path.join(SOURCE, "cmake", "DebianPackage.cmake")) as f:
            self.assertIn("deploy/fleet/scan-one.sh", f.read())  # the package puts it there
        with open(os.path.join(SOURCE, "deploy", "fleet", "scan-one.sh")) as f:
            script = f.read()
        for var in container["env"]:
            self.assertIn(var["name"], script)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    SOURCE = os.path.abspath(sys.argv.pop(1))
    try:
        import yaml  # noqa: F401
    except ImportError:
        print("skipped: needs PyYAML (python3-yaml)")
        sys.exit(77)
    if shutil.which("git") is None:
        print("skipped: needs git")
        sys.exit(77)
    try:
        unittest.main()
    finally:
        shutil.rmtree(WORK, True)
