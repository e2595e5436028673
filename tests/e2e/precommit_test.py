#!/usr/bin/env python3
"""End-to-end tests of ctxscan's pre-commit hooks (.pre-commit-hooks.yaml)
with Debian's pre-commit, in temporary repositories whose
.pre-commit-config.yaml names this checkout as the hook repository at its
HEAD commit (the hooks file must be committed), and `git commit` run as a
user runs it:
  - a staged AWS key blocks the commit, and is not printed in clear;
  - a clean commit passes;
  - a secret already in history but not staged does not block;
  - ctxscan-docker-context runs when a Dockerfile changes (a .env the build
    context sends blocks the commit) and is skipped otherwise.
Run: precommit_test.py PATH_TO_CTXSCAN SOURCE_DIR. Exits 77 (skipped)
without pre-commit or git, or when SOURCE_DIR is not a git checkout."""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CTXSCAN = None
SOURCE = None
WORK = tempfile.mkdtemp(prefix="ctxscan-precommit-test-")
# Removed however the test ends, a skip included.
atexit.register(shutil.rmtree, WORK, True)
AWS_ID = "AKIA4HK2QZ7RYWN3XBPV"
AWS_SECRET = "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"
CREDENTIALS = "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (AWS_ID, AWS_SECRET)


def environment():
    bin_dir = os.path.join(WORK, "bin")
    if not os.path.isdir(bin_dir):
        os.makedirs(bin_dir)
        os.symlink(CTXSCAN, os.path.join(bin_dir, "ctxscan"))
    home = os.path.join(WORK, "home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("GIT_"):
            del env[name]
    env.update({"PATH": bin_dir + os.pathsep + env.get("PATH", ""), "HOME": home,
                "PRE_COMMIT_HOME": os.path.join(WORK, "pre-commit-cache"),
                "XDG_CACHE_HOME": os.path.join(WORK, "xdg-cache"), "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"})
    return env


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, env=environment(),
                          check=check)


def write(repo, path, text):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def new_repo(hooks):
    """A repository whose pre-commit config runs `hooks` of this checkout at HEAD."""
    repo = tempfile.mkdtemp(dir=WORK)
    git(repo, "init", "-q", "-b", "main")
    rev = subprocess.run(["git", "-C", SOURCE, "rev-parse", "HEAD"], capture_output=True,
                         check=True, text=True).stdout.strip()
    config = "repos:\n  - repo: %s\n    rev: %s\n    hooks:\n" % (SOURCE, rev)
    config += "".join("      - id: %s\n" % h for h in hooks)
    write(repo, ".pre-commit-config.yaml", config)
    r = subprocess.run(["pre-commit", "install"], cwd=repo, capture_output=True, env=environment())
    assert r.returncode == 0, r.stdout + r.stderr
    git(repo, "add", ".pre-commit-config.yaml")
    r = commit(repo, "config")
    assert r.returncode == 0, r.stdout + r.stderr
    return repo


def commit(repo, message, *args):
    return git(repo, "commit", "-q", "-m", message, *args, check=False)


class StagedHookTest(unittest.TestCase):
    def test_staged_aws_key_blocks_the_commit(self):
        repo = new_repo(["ctxscan"])
        write(repo, "config/aws.ini", CREDENTIALS)
        git(repo, "add", "config/aws.ini")
        r = commit(repo, "add credentials")
        out = r.stdout + r.stderr
        self.assertNotEqual(r.returncode, 0, out.decode())
        self.assertIn(b"aws.secret-access-key", out)
        self.assertIn(b"config/aws.ini", out)
        for secret in (AWS_ID, AWS_SECRET):
            self.assertNotIn(secret.encode(), out)
        self.assertEqual(git(repo, "rev-list", "--count", "HEAD").stdout.strip(), b"1")

    def test_clean_commit_passes(self):
        repo = new_repo(["ctxscan"])
        write(repo, "src/app.py", "def main():\n    return 0\n")
        git(repo, "add", "src/app.py")
        r = commit(repo, "add app")
        self.assertEqual(r.returncode, 0, (r.stdout + r.stderr).decode())
        self.assertIn(b"Passed", r.stdout + r.stderr)

    def test_a_secret_in_history_but_not_staged_does_not_block(self):
        repo = new_repo(["ctxscan"])
        write(repo, "config/aws.ini", CREDENTIALS)
        git(repo, "add", "config/aws.ini")
        self.assertEqual(commit(repo, "old leak", "--no-verify").returncode, 0)
        write(repo, "README.md", "hello\n")
        git(repo, "add", "README.md")
        r = commit(repo, "docs")
        self.assertEqual(r.returncode, 0, (r.stdout + r.stderr).decode())


class DockerContextHookTest(unittest.TestCase):
    def test_runs_when_a_docker_file_changes_and_only_then(self):
        repo = new_repo(["ctxscan-docker-context"])
        write(repo, ".env", "AWS_SECRET_ACCESS_KEY=%s\n" % AWS_SECRET)
        write(repo, ".gitignore", ".env\n")  # not committed, but sent to the builder
        write(repo, "notes.txt", "hello\n")
        git(repo, "add", ".gitignore", "notes.txt")
        r = commit(repo, "no docker file changed")
        self.assertEqual(r.returncode, 0, (r.stdout + r.stderr).decode())
        self.assertIn(b"Skipped", r.stdout + r.stderr)
        write(repo, "Dockerfile", "FROM scratch\nCOPY . /app\n")
        git(repo, "add", "Dockerfile")
        r = commit(repo, "add Dockerfile")
        out = r.stdout + r.stderr
        self.assertNotEqual(r.returncode, 0, out.decode())
        self.assertIn(b".env", out)
        self.assertNotIn(AWS_SECRET.encode(), out)
        write(repo, ".dockerignore", ".env\n.git\n")
        git(repo, "add", "Dockerfile", ".dockerignore")
        r = commit(repo, "add Dockerfile, ignore .env")
        self.assertEqual(r.returncode, 0, (r.stdout + r.stderr).decode())


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    SOURCE = os.path.abspath(sys.argv.pop(1))
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        print("skipped: needs pre-commit and git")
        sys.exit(77)
    if subprocess.run(["git", "-C", SOURCE, "rev-parse", "HEAD"], capture_output=True).returncode:
        print("skipped: %s is not a git checkout" % SOURCE)
        sys.exit(77)
    try:
        unittest.main()
    finally:
        shutil.rmtree(WORK, True)
