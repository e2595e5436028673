#!/usr/bin/env python3
"""Generates the history benchmark's repository with git fast-import: the
text files of /usr/include and /usr/share (under 256 KiB, in path order)
committed in batches, then commits that modify, add and delete files, until
the generator has written at least MB megabytes of blob data (default 800,
which leaves more than 700 MB of unique blob data). A few
fake credentials are planted along the way, some later deleted.
Deterministic for a seed; the result is one packed repository.

usage: gen_git_repo.py OUT_DIR [--mb 700] [--seed 1]
"""
import argparse
import os
import random
import subprocess
import sys

from text_files import text_files

PLANTED = [
    b"aws_access_key_id = AKIAZ3FAKE7QWERTY2MN\n",
    b"GITHUB_TOKEN=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\n",
    b'slack_webhook: "https://hooks.slack.com/services/T0FAKE123/B0FAKE456/FAKEq7vLp2mWz9Rk3Xc8Yb5N"\n',
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=int, default=800)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    subprocess.run(["git", "init", "-q", "-b", "main", a.out], check=True)
    fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=a.out, stdin=subprocess.PIPE)
    out = fi.stdin
    files = {}  # path -> content
    total = 0
    mark = 0
    when = 1700000000

    def commit(message, changes):
        nonlocal mark, when, total
        ops = []
        for path, data in changes:
            if data is None:
                ops.append(b"D " + path.encode() + b"\n")
                continue
            mark += 1
            out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
            ops.append(b"M 100644 :%d %s\n" % (mark, path.encode()))
            total += len(data)
        when += 3600
        msg = message.encode()
        out.write(b"commit refs/heads/main\n")
        out.write(b"committer Bench Dev <bench@example.com> %d +0000\n" % when)
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        out.write(b"".join(ops))

    source = [(os.path.relpath(p, "/usr"), data) for p, data in text_files(256 * 1024)]
    # History: the tree grows batch by batch, and between batches commits
    # modify, add and delete files.
    batch = 2000
    n = 0
    for start in range(0, len(source), batch):
        changes = []
        for path, data in source[start:start + batch]:
            files[path] = data
            changes.append((path, data))
        commit("add batch %d" % (start // batch), changes)
        for k in range(3):
            paths = sorted(files)
            n += 1
            changes = []
            for path in rng.sample(paths, min(1000, len(paths))):
                data = files[path] + b"# change %d\n" % n
                if rng.random() < 0.01:
                    data += PLANTED[n % len(PLANTED)]
                files[path] = data
                changes.append((path, data))
            for path in rng.sample(paths, min(20, len(paths))):
                if path in files:
                    del files[path]
                    changes.append((path, None))
            commit("modify %d" % n, changes)
        if total >= a.mb * 1000 * 1000:
            break
    out.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=a.out, check=True)
    print("%s: %d blobs written, %.1f MB of blob data" % (a.out, mark, total / 1e6))


if __name__ == "__main__":
    main()
