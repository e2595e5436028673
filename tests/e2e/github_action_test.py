#!/usr/bin/env python3
"""End-to-end tests of the GitHub Action (action.yml): its entry point
scripts/github-action.sh run as a runner runs a composite action's step, with
the GITHUB_* variables a runner sets and the INPUT_* variables action.yml
maps the inputs to. Checked: the exit code, the workflow annotations on
standard output, the SARIF report file, the job summary appended to
$GITHUB_STEP_SUMMARY, the step outputs in $GITHUB_OUTPUT, and that no secret
appears in any of them. action.yml itself is read to check that every
input reaches the entry point.
Run: github_action_test.py PATH_TO_CTXSCAN SOURCE_DIR."""
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
WORK = tempfile.mkdtemp(prefix="ctxscan-action-test-")
SECRET = "q8Jx3vR0tL7mN2pB5wK9yZ4cF6hD1sG8aE3uV7iO"


def workspace(files):
    root = tempfile.mkdtemp(dir=WORK)
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    return root


def run_action(ws, **inputs):
    """The scan step as a runner runs it; returns (result, summary, outputs)."""
    runner_temp = tempfile.mkdtemp(dir=WORK)
    summary = os.path.join(runner_temp, "step_summary.md")
    outputs = os.path.join(runner_temp, "github_output")
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"),
           "XDG_CACHE_HOME": os.path.join(WORK, "cache"),
           "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_WORKSPACE": ws,
           "GITHUB_ACTION_PATH": SOURCE, "GITHUB_STEP_SUMMARY": summary,
           "GITHUB_OUTPUT": outputs, "GITHUB_PATH": os.path.join(runner_temp, "github_path"),
           "RUNNER_TEMP": runner_temp, "GITHUB_REPOSITORY": "example/app",
           "GITHUB_SHA": "0" * 40, "GITHUB_EVENT_NAME": "push"}
    defaults = {"path": ".", "mode": "context", "format": "sarif", "output": "ctxscan.sarif",
                "fail-on": "low", "baseline": "", "args": "", "ctxscan": CTXSCAN}
    defaults.update(inputs)
    for name, value in defaults.items():
        env["INPUT_" + name.upper().replace("-", "_")] = value
    for f in (summary, outputs):
        open(f, "w").close()
    r = subprocess.run([os.path.join(SOURCE, "scripts", "github-action.sh")], cwd=ws, env=env,
                       capture_output=True)
    with open(summary) as f:
        summary_text = f.read()
    with open(outputs) as f:
        out = dict(line.split("=", 1) for line in f.read().splitlines() if "=" in line)
    return r, summary_text, out


class ActionTest(unittest.TestCase):
    def test_action_yml_passes_every_input_to_the_entry_point(self):
        with open(os.path.join(SOURCE, "action.yml")) as f:
            text = f.read()
        inputs = re.findall(r"^  ([a-z-]+):\n    description:", text.split("\noutputs:")[0], re.M)
        self.assertEqual(sorted(inputs), sorted(["path", "mode", "format", "output", "fail-on",
                                                 "baseline", "args", "ctxscan"]))
        with open(os.path.join(SOURCE, "scripts", "github-action.sh")) as f:
            script = f.read()
        for name in inputs:
            var = "INPUT_" + name.upper().replace("-", "_")
            self.assertIn("%s: ${{ inputs.%s }}" % (var, name), text)
            self.assertIn(var, script)

    def test_findings_fail_the_step_with_annotations_sarif_summary_and_outputs(self):
        ws = workspace({"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET,
                        "Dockerfile": "FROM scratch\nCOPY . /app\n"})
        r, summary, outputs = run_action(ws)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        self.assertIn(b"::error file=config/aws.ini,line=2", r.stdout)
        with open(os.path.join(ws, "ctxscan.sarif")) as f:
            sarif = json.load(f)
        rules = [x["ruleId"] for x in sarif["runs"][0]["results"]]
        self.assertIn("aws.secret-access-key", rules)
        self.assertEqual(oct(os.stat(os.path.join(ws, "ctxscan.sarif")).st_mode & 0o777), "0o600")
        self.assertIn("## ctxscan:", summary)
        self.assertIn("| critical | aws\\.secret\\-access\\-key | config\\/aws\\.ini\\:2", summary)
        self.assertEqual(outputs["report"], "ctxscan.sarif")
        self.assertEqual(outputs["exit-code"], "1")
        self.assertGreaterEqual(int(outputs["findings"]), 1)
        for text in (r.stdout.decode(), r.stderr.decode(), summary, json.dumps(sarif)):
            self.assertNotIn(SECRET, text)

    def test_clean_workspace_passes_and_says_so(self):
        ws = workspace({"src/app.py": "print('hello')\n"})
        r, summary, outputs = run_action(ws, format="json", output="report.json")
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
        self.assertIn("## ctxscan: no secrets found", summary)
        self.assertEqual((outputs["findings"], outputs["exit-code"]), ("0", "0"))
        with open(os.path.join(ws, "report.json")) as f:
            self.assertEqual(json.load(f)["findings"], [])

    def test_fail_on_and_args_reach_ctxscan(self):
        ws = workspace({"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET})
        r, _, outputs = run_action(ws, **{"fail-on": "critical", "args": "--all-files --no-dedup"})
        self.assertEqual(r.returncode, 1)  # critical: still fails
        r, _, outputs = run_action(ws, args="--min-confidence high --exit-zero")
        self.assertEqual((r.returncode, outputs["exit-code"]), (0, "0"))

    def test_baseline_suppresses_known_findings(self):
        ws = workspace({"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET})
        r, _, _ = run_action(ws, format="json", output="baseline.json")
        self.assertEqual(r.returncode, 1)
        r, summary, outputs = run_action(ws, baseline="baseline.json")
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
        self.assertEqual(outputs["findings"], "0")

    def test_git_mode_and_bad_mode(self):
        ws = workspace({"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET})
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
        for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "leak"]):
            subprocess.run(["git", "-C", ws, *args], check=True, env=env, capture_output=True)
        r, _, outputs = run_action(ws, mode="git")
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        self.assertIn(b"::error file=config/aws.ini", r.stdout)
        r, _, _ = run_action(ws, mode="nope")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"mode must be context, git or image", r.stdout)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    SOURCE = os.path.abspath(sys.argv.pop(1))
    try:
        unittest.main()
    finally:
        shutil.rmtree(WORK, True)
