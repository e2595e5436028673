#!/usr/bin/env python3
"""Writes every blob of a real repository's git directory as a file: the
real-tree workload of bench/run (real source, dense with token-shaped test
data, where confirmation costs what it costs in use).

Blobs are taken from `git cat-file --batch-all-objects` in object-id order
(deterministic); each is named after the first path `git rev-list --all
--objects` gives it (so extension-keyed rules see real names), prefixed with
its id: OUT_DIR/dNNNN/<id[:12]>_<basename>, 100 files to a directory. With
--limit N only the first N blobs are written (bench/run --quick).

usage: gen_real_tree.py GIT_DIR OUT_DIR [--limit N]
"""
import argparse
import os
import subprocess
import threading


def blob_names(git_dir):
    """Maps each blob id reachable from a ref to the basename of its first path."""
    out = subprocess.run(["git", "--git-dir", git_dir, "rev-list", "--all", "--objects",
                          "--missing=allow-any"],
                         check=True, capture_output=True).stdout
    names = {}
    for line in out.splitlines():
        oid, _, path = line.partition(b" ")
        if path and oid not in names:
            names[oid] = os.path.basename(path)
    return names


def all_blobs(git_dir):
    """Lists every blob id of the object database, sorted."""
    out = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "--batch-all-objects",
                          "--batch-check=%(objectname) %(objecttype)"],
                         check=True, capture_output=True).stdout
    return sorted(l.split()[0] for l in out.splitlines() if l.endswith(b" blob"))


def feed(pipe, blobs):
    pipe.write(b"".join(oid + b"\n" for oid in blobs))
    pipe.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("out")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    blobs = all_blobs(a.git_dir)[:a.limit]
    names = blob_names(a.git_dir)
    os.makedirs(a.out)
    cat = subprocess.Popen(["git", "--git-dir", a.git_dir, "cat-file", "--batch"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    # Fed from a thread: git blocks on a full stdout while we would block on stdin.
    feeder = threading.Thread(target=feed, args=(cat.stdin, blobs))
    feeder.start()
    total = 0
    for index, oid in enumerate(blobs):
        header = cat.stdout.readline().split()
        size = int(header[2])
        data = cat.stdout.read(size)
        cat.stdout.read(1)  # the newline after each object
        d = os.path.join(a.out, "d%04d" % (index // 100))
        if index % 100 == 0:
            os.makedirs(d)
        name = oid[:12] + b"_" + names.get(oid, b"blob")
        with open(os.path.join(os.fsencode(d), name), "wb") as f:
            f.write(data)
        total += size
    feeder.join()
    if cat.wait() != 0:
        raise SystemExit("gen_real_tree.py: git cat-file --batch failed on %s" % a.git_dir)
    print("%s: %d files, %.1f MB" % (a.out, len(blobs), total / 1e6))


if __name__ == "__main__":
    main()
