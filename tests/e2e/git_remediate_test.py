#!/usr/bin/env python3
"""End-to-end test of `ctxscan git --remediate PLAN`: the plan's commands are
taken from the plan text itself (its ```bash blocks) and run verbatim with
bash, against a local bare repository playing the server. Afterwards no
planted secret is left in any ref, commit or object the server holds, and
every file version that held no secret is byte-identical to before.
Run: git_remediate_test.py PATH_TO_CTXSCAN (needs git-filter-repo)."""
import atexit
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leakcheck  # noqa: E402
import zlib

CTXSCAN = None
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev One", "GIT_AUTHOR_EMAIL": "dev@example.com",
           "GIT_COMMITTER_NAME": "Dev One", "GIT_COMMITTER_EMAIL": "dev@example.com",
           "GIT_AUTHOR_DATE": "2024-03-01T12:00:00+01:00", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+01:00",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}
REPLACED = b"***REMOVED***"
# What every unencrypted ed25519 OpenSSH key's base64 starts with (the format's
# magic, cipher "none", kdf "none", one key, "ssh-ed25519"): common to all such
# keys, so harmless code may hold it, and it must never be replaced alone.
OPENSSH_FIRST_LINE = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def fake_openssh_key(seed):
    """A made-up key in OpenSSH's armour: not a key, but the shape scanners find."""
    rng = random.Random(seed)
    body = [OPENSSH_FIRST_LINE, "QyNTUxOQAAACFAKE" + "".join(rng.choice(B64) for _ in range(54))]
    body += ["".join(rng.choice(B64) for _ in range(70)) for _ in range(4)]
    body.append("".join(rng.choice(B64) for _ in range(22)) + "==")
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(body) + "\n-----END OPENSSH PRIVATE KEY-----\n"


