#!/usr/bin/env python3
"""Writes a build context for bench/dockerfile_analysis.sh: FILES small files,
each holding its own fake GitHub token (so every file is a finding), in 50
top directories of 400 subdirectories each, and a multi-stage Dockerfile that
copies them around (a base stage, 9 stages built on it with directory,
wildcard, --exclude and whole-context copies, and a final stage taking
directories from each by COPY --from). Also writes plain.Dockerfile (FROM
scratch only) next to the context, to measure the same scan without the
analysis's work. Usage: gen_build_context.py OUT_DIR [--files N]"""
import argparse
import os
import random
import zlib

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(n, width=6):
    s = ""
    while n:
        s = ALPHABET[n % 62] + s
        n //= 62
    return s.rjust(width, "0")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=20000)
    args = ap.parse_args()
    rng = random.Random(1)
    ctx = os.path.join(args.out, "ctx")
    for i in range(args.files):
        d = os.path.join(ctx, "s%02d" % (i % 50), "m%03d" % (i % 400))
        os.makedirs(d, exist_ok=True)
        body = "FAKE" + "".join(rng.choice(ALPHABET) for _ in range(26))
        with open(os.path.join(d, "f%d.cfg" % i), "w") as f:
            f.write("token = ghp_%s%s\n" % (body, base62(zlib.crc32(body.encode()))))
    df = "FROM scratch AS base\nWORKDIR /app\nCOPY s00 ./s00/\n"
    for k in range(1, 10):
        df += ("FROM base AS st%d\nCOPY --exclude=*.bak s%02d/ /st%d/\nCOPY s%02d/m* /w%d/\n"
               "COPY . /all%d/\n") % (k, k, k, k + 10, k, k)
    df += "FROM scratch\n" + "".join("COPY --from=st%d /st%d/ /final%d/\n" % (k, k, k) for k in range(1, 10))
    with open(os.path.join(ctx, "Dockerfile"), "w") as f:
        f.write(df)
    with open(os.path.join(ctx, ".dockerignore"), "w") as f:
        f.write("*.log\n")
    with open(os.path.join(args.out, "plain.Dockerfile"), "w") as f:
        f.write("FROM scratch\n")
    print("%s: %d files, each a finding" % (ctx, args.files))


if __name__ == "__main__":
    main()
