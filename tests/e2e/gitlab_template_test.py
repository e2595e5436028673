#!/usr/bin/env python3
"""End-to-end test of the GitLab CI template (ci/gitlab/ctxscan.gitlab-ci.yml):
the job's script is taken from the YAML and run in a shell as a GitLab
runner runs it (the template's variables and CI_* variables in the
environment, the project checked out as the working directory). Checked:
the exit code, that the artifact the job declares as its secret_detection
report exists, and that the report has the fields GitLab documents for a
secret detection report (GitLab's published JSON schema is not reachable
from this machine): version; scan with analyzer and scanner (id, name,
version, vendor.name), type secret_detection, start_time, end_time, status;
each vulnerability with id, category secret_detection, name, description,
severity (Critical, High, Medium, Low, Info or Unknown), location.file,
location.start_line and identifiers (type, name, value); for a history scan
location.commit.sha is the commit's. No secret in clear anywhere.
Run: gitlab_template_test.py PATH_TO_CTXSCAN SOURCE_DIR. Exits 77 (skipped)
without PyYAML."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

CTXSCAN = None
SOURCE = None
WORK = tempfile.mkdtemp(prefix="ctxscan-gitlab-test-")
SECRET = "q8Jx3vR0tL7mN2pB5wK9yZ4cF6hD1sG8aE3uV7iO"
TEMPLATE = None


def project(files, commit=False):
    root = tempfile.mkdtemp(dir=WORK)
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    if commit:
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
        for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "leak"]):
            subprocess.run(["git", "-C", root, *args], check=True, env=env, capture_output=True)
    return root


def run_job(root, **variables):
    """The template's ctxscan job, run as a runner would."""
    job = TEMPLATE["ctxscan"]
    bin_dir = os.path.join(WORK, "bin")
    if not os.path.isdir(bin_dir):
        os.makedirs(bin_dir)
        os.symlink(CTXSCAN, os.path.join(bin_dir, "ctxscan"))
    env = {"PATH": bin_dir + os.pathsep + os.environ["PATH"], "HOME": os.environ.get("HOME", "/"),
           "XDG_CACHE_HOME": os.path.join(WORK, "cache"), "CI": "true", "GITLAB_CI": "true",
           "CI_PROJECT_DIR": root, "CI_COMMIT_SHA": "0" * 40}
    env.update({k: str(v) for k, v in TEMPLATE["variables"].items()})
    env.update({k: str(v) for k, v in job.get("variables", {}).items()})
    env.update(variables)
    script = "set -e\n" + "\n".join(job["script"])
    return subprocess.run(["bash", "-c", script], cwd=root, env=env, capture_output=True)


def check_documented_fields(test, report):
    test.assertIsInstance(report["version"], str)
    scan = report["scan"]
    for tool in ("analyzer", "scanner"):
        for key in ("id", "name", "version"):
            test.assertIsInstance(scan[tool][key], str)
        test.assertIsInstance(scan[tool]["vendor"]["name"], str)
    test.assertEqual(scan["type"], "secret_detection")
    test.assertEqual(scan["status"], "success")
    for key in ("start_time", "end_time"):
        test.assertRegex(scan[key], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
    ids = set()
    for v in report["vulnerabilities"]:
        test.assertNotIn(v["id"], ids)
        ids.add(v["id"])
        test.assertEqual(v["category"], "secret_detection")
        test.assertTrue(v["name"] and v["description"])
        test.assertIn(v["severity"], ("Critical", "High", "Medium", "Low", "Info", "Unknown"))
        test.assertIsInstance(v["location"]["file"], str)
        test.assertGreaterEqual(v["location"]["start_line"], 1)
        test.assertTrue(v["identifiers"])
        for i in v["identifiers"]:
            test.assertTrue(i["type"] and i["name"] and i["value"])


class TemplateTest(unittest.TestCase):
    def test_the_job_declares_the_report_it_writes(self):
        job = TEMPLATE["ctxscan"]
        report = job["artifacts"]["reports"]["secret_detection"]
        self.assertEqual(report, "gl-secret-detection-report.json")
        self.assertIn(report, " ".join(job["script"]))
        self.assertEqual(job["artifacts"]["when"], "always")

    def test_findings_fail_the_job_with_a_report_gitlab_reads(self):
        root = project({"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET,
                        "Dockerfile": "FROM scratch\nCOPY config /config\n"})
        r = run_job(root)
        self.assertEqual(r.returncode, 1, r.stdout.decode() + r.stderr.decode())
        with open(os.path.join(root, "gl-secret-detection-report.json")) as f:
            text = f.read()
        report = json.loads(text)
        check_documented_fields(self, report)
        files = {v["location"]["file"] for v in report["vulnerabilities"]}
        self.assertIn("config/aws.ini", files)
        for out in (text, r.stdout.decode(), r.stderr.decode()):
            self.assertNotIn(SECRET, out)
        self.assertTrue(os.path.isfile(os.path.join(root, "ctxscan-summary.md")))

    def test_history_mode_names_the_commit(self):
        root = project({"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET},
                       commit=True)
        r = run_job(root, CTXSCAN_MODE="git")
        self.assertEqual(r.returncode, 1, r.stdout.decode() + r.stderr.decode())
        with open(os.path.join(root, "gl-secret-detection-report.json")) as f:
            report = json.load(f)
        check_documented_fields(self, report)
        head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        self.assertIn(head, {v["location"]["commit"]["sha"] for v in report["vulnerabilities"]})

    def test_clean_project_passes_and_bad_mode_fails(self):
        root = project({"src/app.py": "print('hello')\n"})
        r = run_job(root)
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
        with open(os.path.join(root, "gl-secret-detection-report.json")) as f:
            report = json.load(f)
        check_documented_fields(self, report)
        self.assertEqual(report["vulnerabilities"], [])
        r = run_job(root, CTXSCAN_MODE="nope")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"CTXSCAN_MODE must be context, git or image", r.stderr)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    SOURCE = os.path.abspath(sys.argv.pop(1))
    try:
        import yaml
    except ImportError:
        print("skipped: needs PyYAML (python3-yaml)")
        sys.exit(77)
    with open(os.path.join(SOURCE, "ci", "gitlab", "ctxscan.gitlab-ci.yml")) as f:
        TEMPLATE = yaml.safe_load(f)
    try:
        unittest.main()
    finally:
        shutil.rmtree(WORK, True)