def fake_github_token(random_part):
    """ghp_ + 30 characters + their CRC32 in base 62, as GitHub's tokens end."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    crc, check = zlib.crc32(random_part.encode()), ""
    for _ in range(6):
        check, crc = alphabet[crc % 62] + check, crc // 62
    return "ghp_" + random_part + check


AWS_KEY = "AKIAFAKE7Q2M4X9RTB3W"
GH_TOKEN = fake_github_token("FAKEq8Zr2Lm5Tn7Vx1Wc3Yb6Hd9Kf0")
FILE_KEY = fake_openssh_key(1)     # deploy/id_ed25519: the whole file is the secret
SOURCE_KEY = fake_openssh_key(2)   # inside an ordinary Python source file
ENV_FILE = "DB_PASSWORD=FAKEpw-4d7e1b9c2a\n"
# A directory name that runs a command if a plan pastes it unquoted.
HOSTILE_DIR = "conf;$(touch PWNED)`touch PWNED2`'q\"x"


def key_material(key):
    """The lines of a key that are its own (not the armour, not the common first line)."""
    return [l for l in key.splitlines()[2:-1]]


PLANTED = [AWS_KEY, GH_TOKEN, "FAKEpw-4d7e1b9c2a"] + key_material(FILE_KEY) + key_material(SOURCE_KEY)

HARMLESS_PEM = (
    '"""Recognises OpenSSH key files by their armour."""\n'
    'HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----"\n'
    'FOOTER = "-----END OPENSSH PRIVATE KEY-----"\n'
    'ED25519_FIRST_LINE = "' + OPENSSH_FIRST_LINE + '"\n\n'
    "def looks_like_key(text):\n"
    "    return text.startswith(HEADER) and FOOTER in text\n")


class RemediateTest(unittest.TestCase):
    def setUp(self):
        # A space and a quote in every path the plan names.
        self.root = tempfile.mkdtemp(prefix="ctx rem'")
        self.addCleanup(shutil.rmtree, self.root)

    def git(self, cwd, *args):
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=dict(os.environ, **GIT_ENV))
        self.assertEqual(r.returncode, 0, (args, r.stderr))
        return r.stdout

    def write(self, repo, path, content):
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(content)

    def commit(self, repo, message):
        self.git(repo, "add", "-A")
        self.git(repo, "commit", "-q", "-m", message)
        return self.git(repo, "rev-parse", "HEAD").decode().strip()

    def build_history(self):
        """A server, a developer's repository that pushed to it, and the clone that is scanned."""
        server = os.path.join(self.root, "server.git")
        dev = os.path.join(self.root, "dev")
        self.git(self.root, "init", "-q", "--bare", "-b", "main", server)
        self.git(self.root, "init", "-q", "-b", "main", dev)
        self.write(dev, "app.py", "def main():\n    return 1\n")
        self.write(dev, "lib/pem.py", HARMLESS_PEM)
        self.write(dev, "README.md", "# demo\n")
        self.commit(dev, "initial")
        self.write(dev, "config.py", 'AWS_ACCESS_KEY_ID = "%s"\nGITHUB_TOKEN = "%s"\nTIMEOUT = 30\n'
                   % (AWS_KEY, GH_TOKEN))
        self.write(dev, "tests/fixture.py", 'DEPLOY_KEY = """' + SOURCE_KEY + '"""\nUSER = "deploy"\n')
        leak = self.commit(dev, "add configuration")
        self.git(dev, "tag", "v1")
        self.write(dev, "deploy/id_ed25519", FILE_KEY)
        self.write(dev, HOSTILE_DIR + "/.env", ENV_FILE)
        self.commit(dev, "add deploy key")
        self.git(dev, "branch", "feature")
        self.write(dev, "config.py", 'import os\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\n'
                   'GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\nTIMEOUT = 30\n')
        self.write(dev, "tests/fixture.py", 'DEPLOY_KEY = open("/run/secrets/key").read()\nUSER = "deploy"\n')
        os.remove(os.path.join(dev, "deploy/id_ed25519"))
        shutil.rmtree(os.path.join(dev, HOSTILE_DIR))
        self.commit(dev, "read secrets from the environment")
        self.write(dev, "app.py", "def main():\n    return 2\n")
        self.commit(dev, "more work")
        self.git(dev, "checkout", "-q", "feature")
        self.write(dev, "feature.py", "FEATURE = True\n")
        self.commit(dev, "feature work")
        self.git(dev, "checkout", "-q", "main")
        self.git(dev, "push", "-q", server, "main", "feature", "v1")
        clone = os.path.join(self.root, "my clone")
        self.git(self.root, "clone", "-q", server, clone)
        # A branch only this clone has, with the leak in its history.
        self.git(clone, "checkout", "-q", "-b", "wip", leak)
        self.write(clone, "wip.py", "WIP = 1\n")
        self.commit(clone, "wip")
        self.git(clone, "checkout", "-q", "main")
        return server, clone

    def files(self, repo):
        """Every (path, content) of every commit any ref reaches."""
        out = set()
        for commit in self.git(repo, "rev-list", "--all").split():
            for entry in self.git(repo, "ls-tree", "-r", "-z", commit).split(b"\0"):
                if entry:
                    meta, path = entry.split(b"\t", 1)
                    out.add((path.decode(), self.git(repo, "cat-file", "blob", meta.split()[2].decode())))
        return out

    def assert_no_secret(self, data, where):
        for s in PLANTED:
            self.assertNotIn(s.encode() if isinstance(data, bytes) else s, data, where)

    def run_plan(self, plan_text):
        """The plan's ```bash blocks, in order, run verbatim from an unrelated directory."""
        blocks = re.findall(r"^```bash\n(.*?)^```$", plan_text, re.S | re.M)
        self.assertGreaterEqual(len(blocks), 2, plan_text)
        script = os.path.join(self.root, "plan.sh")
        with open(script, "w") as f:
            f.write("".join(blocks))
        elsewhere = os.path.join(self.root, "elsewhere")
        os.mkdir(elsewhere)
        r = subprocess.run(["bash", "-e", script], cwd=elsewhere, capture_output=True,
                           env=dict(os.environ, **GIT_ENV))
        self.assertEqual(r.returncode, 0, "plan failed:\n%s\n%s" % ("".join(blocks), r.stderr.decode()))
        self.assert_no_secret(r.stdout + r.stderr, "plan's command output")
        return "".join(blocks)

    def remediate(self):
        """Builds the history and runs `ctxscan git --remediate` on the clone, with a
        relative plan path as a user would type it; returns the plan's text."""
        self.server, self.clone = self.build_history()
        os.mkdir(os.path.join(self.root, "plans dir"))
        self.plan = os.path.join(self.root, "plans dir", "it's plan.md")
        r = subprocess.run([CTXSCAN, "git", "--remediate", os.path.join("plans dir", "it's plan.md"),
                            "my clone"], cwd=self.root, capture_output=True,
                           env=dict(os.environ, XDG_CACHE_HOME=os.path.join(self.root, "cache")))
        self.assertEqual(r.returncode, 1, r.stderr)
        for path in (self.plan, self.plan + ".replace-text.txt"):
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600, path)
        with open(self.plan) as f:
            text = f.read()
        self.assert_no_secret(text + r.stdout.decode() + r.stderr.decode(), "plan or ctxscan's output")
        return text

    def test_force_push_list_names_the_servers_branches(self):
        text = self.remediate()
        # Not the clone's tracking refs (origin/main, the symbolic origin/HEAD):
        # the branches as the server names them, once each, and the tag.
        self.assertNotIn("origin/HEAD", text)
        self.assertNotIn("refs/remotes", text)
        self.assertIn("- remote `origin`: branch `feature`, branch `main`, tag `v1`\n", text)
        self.assertIn("- local branch `wip` (on no remote)\n", text)
        self.assertRegex(text, r"\ngit -C '[^\n]*remote-origin.git' push --force --tags "
                               r"\"\$\(git -C '[^\n]*my clone' remote get-url --push origin\)\" "
                               r"refs/heads/feature refs/heads/main\n")

    def test_plan_runs_verbatim_and_cleans_the_server(self):
        text = self.remediate()
        server, plan = self.server, self.plan
        before = self.files(server)
        script = self.run_plan(text)
        self.assertNotIn("cd ", script)
        for p in [os.path.join(d, f) for d, _, fs in os.walk(self.root) for f in fs]:
            self.assertNotIn("PWNED", os.path.basename(p), "a path in the plan ran a command")

        # Every ref, commit and object on the server: no planted secret.
        log = self.git(server, "log", "--all", "-p", "--format=%H %s%n%b")
        self.assert_no_secret(log, "git log --all -p")
        self.assertIn(b"-----BEGIN OPENSSH PRIVATE KEY-----", log)  # the harmless constant
        after = self.files(server)
        for path, content in after:
            self.assert_no_secret(content, path)
        self.git(server, "reflog", "expire", "--expire=now", "--all")  # what the host's gc does
        self.git(server, "gc", "-q", "--prune=now")
        objects = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=server,
                                 capture_output=True).stdout
        self.assert_no_secret(objects, "git cat-file --batch-all-objects")
        self.assertEqual(sorted(self.git(server, "for-each-ref", "--format=%(refname)").split()),
                         [b"refs/heads/feature", b"refs/heads/main", b"refs/tags/v1"])

        # Files that held no secret are byte-identical; those that held one in an
        # ordinary source file differ only by the secret's own bytes; whole
        # secret files are gone.
        removed = ("deploy/id_ed25519", HOSTILE_DIR + "/.env")
        held = lambda c: any(s.encode() in c for s in PLANTED)
        clean = {(p, c) for p, c in before if not held(c) and p not in removed}
        replaced = set()
        for p, c in before:
            if held(c) and p not in removed:
                for s in (SOURCE_KEY.rstrip("\n"), AWS_KEY, GH_TOKEN):
                    c = c.replace(s.encode(), REPLACED)
                replaced.add((p, c))
        self.assertEqual({p for p, _ in replaced}, {"config.py", "tests/fixture.py"})
        self.assertEqual(after, clean | replaced)
        self.assertIn(("lib/pem.py", HARMLESS_PEM.encode()), after)

        # The branch only the clone had is rewritten in the clone's own mirror.
        local = plan + ".local.git"
        self.assertIn(b"refs/heads/wip", self.git(local, "for-each-ref", "--format=%(refname)"))
        self.assert_no_secret(self.git(local, "log", "--all", "-p"), "the local mirror")
        self.assertIn(("wip.py", b"WIP = 1\n"), self.files(local))


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    leakcheck.install(CTXSCAN, __file__, extra=PLANTED)
    if shutil.which("git-filter-repo") is None:
        print("git-filter-repo not installed (scripts/install-deps.sh installs it)", file=sys.stderr)
        sys.exit(77)
    unittest.main(verbosity=1)
