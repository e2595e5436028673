#!/usr/bin/env python3
"""Differential test of `ctxscan git`'s presence fields (present_on,
removed_in) against a brute-force reference computed here with git itself.

Repositories are generated with `git fast-import`: branches forked from one
another, files under nested directories added, changed (content and mode),
deleted and added back (the same bytes again, so one blob comes and goes on
a line), whole directories deleted, files replaced by directories and back,
merges,
remote-tracking refs with a symbolic origin/HEAD, and tags. The reference
walks each branch's first-parent line from its tip (git rev-list
--first-parent) and reads every commit's tree (git ls-tree -r): a location
(blob at path) is present on a branch whose tip holds it, and removed on a
branch by the child of the newest commit of the line that holds it. Each
repository is scanned twice: walking every ref (presence from the changes
the history walk recorded) and with --branch main (the other branches'
lines read from the repository).

Run: presence_diff_test.py PATH_TO_CTXSCAN [--seeds N] [--commits N]."""
import argparse
import atexit
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "test-rules.yaml")
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def git(repo, *args, stdin=None):
    r = subprocess.run(["git", "-C", repo, *args], input=stdin, capture_output=True,
                       env=dict(os.environ, **GIT_ENV))
    if r.returncode != 0:
        sys.exit(f"git {' '.join(args)}: {r.stderr.decode()}")
    return r.stdout.decode()


def fake_token(rng):
    return "tok_FAKE" + "".join(rng.choice(ALNUM) for _ in range(16))


class Generator:
    """Writes a fast-import stream of random history."""

    def __init__(self, rng, commits):
        self.rng = rng
        self.commits = commits
        self.paths = [f"{d}/{n}" for d in ("a", "a/b", "a/b/c", "x", "y/z") for n in ("s.txt", "t.cfg")]
        # "a/b" and "y" also as files: a directory replaced by a file and back.
        self.paths += ["top.env", "readme.txt", "a/b", "y"]
        # A small pool of contents: the same blob comes back often.
        self.contents = [f"key = {fake_token(rng)}\n" for _ in range(12)] + ["no secret here\n"]
        self.stream = []
        self.mark = 0
        self.branches = {"main": None}  # name -> mark of its tip
        self.files = {"main": {}}       # name -> {path: content}

    def commit(self, branch, merge_from=None):
        self.mark += 1
        files = self.files[branch]
        ops = []
        for _ in range(self.rng.randint(1, 4)):
            p = self.rng.choice(self.paths)
            r = self.rng.random()
            if r < 0.06:
                # A whole directory deleted, with everything under it.
                d = self.rng.choice(["a", "a/b", "x", "y"])
                for q in [q for q in files if q.startswith(d + "/") or q == d]:
                    del files[q]
                ops.append(f"D {d}")
            elif p in files and r < 0.35:
                del files[p]
                ops.append(f"D {p}")
            else:
                # Writing p replaces a directory p and files named like p's directories.
                for q in [q for q in files if q.startswith(p + "/")]:
                    del files[q]
                parts = p.split("/")
                for k in range(1, len(parts)):
                    files.pop("/".join(parts[:k]), None)
                files[p] = self.rng.choice(self.contents)
                data = files[p].encode()
                mode = "100755" if self.rng.random() < 0.15 else "100644"
                ops.append(f"M {mode} inline {p}\ndata {len(data)}\n{files[p]}")
        if merge_from is not None:
            for p, c in sorted(self.files[merge_from].items()):
                if self.rng.random() < 0.5:
                    for q in [q for q in files if q.startswith(p + "/")]:
                        del files[q]
                    parts = p.split("/")
                    for k in range(1, len(parts)):
                        files.pop("/".join(parts[:k]), None)
                    files[p] = c
                    ops.append(f"M 100644 inline {p}\ndata {len(c.encode())}\n{c}")
        msg = f"commit {self.mark}"
        lines = [f"commit refs/heads/{branch}", f"mark :{self.mark}",
                 f"committer Dev One <dev@example.com> {1700000000 + self.mark} +0000",
                 f"data {len(msg)}", msg]
        if self.branches[branch] is not None:
            lines.append(f"from :{self.branches[branch]}")
        if merge_from is not None and self.branches[merge_from] is not None:
            lines.append(f"merge :{self.branches[merge_from]}")
        self.stream.append("\n".join(lines + ops) + "\n")
        self.branches[branch] = self.mark

    def run(self):
        for i in range(self.commits):
            names = sorted(self.branches)
            r = self.rng.random()
            if r < 0.08 and i > 0:
                # A new branch from some existing one.
                base = self.rng.choice([n for n in names if self.branches[n] is not None])
                name = f"topic{len(names)}"
                self.branches[name] = self.branches[base]
                self.files[name] = dict(self.files[base])
                self.stream.append(f"reset refs/heads/{name}\nfrom :{self.branches[base]}\n")
            elif r < 0.15 and len(names) > 1:
                a, b = self.rng.sample(names, 2)
                if self.branches[a] is not None and self.branches[b] is not None:
                    self.commit(a, merge_from=b)
            else:
                self.commit(self.rng.choice(names))
        return "".join(self.stream)


