#!/usr/bin/env python3
"""Generates a repository with very many small objects, for the memory
measurement of `ctxscan git` on large histories: commits that each rewrite
25 small files of one directory of a 50 x 40 x 50 tree (100,000 paths), so
that every commit adds 25 blobs, 3 trees and itself. The default of 70,000
commits makes about 2 million objects (1.75 million of them unique blobs).
A few fake credentials are planted. Deterministic for a seed; the result is
one packed repository (git fast-import) with a checked-out main branch.

usage: gen_many_objects.py OUT_DIR [--commits 70000] [--seed 1]
"""
import argparse
import random
import subprocess
import sys

PLANTED = [
    b"aws_access_key_id = AKIAZ3FAKE7QWERTY2MN\n",
    b"GITHUB_TOKEN=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\n",
]
FILES_PER_COMMIT = 25


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, default=70000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    subprocess.run(["git", "init", "-q", "-b", "main", a.out], check=True)
    fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=a.out,
                          stdin=subprocess.PIPE)
    out = fi.stdin
    when = 1700000000
    blobs = 0
    for n in range(a.commits):
        top, mid = rng.randrange(50), rng.randrange(40)
        first = rng.randrange(50 - FILES_PER_COMMIT + 1)
        ops = []
        for f in range(first, first + FILES_PER_COMMIT):
            data = b"# module %d/%d/%d, revision %d\nvalue = %d\n" % (
                top, mid, f, n, rng.randrange(1 << 40))
            if rng.random() < 0.0005:
                data += PLANTED[n % len(PLANTED)]
            mark = f - first + 1  # marks are reused by the next commit
            out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
            ops.append(b"M 100644 :%d pkg%02d/mod%02d/file%02d.txt\n" % (mark, top, mid, f))
            blobs += 1
        when += 60
        msg = b"update pkg%02d/mod%02d (%d)" % (top, mid, n)
        out.write(b"commit refs/heads/main\n")
        out.write(b"committer Bench Dev <bench@example.com> %d +0000\n" % when)
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        out.write(b"".join(ops))
    out.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=a.out, check=True)
    count = subprocess.run(["git", "count-objects", "-v"], cwd=a.out, check=True,
                           capture_output=True, text=True).stdout
    print("%s: %d commits, %d blobs written\n%s" % (a.out, a.commits, blobs, count))


if __name__ == "__main__":
    main()
