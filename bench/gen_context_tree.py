#!/usr/bin/env python3
"""Generates the benchmark build context: FILES small files in about DIRS
directories (a random tree, deterministic for a seed) and a 20-line
.dockerignore in the style of real projects.

usage: gen_context_tree.py OUT_DIR [--files 100000] [--dirs 1000] [--seed 1]
"""
import argparse
import os
import random

IGNORE = """\
# benchmark .dockerignore: 20 patterns in the style of real projects
.git
**/node_modules
**/*.log
**/*.tmp
*.md
!README.md
build/
dist
**/__pycache__
**/*.pyc
.env*
!.env.example
d0001/d0150
coverage/**
**/.cache
*.swp
d0002/*.bak
**/f0000[0-4]?.txt
secrets
!secrets/public.pem
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=100000)
    ap.add_argument("--dirs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out)
    dirs = [""]
    for i in range(a.dirs):
        # Parents are picked among the directories made so far, so the tree
        # is wide near the root and a few chains run deep.
        d = os.path.join(rng.choice(dirs), "d%04d" % i)
        os.mkdir(os.path.join(a.out, d))
        dirs.append(d)
    for i in range(a.files):
        d = rng.choice(dirs)
        ext = rng.choice([".txt", ".txt", ".txt", ".py", ".log", ".md", ".json", ".tmp"])
        with open(os.path.join(a.out, d, "f%06d%s" % (i, ext)), "w") as f:
            f.write("x" * rng.randint(0, 200))
    with open(os.path.join(a.out, ".dockerignore"), "w") as f:
        f.write(IGNORE)
    with open(os.path.join(a.out, "Dockerfile"), "w") as f:
        f.write("FROM scratch\nCOPY . /\n")


if __name__ == "__main__":
    main()
