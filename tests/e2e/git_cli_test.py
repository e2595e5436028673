#!/usr/bin/env python3
"""End-to-end tests of `ctxscan git` on repositories built here with git: a
secret added then deleted, only in an unreachable commit, only in a tag, in a
stash, in a renamed file, across a merge, in a binary blob, in a shallow
clone, and in packed and loose objects. Run: git_cli_test.py PATH_TO_CTXSCAN."""
import atexit
import json
import os
import re
import shutil
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
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev One", "GIT_AUTHOR_EMAIL": "dev@example.com",
           "GIT_COMMITTER_NAME": "Dev One", "GIT_COMMITTER_EMAIL": "dev@example.com",
           "GIT_AUTHOR_DATE": "2024-03-01T12:00:00+01:00", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+01:00",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def ctxscan_git(repo, *args):
    env = dict(os.environ, XDG_CACHE_HOME=CACHE)
    r = subprocess.run([CTXSCAN, "git", "--only-rules", RULES, "--format", "json", repo, *args],
                       capture_output=True, env=env)
    return r


class GitTest(unittest.TestCase):
    def repo(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        self.dir = tmp
        self.git("init", "-q", "-b", "main")
        return tmp

    def git(self, *args, cwd=None):
        r = subprocess.run(["git", *args], cwd=cwd or self.dir, capture_output=True,
                           env=dict(os.environ, **GIT_ENV))
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.decode().strip()

    def write(self, path, content, mode="w"):
        full = os.path.join(self.dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, mode) as f:
            f.write(content)

    def commit(self, message, *paths):
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def findings(self, *args, repo=None):
        r = ctxscan_git(repo or self.dir, *args)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return json.loads(r.stdout), r

    def secret_locations(self, doc):
        return [(l["path"], l["commit"], l["at_head"])
                for f in doc["findings"] if f["kind"] == "secret" for l in f["locations"]]

    def test_added_then_deleted(self):
        self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.write("conf/settings.ini", "[a]\nkey = " + TOKEN + "\n")
        added = self.commit("add settings")
        self.git("rm", "-q", "conf/settings.ini")
        removed = self.commit("remove settings")
        doc, r = self.findings()
        self.assertEqual(r.returncode, 1)
        self.assertEqual(self.secret_locations(doc), [("conf/settings.ini", added, False)])
        f = doc["findings"][0]
        self.assertEqual((f["line"], f["column"], f["commit"], f["author"], f["summary"]),
                         (2, 7, added, "Dev One", "add settings"))
        self.assertEqual(f["date"], "2024-03-01T12:00:00+01:00")
        self.assertEqual((f["present_on"], f["removed_in"], f["in_worktree"]),
                         ([], [{"ref": "refs/heads/main", "commit": removed}], False))
        self.assertNotIn(TOKEN, r.stdout.decode())
        self.assertIn("history: 3 commit(s), 2 unique blob(s)", r.stderr.decode())

    def test_whole_file_and_content_findings_agree_on_the_worktree(self):
        # A .env (a file rule) holding a token (a content rule), still in the
        # working tree: both findings say so.
        self.repo()
        self.write(".env", "API=" + TOKEN + "\n")
        self.commit("add env")
        doc, _ = self.findings()
        got = sorted((f["rule_id"], f["in_worktree"], f["in_context"]) for f in doc["findings"])
        self.assertEqual(got, [("file.dotenv", True, True), ("test.token", True, True)])
        # A symlink in the working tree at that path is not followed.
        os.remove(os.path.join(self.dir, ".env"))
        target = os.path.join(self.dir, "elsewhere.txt")
        with open(target, "w") as f:
            f.write("API=" + TOKEN + "\n")
        os.symlink(target, os.path.join(self.dir, ".env"))
        doc, _ = self.findings()
        got = sorted((f["rule_id"], f["path"], f["in_worktree"]) for f in doc["findings"])
        self.assertEqual(got, [("file.dotenv", ".env", False), ("test.token", ".env", False)])

    def test_top_level_at_head_is_any_location(self):
        # The oldest location's blob is gone from HEAD; another blob holding
        # the same secret is there: the finding is still at HEAD.
        self.repo()
        self.write("a.txt", "k=" + TOKEN + "\n")
        self.commit("add a")
        self.git("rm", "-q", "a.txt")
        self.write("b.txt", "other\nk=" + TOKEN + "\n")
        self.commit("move the secret to b")
        doc, _ = self.findings()
        f = [f for f in doc["findings"] if f["rule_id"] == "test.token"][0]
        self.assertEqual([(l["path"], l["at_head"]) for l in f["locations"]], [("a.txt", False), ("b.txt", True)])
        self.assertEqual((f["path"], f["at_head"], f["in_worktree"]), ("a.txt", True, True))

    def test_still_at_head_and_renamed(self):
        self.repo()
        self.write("a.txt", "k=" + TOKEN + "\n")
        first = self.commit("add a")
        self.git("mv", "a.txt", "b.txt")
        moved = self.commit("rename a to b")
        doc, _ = self.findings()
        # One blob, scanned once, reported where each commit introduced it.
        self.assertEqual(self.secret_locations(doc), [("a.txt", first, True), ("b.txt", moved, True)])
        locs = doc["findings"][0]["locations"]
        self.assertEqual([(l["present_on"], [r["commit"] for r in l["removed_in"]], l["in_worktree"],
                           l["in_context"]) for l in locs],
                         [([], [moved], False, False), (["refs/heads/main"], [], True, True)])
        # Ignored by .dockerignore: still in the working tree, no longer sent.
        self.write(".dockerignore", "b.txt\n")
        doc, _ = self.findings()
        last = doc["findings"][0]["locations"][-1]
        self.assertEqual((last["path"], last["in_worktree"], last["in_context"]), ("b.txt", True, False))
        self.assertEqual(doc["summary"]["files_scanned"], 1)

    def test_only_in_an_unreachable_commit(self):
        self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.write("app.py", "x = 1\ntoken = '" + TOKEN + "'\n")
        leaked = self.commit("oops")
        self.git("reset", "-q", "--hard", "HEAD~1")
        self.git("reflog", "expire", "--expire=now", "--all")
        doc, r = self.findings()
        self.assertEqual(self.secret_locations(doc), [])
        self.assertEqual(r.returncode, 0)
        doc, r = self.findings("--all-objects")
        self.assertEqual(self.secret_locations(doc), [("app.py", leaked, False)])
        self.assertIn("1 unreachable commit(s)", r.stderr.decode())

    def test_dangling_blob(self):
        self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.write("staged.txt", "k=" + TOKEN + "\n")
        blob = self.git("hash-object", "-w", "staged.txt")
        os.remove(os.path.join(self.dir, "staged.txt"))
        doc, _ = self.findings("--all-objects")
        locs = [(l["path"], l["commit"], l["blob"]) for f in doc["findings"] for l in f["locations"]]
        self.assertEqual(locs, [("(dangling blob %s)" % blob, "", blob)])

    def test_only_in_a_tag_and_only_in_a_stash(self):
        self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.git("checkout", "-q", "-b", "release")
        self.write("release.cfg", "k=" + TOKEN + "\n")
        tagged = self.commit("release config")
        self.git("tag", "-a", "v1", "-m", "v1")
        self.git("checkout", "-q", "main")
        self.git("branch", "-q", "-D", "release")
        self.write("app.py", "x = 1\nk = '" + TOKEN2 + "'\n")
        self.git("stash", "-q")
        doc, _ = self.findings()
        locs = self.secret_locations(doc)
        self.assertIn(("release.cfg", tagged, False), locs)
        self.assertEqual(sorted(l[0] for l in locs), ["app.py", "release.cfg"])

    def test_merge_introduces_only_what_it_resolves(self):
        self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.git("checkout", "-q", "-b", "feature")
        self.write("feature.cfg", "k=" + TOKEN + "\n")
        on_branch = self.commit("feature config")
        self.git("checkout", "-q", "main")
        self.write("other.py", "y = 2\n")
        self.commit("other work")
        self.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
        doc, _ = self.findings()
        self.assertEqual(self.secret_locations(doc), [("feature.cfg", on_branch, True)])

    def test_binary_blob(self):
        self.repo()
        self.write("blob.bin", "\0\1\2k=" + TOKEN + "\n")
        self.commit("binary")
        doc, _ = self.findings()
        self.assertEqual(self.secret_locations(doc), [])
        self.assertEqual(doc["summary"]["skipped_binary"], 1)
        doc, _ = self.findings("--binary")
        self.assertEqual(len(self.secret_locations(doc)), 1)

    def test_shallow_clone(self):
        src = self.repo()
        self.write("old.cfg", "k=" + TOKEN + "\n")
        self.commit("old secret")
        self.write("new.cfg", "k=" + TOKEN2 + "\n")
        self.commit("new secret")
        clone = os.path.join(tempfile.mkdtemp(), "clone")
        self.addCleanup(shutil.rmtree, os.path.dirname(clone))
        self.git("clone", "-q", "--depth", "1", "file://" + src, clone, cwd="/")
        doc, r = self.findings(repo=clone)
        self.assertIn("shallow clone", r.stderr.decode())
        # The boundary commit holds both files; older history is absent.
        self.assertEqual(sorted(l[0] for l in self.secret_locations(doc)), ["new.cfg", "old.cfg"])

    def test_packed_and_loose_objects_agree(self):
        self.repo()
        for i in range(5):
            self.write("f%d.cfg" % i, "k=%s\n" % (TOKEN if i % 2 else TOKEN2))
            self.commit("commit %d" % i)
        loose, _ = self.findings()
        self.git("gc", "-q", "--aggressive")
        self.assertEqual(self.git("count-objects", "-v").split("\n")[0], "count: 0")
        packed, _ = self.findings()
        self.assertEqual(loose["findings"], packed["findings"])
        self.assertEqual(len(self.secret_locations(packed)), 5)

    def test_delta_chains_in_both_kinds_of_pack(self):
        # Many versions of one file: packed, git stores most as deltas of
        # another version, by offset (the default) or by the base's id.
        self.repo()
        lines = ["line %03d of a long enough file to be worth a delta\n" % i for i in range(200)]
        for v in range(24):
            lines[v * 7 % 200] = "changed in version %d\n" % v
            if v == 7:
                lines[100] = "k=%s\n" % TOKEN
            if v == 13:
                lines[100] = "k=%s\n" % TOKEN2
            if v == 19:
                lines[100] = "removed\n"
            self.write("big.txt", "".join(lines))
            self.commit("version %d" % v)
        loose, _ = self.findings()
        self.assertEqual(len(self.secret_locations(loose)), 12)  # versions 7-18, each a blob
        for config in (["-c", "repack.useDeltaBaseOffset=true"],
                       ["-c", "repack.useDeltaBaseOffset=false"]):
            self.git(*config, "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=50")
            self.git("prune-packed")
            self.assertEqual(self.git("count-objects", "-v").split("\n")[0], "count: 0")
            pack = [f for f in os.listdir(os.path.join(self.dir, ".git", "objects", "pack"))
                    if f.endswith(".idx")]
            verify = self.git("verify-pack", "-v", os.path.join(".git", "objects", "pack", pack[0]))
            self.assertRegex(verify, r"chain length = [2-9]", verify)  # deltas of deltas
            packed, _ = self.findings()
            self.assertEqual(loose["findings"], packed["findings"], config)

    def test_same_output_at_any_thread_count(self):
        self.repo()
        for i in range(30):
            self.write("d%d/f%d.txt" % (i % 4, i), "v=%d\nk=%s\n" % (i, TOKEN if i % 3 else TOKEN2))
            self.commit("c%d" % i)
        outs = {ctxscan_git(self.dir, "--threads", str(t)).stdout for t in (1, 2, 4)}
        self.assertEqual(len(outs), 1)

    def test_remediate_plan_works_with_filter_repo(self):
        if shutil.which("git-filter-repo") is None:
            self.skipTest("git-filter-repo not installed (Debian package git-filter-repo)")
        self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.write("conf/a.ini", "key = " + TOKEN + "\n")
        self.write("conf/b.ini", "# odd: it's\nother = " + TOKEN2 + "\n")
        self.commit("add settings")
        self.git("tag", "v1")
        self.git("rm", "-q", "conf/a.ini")
        self.commit("remove a")
        plan = os.path.join(tempfile.mkdtemp(), "plan's.md")
        self.addCleanup(shutil.rmtree, os.path.dirname(plan))
        r = ctxscan_git(self.dir, "--remediate", plan)
        self.assertEqual(r.returncode, 1, r.stderr)
        replace = plan + ".replace-text.txt"
        for path in (plan, replace):
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with open(plan) as f:
            text = f.read()
        self.assertNotIn(TOKEN, text + r.stdout.decode() + r.stderr.decode())
        # No remote: the branch and the tag exist only here.
        self.assertIn("- local branch `main` (on no remote)\n- local tag `v1`\n", text)
        self.assertIn("filter-repo --replace-text '%s'\n" % replace.replace("'", "'\\''"), text)
        # The plan's own commands rewrite a mirror of the repository, which is left alone.
        script = "".join(re.findall(r"^```bash\n(.*?)^```$", text, re.S | re.M))
        r = subprocess.run(["bash", "-e", "-c", script], cwd="/", capture_output=True,
                           env=dict(os.environ, **GIT_ENV))
        self.assertEqual(r.returncode, 0, r.stderr)
        mirror = subprocess.run(["git", "log", "--all", "-p"], cwd=plan + ".local.git",
                                capture_output=True).stdout
        self.assertNotIn(TOKEN.encode(), mirror)
        self.assertNotIn(TOKEN2.encode(), mirror)
        self.assertIn(b"***REMOVED***", mirror)
        self.assertEqual(self.git("tag"), "v1")
        # Run the plan's command on the repository and check every object.
        self.git("filter-repo", "--force", "--replace-text", replace)
        self.git("reflog", "expire", "--expire=now", "--all")
        self.git("gc", "-q", "--prune=now")
        objects = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=self.dir,
                                 capture_output=True).stdout
        self.assertNotIn(TOKEN.encode(), objects)
        self.assertNotIn(TOKEN2.encode(), objects)
        self.assertIn(b"***REMOVED***", objects)
        doc, r = self.findings("--all-objects")
        self.assertEqual(self.secret_locations(doc), [])
        self.assertEqual(r.returncode, 0)

    def test_missing_objects_are_reported_and_the_scan_goes_on(self):
        self.repo()
        self.write("clean.txt", "nothing here\n")
        self.write("sub/deep.txt", "nothing either\n")
        self.write("bad.txt", "about to be corrupted\n")
        self.write("leak.cfg", "k=" + TOKEN + "\n")
        self.commit("initial")
        blob = self.git("rev-parse", "HEAD:clean.txt")
        tree = self.git("rev-parse", "HEAD:sub")
        for oid in (blob, tree):
            os.remove(os.path.join(self.dir, ".git", "objects", oid[:2], oid[2:]))
        corrupt = self.git("rev-parse", "HEAD:bad.txt")
        path = os.path.join(self.dir, ".git", "objects", corrupt[:2], corrupt[2:])
        os.chmod(path, 0o644)
        with open(path, "wb") as f:
            f.write(b"not zlib at all")
        doc, r = self.findings()
        self.assertEqual(r.returncode, 1)  # findings decide the exit code first
        self.assertEqual(len(self.secret_locations(doc)), 1)
        errors = [(e["path"], e["reason"]) for e in doc["errors"]]
        self.assertTrue(any(p == "clean.txt" and blob in why for p, why in errors), errors)
        self.assertTrue(any(p == "bad.txt" and corrupt in why for p, why in errors), errors)
        self.assertTrue(any(tree in why and "sub" in why for _, why in errors), errors)
        r = ctxscan_git(self.dir, "--exit-zero")
        self.assertEqual(r.returncode, 2)  # --exit-zero forgives findings, not errors
        # A history whose only commit holds just the missing blob: errors alone give 2.
        r = subprocess.run(["git", "mktree", "--missing"], cwd=self.dir, capture_output=True,
                           input=("100644 blob %s\tclean.txt\n" % blob).encode())
        orphan = self.git("commit-tree", "-m", "orphan", r.stdout.decode().strip())
        self.git("update-ref", "refs/heads/main", orphan)
        self.git("reflog", "expire", "--expire=now", "--all")
        r = ctxscan_git(self.dir)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(self.secret_locations(json.loads(r.stdout)), [])

    def test_blobs_a_partial_clone_has_not_fetched(self):
        src = self.repo()
        self.write(".env", "AWS_SECRET_ACCESS_KEY=q8Jx3vR0tL7mN2pB5wK9yZ4cF6hD1sG8aE3uV7iO\n")
        self.write("app.cfg", "k=" + TOKEN + "\n")
        self.commit("initial")
        self.git("config", "uploadpack.allowFilter", "true")
        clone = os.path.join(tempfile.mkdtemp(), "clone")
        self.addCleanup(shutil.rmtree, os.path.dirname(clone))
        self.git("clone", "-q", "--no-local", "--filter=blob:none", "--no-checkout",
                 "file://" + src, clone, cwd="/")
        r = subprocess.run([CTXSCAN, "git", "--format", "json", clone], capture_output=True,
                           env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 1, r.stderr)  # the .env's finding decides first
        r2 = subprocess.run([CTXSCAN, "git", "--exit-zero", clone], capture_output=True,
                            env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r2.returncode, 2, r2.stderr)  # history not scanned is an error
        doc = json.loads(r.stdout)
        reasons = {e["path"]: e["reason"] for e in doc["errors"]}
        self.assertEqual(sorted(reasons), [".env", "app.cfg"])
        for why in reasons.values():
            self.assertIn("not in this partial clone", why)
            self.assertNotIn("corrupt", why)
        stderr = r.stderr.decode()
        self.assertIn("2 blob(s) of history are not in this partial clone", stderr)
        self.assertIn("git -C %s config --unset remote.origin.partialclonefilter" % clone, stderr)
        dotenv = [f for f in doc["findings"] if f["rule_id"] == "file.dotenv"]
        self.assertEqual(len(dotenv), 1)
        self.assertNotEqual(dotenv[0]["severity"], "info")
        self.assertNotIn("no credential found", dotenv[0]["detail"])
        self.assertIn("content not checked (not in this partial clone)", dotenv[0]["detail"])
        # Without its trees (--filter=tree:0) the walk cannot go in: the same note says so.
        trees = os.path.join(os.path.dirname(clone), "trees")
        self.git("clone", "-q", "--no-local", "--filter=tree:0", "--no-checkout",
                 "file://" + src, trees, cwd="/")
        r = subprocess.run([CTXSCAN, "git", trees], capture_output=True,
                           env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("1 tree(s) or commit(s) of history are not in this partial clone",
                      (r.stdout + r.stderr).decode())
        # Fetched as the hint says, the same history is scanned whole.
        self.git("config", "--unset", "remote.origin.partialclonefilter", cwd=clone)
        self.git("fetch", "-q", "--refetch", "origin", cwd=clone)
        r = subprocess.run([CTXSCAN, "git", "--format", "json", clone], capture_output=True,
                           env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(json.loads(r.stdout)["errors"], [])

    def test_lfs_pointers_are_reported_as_pointers(self):
        self.repo()
        self.write("assets/model.bin", "version https://git-lfs.github.com/spec/v1\n"
                   "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                   "size 12345\n")
        self.write("app.py", "x = 1\n")
        self.commit("add model")
        doc, r = self.findings()
        self.assertEqual([(x["path"], x["reason"].split(":")[0]) for x in doc["skipped"]],
                         [("assets/model.bin", "Git LFS pointer")])
        self.assertIn("1 Git LFS pointer(s)", r.stderr.decode())

    def test_an_env_file_in_lfs_is_not_said_to_hold_no_credential(self):
        self.repo()
        self.write("deploy/.env", "version https://git-lfs.github.com/spec/v1\n"
                   "oid sha256:9f2b2c0e5f1d7a3c4b6e8d0a1c3e5f7a9b1d3f5e7c9a1b3d5f7e9c1a3b5d7f9e\n"
                   "size 311\n")
        self.commit("env in lfs")
        r = subprocess.run([CTXSCAN, "git", "--format", "json", self.dir], capture_output=True,
                           env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertEqual(r.returncode, 1, r.stderr)
        dotenv = [f for f in json.loads(r.stdout)["findings"] if f["rule_id"] == "file.dotenv"]
        self.assertEqual(len(dotenv), 1)
        self.assertNotEqual(dotenv[0]["severity"], "info")
        self.assertNotIn("no credential found", dotenv[0]["detail"])
        self.assertIn("content not checked (a Git LFS pointer", dotenv[0]["detail"])

    def test_staged(self):
        self.repo()
        self.write("old.cfg", "k=" + TOKEN2 + "\n")
        self.commit("initial")
        self.write("new.cfg", "k=" + TOKEN + "\n")
        self.write("unstaged.cfg", "k=" + TOKEN + "\n")
        self.git("add", "new.cfg")
        doc, r = self.findings("--staged")
        self.assertEqual(r.returncode, 1)
        locs = [(l["path"], l["commit"], l["summary"]) for f in doc["findings"] for l in f["locations"]]
        self.assertEqual(locs, [("new.cfg", "", "staged")])
        r = subprocess.run([CTXSCAN, "git", "--only-rules", RULES, "--staged", self.dir],
                           capture_output=True, env=dict(os.environ, XDG_CACHE_HOME=CACHE))
        self.assertIn(b"new.cfg", r.stdout)
        self.assertIn(b"(staged)", r.stdout)

    def test_scan_with_git_adds_the_history(self):
        self.repo()
        self.write("Dockerfile", "FROM scratch\nCOPY . /\n")
        self.write("app.cfg", "k=" + TOKEN + "\n")
        added = self.commit("config")
        self.write("app.cfg", "k=${TOKEN}\n")
        self.commit("use the environment")
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        args = [CTXSCAN, "scan", "--only-rules", RULES, "--no-hints", "--format", "json", self.dir]
        r = subprocess.run(args, capture_output=True, env=env)
        self.assertEqual((r.returncode, json.loads(r.stdout)["findings"]), (0, []))
        r = subprocess.run(args + ["--git"], capture_output=True, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["target"]["mode"], "context+git")
        self.assertEqual([(f["path"], f["commit"]) for f in doc["findings"]], [("app.cfg", added)])

    def test_worktree_alternates_and_notes(self):
        src = self.repo()
        self.write("app.py", "x = 1\n")
        self.commit("initial")
        self.git("notes", "add", "-m", "deploy key " + TOKEN, "HEAD")
        # Notes are blobs under refs/notes/commits: found.
        doc, _ = self.findings()
        self.assertEqual(len(self.secret_locations(doc)), 1)
        # A linked worktree sees the same repository.
        wt = os.path.join(tempfile.mkdtemp(), "wt")
        self.addCleanup(shutil.rmtree, os.path.dirname(wt))
        self.git("worktree", "add", "-q", "-b", "side", wt)
        self.write_in(wt, "side.cfg", "k=" + TOKEN2 + "\n")
        self.git("add", "side.cfg", cwd=wt)
        self.git("commit", "-q", "-m", "side", cwd=wt)
        doc, _ = self.findings(repo=wt)
        self.assertEqual(sorted(l[0] for l in self.secret_locations(doc))[-1], "side.cfg")
        # A clone that borrows its objects through alternates.
        shared = os.path.join(tempfile.mkdtemp(), "shared")
        self.addCleanup(shutil.rmtree, os.path.dirname(shared))
        self.git("clone", "-q", "--shared", src, shared, cwd="/")
        self.assertTrue(os.path.exists(os.path.join(shared, ".git", "objects", "info", "alternates")))
        doc, _ = self.findings("--branch", "origin/side", repo=shared)
        self.assertIn("side.cfg", [l[0] for l in self.secret_locations(doc)])

    def write_in(self, root, path, content):
        with open(os.path.join(root, path), "w") as f:
            f.write(content)

    def test_not_a_repository(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        r = ctxscan_git(d)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a git repository", r.stderr.decode())


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    leakcheck.install(CTXSCAN, __file__)
    CACHE = tempfile.mkdtemp(prefix="ctxscan-e2e-cache-")
    atexit.register(shutil.rmtree, CACHE, True)
    try:
        unittest.main(verbosity=1)
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)
