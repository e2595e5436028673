#!/usr/bin/env python3
"""Generates the benchmark build context: FILES small files in about DIRS
directories (a random tree, deterministic for a seed) and a 20-line
.dockerignore in the style of real projects. With --node-modules N and
--git-objects N, also N files under node_modules/ (packages of 50 files)
and under .git/objects/ (256 fan-out directories): what the .dockerignore
ignores, so a lister that prunes them never reads those directories.

usage: gen_context_tree.py OUT_DIR [--files 100000] [--dirs 1000] [--seed 1]
                           [--node-modules 0] [--git-objects 0]
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


def write_ignored(out, node_modules, git_objects):
    """Writes the ignored directories: NODE_MODULES files in packages of 50
    under node_modules/, GIT_OBJECTS files under .git/objects/XX/."""
    for i in range(node_modules):
        d = os.path.join(out, "node_modules", "pkg%05d" % (i // 50), "lib")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "m%06d.js" % i), "w") as f:
            f.write("module.exports = %d;\n" % i)
    for i in range(git_objects):
        d = os.path.join(out, ".git", "objects", "%02x" % (i % 256))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "%038x" % i), "wb") as f:
            f.write(b"x" * (i % 300))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=100000)
    ap.add_argument("--dirs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--node-modules", type=int, default=0)
    ap.add_argument("--git-objects", type=int, default=0)
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
    write_ignored(a.out, a.node_modules, a.git_objects)
    with open(os.path.join(a.out, ".dockerignore"), "w") as f:
        f.write(IGNORE)
    with open(os.path.join(a.out, "Dockerfile"), "w") as f:
        f.write("FROM scratch\nCOPY . /\n")


if __name__ == "__main__":
    main()