def make_repo(seed, commits):
    rng = random.Random(seed)
    repo = tempfile.mkdtemp(prefix="ctxscan-presence-")
    atexit.register(shutil.rmtree, repo, True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "fast-import", "--quiet", stdin=Generator(rng, commits).run().encode())
    branches = [b for b in git(repo, "for-each-ref", "--format=%(refname)", "refs/heads").split()]
    # Some branches also as remote-tracking refs, a symbolic origin/HEAD, a tag.
    for b in branches[: max(1, len(branches) // 2)]:
        name = b[len("refs/heads/"):]
        git(repo, "update-ref", f"refs/remotes/origin/{name}", b)
    git(repo, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    git(repo, "tag", "v1", branches[-1])
    git(repo, "checkout", "-q", "-f", "main")
    return repo


def reference(repo):
    """(blob, path) -> (present_on, removed_in) by brute force."""
    refs = [r for r in git(repo, "for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes").split()
            if not r.endswith("/HEAD")]
    trees = {}

    def tree(commit):
        if commit not in trees:
            out = {}
            for line in git(repo, "ls-tree", "-r", "--full-tree", commit).splitlines():
                meta, path = line.split("\t", 1)
                out[path] = meta.split()[2]
            trees[commit] = out
        return trees[commit]

    lines = {r: git(repo, "rev-list", "--first-parent", r).split() for r in sorted(refs)}

    def answer(blob, path):
        present, removed = [], []
        for ref, line in lines.items():
            for k, c in enumerate(line):
                if tree(c).get(path) == blob:
                    if k == 0:
                        present.append(ref)
                    else:
                        removed.append({"ref": ref, "commit": line[k - 1]})
                    break
        return present, removed

    return answer


def check(ctxscan, seed, commits, extra):
    repo = make_repo(seed, commits)
    cache = tempfile.mkdtemp(prefix="ctxscan-cache-")
    atexit.register(shutil.rmtree, cache, True)
    r = subprocess.run([ctxscan, "git", "--only-rules", RULES, "--format", "json", *extra, repo],
                       capture_output=True, env=dict(os.environ, XDG_CACHE_HOME=cache))
    if r.returncode not in (0, 1):
        sys.exit(f"seed {seed}: ctxscan exited {r.returncode}: {r.stderr.decode()}")
    doc = json.loads(r.stdout)
    answer = reference(repo)
    checked, wrong = 0, 0
    for f in doc["findings"]:
        for loc in f["locations"]:
            want = answer(loc["blob"], loc["path"])
            got = (loc["present_on"], loc["removed_in"])
            checked += 1
            if got != want:
                wrong += 1
                if wrong <= 5:
                    print(f"seed {seed}: {loc['path']} blob {loc['blob'][:12]}:\n  ctxscan   {got}\n"
                          f"  reference {want}")
    removed = sum(1 for f in doc["findings"] for l in f["locations"] if l["removed_in"])
    how = " ".join(extra) or "every ref"
    print(f"seed {seed} ({how}): {checked} locations checked ({removed} with removals), {wrong} wrong")
    return checked, wrong, removed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ctxscan")
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--commits", type=int, default=150)
    a = ap.parse_args()
    total = wrong = removed = 0
    for seed in range(1, a.seeds + 1):
        # Every ref walked: presence from the changes the walk recorded. One
        # branch walked: the other lines are read from the repository.
        for extra in ([], ["--branch", "main"]):
            c, w, r = check(a.ctxscan, seed, a.commits, extra)
            total, wrong, removed = total + c, wrong + w, removed + r
    # A run that checked nothing, or no removal, proves nothing.
    if total == 0 or removed == 0:
        print("no locations (or no removals) to check: the generator is broken")
        return 1
    print(f"{total - wrong} passed, {wrong} failed")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
