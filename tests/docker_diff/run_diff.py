#!/usr/bin/env python3
"""Differential test: the real docker CLI's build context vs ctxscan's.

Usage: run_diff.py CTXSCAN_BINARY [--cases N] [--seed S] [--jobs J]
                   [--keep-failures DIR] [--verbose]
For each case a random tree and a random, adversarial .dockerignore are
generated (deterministically from --seed and the case number).  Then
  * `docker build -q -t ctxscan-diff-<n> DIR` runs with DOCKER_BUILDKIT=0
    against fake_engine.py, so the CLI itself applies .dockerignore and
    uploads the context tar, which the engine saves under the tag's name;
  * `CTXSCAN_BINARY context ls --builder legacy DIR` runs on the same tree;
and the tar's entry names (directories with a trailing '/') must equal
ctxscan's lines.  If docker rejects the .dockerignore, ctxscan must exit 2.

Generated names only use [A-Za-z0-9._-@+#], so ctxscan never escapes them.
Exit status: 0 all agree, 1 otherwise, 77 when the docker CLI is missing.
"""

import argparse
import concurrent.futures
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = ["a", "b", "ab", "a.go", "b.md", ".env", ".hidden", "dir", "sub",
         "node_modules", "x.txt", "Dockerfile", ".dockerignore", "a@b", "c+d", "#x"]
# Each of these makes docker fail with "syntax error in pattern" or
# "illegal exclusion pattern".
INVALID = ["[", "a[b", "[a-]", "[^]", "[]", "x\\", "!", "![", "sub/[", "a[\\]"]
MAX_DEPTH = 4  # path components, counting the file itself
TIMEOUT = 60


# ---------------------------------------------------------------- generation

def gen_tree(rng):
    """Return {relpath: (kind, extra)}: kind f=file d=dir l=symlink p=fifo
    s=unix socket h=hardlink; extra is the link target.  A small vocabulary
    makes patterns hit."""
    tree = {"Dockerfile": ("f", None)}

    def fill(prefix, depth):  # depth: number of components of prefix + name
        for name in rng.sample(VOCAB, rng.randint(0, 6 if depth == 1 else 4)):
            path = prefix + name
            if path in tree or path == ".dockerignore":
                continue
            if rng.random() < 0.4:
                tree[path] = ("d", None)
                if depth < MAX_DEPTH and rng.random() < 0.85:  # else empty dir
                    fill(path + "/", depth + 1)
            else:
                tree[path] = ("f", None)

    fill("", 1)
    dirs = [""] + [p + "/" for p, (k, _) in tree.items() if k == "d"]
    # Symlinks, relative, pointing inside the tree or dangling; never followed
    # by docker (they are sent as symlinks).  Also FIFOs (sent), sockets (left
    # out, with an error message) and hard links (sent as links to the first).
    for _ in range(rng.choice([0, 0, 1, 2])):
        link = rng.choice(dirs) + rng.choice(VOCAB)
        if link in tree or link == ".dockerignore":
            continue
        if rng.random() < 0.7:
            target = os.path.relpath(rng.choice(sorted(tree)), os.path.dirname(link) or ".")
        else:
            target = rng.choice(["nowhere", "../outside", "a/missing"])
        tree[link] = ("l", target)
    for kind in "psh":
        files = sorted(p for p, (k, _) in tree.items() if k == "f")
        if rng.random() < 0.1:
            path = rng.choice(dirs) + rng.choice(VOCAB)
            if path not in tree and path != ".dockerignore":
                tree[path] = (kind, rng.choice(files) if kind == "h" else None)
    return tree


def write_tree(root, tree):
    # Directories and files first (a parent sorts before its children), then
    # links, whose hard-link targets must exist by then.
    for path, (kind, extra) in sorted(tree.items(), key=lambda e: (e[1][0] in "lpsh", e[0])):
        full = os.path.join(root, path)
        if kind == "d":
            os.mkdir(full)
        elif kind == "f":
            with open(full, "w") as f:
                f.write("FROM scratch\n" if path == "Dockerfile" else path + "\n")
        elif kind == "l":
            os.symlink(extra, full)
        elif kind == "p":
            os.mkfifo(full)
        elif kind == "s":  # paths stay well under the 108-byte socket limit
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(full)
        elif kind == "h":
            os.link(os.path.join(root, extra), full)


def mutate(rng, comp):
    """Turn one literal path component into a glob that (usually) matches it."""
    r, i = rng.random(), rng.randrange(len(comp))
    c = comp[i]
    if r < 0.5 or comp == "**":
        return comp
    if r < 0.6:
        return "*"
    if r < 0.7:
        return rng.choice([comp[:i] + "*", "*" + comp[i:], comp[:i] + "*" + comp[i + 1:]])
    if r < 0.78:
        return comp[:i] + "?" + comp[i + 1:]
    if r < 0.9:
        # Docker checks the syntax with Go's filepath.Match but matches with a
        # Go regexp: "[!x]" is not a negation, "[^x]" also matches '/', and a
        # reversed range "[c-a]" only fails once the pattern is first used.
        other = rng.choice("abx.")
        cls = rng.choice(["[%s%s]" % (c, other), "[^%s]" % other, "[!%s]" % other,
                          "[%s-%s]" % (min(c, other), max(c, other)), "[a-c]"])
        cls = "[c-a]" if rng.random() < 0.05 else cls
        return comp[:i] + cls + comp[i + 1:]
    # Escapes also go through the Go regexp: "\." is a dot, "\*" a star, but
    # "\a" is BEL, "\d" a digit, "\b" a word boundary and "\e" a late error,
    # so letters are escaped less often than punctuation.
    if c.isalnum() and rng.random() < 0.75:
        return comp[:i] + "\\*" + comp[i + 1:]
    return comp[:i] + "\\" + c + comp[i + 1:]


def gen_pattern(rng, paths):
    if paths and rng.random() < 0.75:
        comps = rng.choice(paths).split("/")  # aim at something that exists
        if len(comps) > 1 and rng.random() < 0.3:
            comps = comps[:rng.randint(1, len(comps) - 1)]  # one of its parents
    else:
        comps = [rng.choice(VOCAB + ["*", "?", "**"]) for _ in range(rng.randint(1, 3))]
    comps = [mutate(rng, c) for c in comps]
    r = rng.random()
    if r < 0.24:  # "**" at the start, the end or in the middle; or a ".."
        where = 0 if r < 0.08 else len(comps) if r < 0.13 else rng.randint(0, len(comps))
        comps.insert(where, "**" if r < 0.18 else rng.choice(["..", "x/.."]))
    # "[/]" is a separator that only the regexp matcher accepts.
    pat = ("[/]" if rng.random() < 0.03 else "/").join(comps)
    r = rng.random()
    pat = ("/" + pat) if r < 0.1 else ("./" + pat) if r < 0.15 else pat
    return pat + "/" if rng.random() < 0.1 else pat


def gen_dockerignore(rng, tree):
    """Return the .dockerignore bytes, or None for "no .dockerignore"."""
    if rng.random() < 0.04:
        return None
    paths = sorted(tree) + [".dockerignore"]
    dirs = [p for p, (k, _) in tree.items() if k == "d"]
    lines = []
    for _ in range(rng.randint(0, 8)):
        r = rng.random()
        if r < 0.07:
            lines.append("")
        elif r < 0.12:
            lines.append("# " + gen_pattern(rng, paths))
        elif r < 0.16:
            lines.append(" #x" if rng.random() < 0.5 else " # not a comment")
        elif r < 0.34 and dirs:
            # Exclude a directory, then re-include something below it.
            d = rng.choice(dirs)
            below = [p for p in paths if p.startswith(d + "/")] or [d + "/a"]
            lines.append(gen_pattern(rng, [d]))
            lines.append("!" + gen_pattern(rng, below))
        else:
            lines.append(("!" if rng.random() < 0.25 else "") + gen_pattern(rng, paths))
    if rng.random() < 0.05:
        lines.insert(rng.randint(0, len(lines)), rng.choice(INVALID))
    if dirs and rng.random() < 0.02:
        # A pattern that the CLI first evaluates (and finds broken) below an
        # excluded directory, after its own check: it truncates the context.
        d = rng.choice(dirs)
        lines += [d + "/*", "!%s/\\e" % d, d]
    lines = [(" " * rng.choice([1, 2]) if rng.random() < 0.05 else "") + line +
             (rng.choice([" ", "  ", "\t"]) if rng.random() < 0.1 else "") for line in lines]
    eol = "\r\n" if rng.random() < 0.2 else "\n"
    text = eol.join(lines) + (eol if lines and rng.random() < 0.9 else "")
    return ("\ufeff" if rng.random() < 0.03 else "").encode() + text.encode()


# ---------------------------------------------------------------- running

def run(cmd, env=None):
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, timeout=TIMEOUT)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %ds" % TIMEOUT


def tar_names(path):
    with tarfile.open(path) as tar:
        # tarfile strips the trailing '/' of directory names: put it back.
        return [m.name.removeprefix("./") + ("/" if m.isdir() else "") for m in tar]


def describe(tree, ignore):
    out = [".dockerignore: %s" % ("(absent)" if ignore is None else repr(ignore.decode()))]
    out += ["  %s %s%s" % (kind, path + "/" * (kind == "d"), " -> " + extra if extra else "")
            for path, (kind, extra) in sorted(tree.items())]
    return "\n".join(out)


def judge(d_rc, d_err, tar_path, c_rc, c_out, c_err):
    """Return (status, notes) for one case from both tools' results."""
    if d_rc != 0 or not os.path.exists(tar_path):
        if d_rc is None or "error checking context" not in d_err:
            # Not a verdict on .dockerignore: the CLI or the engine misbehaved.
            return "skip", ["docker failed unexpectedly:\n" + d_err.strip()]
        notes = ["docker rejected the context: " + d_err.strip().splitlines()[-1]]
        if c_rc == 2:
            return "agree", notes
        return "disagree", notes + ["ctxscan should exit 2; its output:\n" + c_out + c_err]
    want = sorted(tar_names(tar_path), key=str.encode)
    got = c_out.splitlines()
    # A bad pattern first evaluated while the CLI is already writing the tar
    # ("Error matching PATH: ...") stops the walk: docker exits 0 with a
    # truncated context.  Exiting 2 or listing the truncated context both count.
    aborted = "Error matching" in d_err
    if c_rc == 0 and got == want or aborted and c_rc == 2:
        return "agree", []
    notes = ["docker aborted its walk (tar truncated): " + d_err.strip()] if aborted else []
    if c_rc != 0:
        return "disagree", notes + ["docker succeeded but ctxscan failed:\n" + c_err.strip()]
    only_d = sorted(set(want) - set(got), key=str.encode)
    only_c = sorted(set(got) - set(want), key=str.encode)
    notes.append("only in docker's tar (%d): %s" % (len(only_d), only_d[:10]))
    notes.append("only in ctxscan's list (%d): %s" % (len(only_c), only_c[:10]))
    if not only_d and not only_c:
        notes.append("same set, but ctxscan's output is not byte-sorted or has duplicates")
    return "disagree", notes


def run_case(args, ctx, n):
    """Generate and check case n.
    Returns (status, report, seconds for the case, for docker, for ctxscan)."""
    start = time.monotonic()
    rng = random.Random("%s/%d" % (args.seed, n))
    tree = gen_tree(rng)
    ignore = gen_dockerignore(rng, tree)
    root = os.path.join(ctx["work"], "case-%d" % n)
    os.makedirs(root)
    write_tree(root, tree)
    if ignore is not None:
        with open(os.path.join(root, ".dockerignore"), "wb") as f:
            f.write(ignore)

    tag = "ctxscan-diff-%d" % n  # the engine saves this build as <tag>.tar
    t0 = time.monotonic()
    d_rc, _, d_err = run(["docker", "build", "-q", "-t", tag, root], ctx["env"])
    t1 = time.monotonic()
    c_rc, c_out, c_err = run([args.ctxscan, "context", "ls", "--builder", "legacy", root])
    t2 = time.monotonic()
    tar_path = os.path.join(ctx["out"], tag + ".tar")
    status, notes = judge(d_rc, d_err, tar_path, c_rc, c_out, c_err)
    report = "\n".join(["case %d (seed %s): docker exit %s, ctxscan exit %s"
                        % (n, args.seed, d_rc, c_rc), describe(tree, ignore)] + notes)

    if status == "disagree" and args.keep_failures:
        keep = os.path.join(args.keep_failures, "case-%d" % n)
        shutil.rmtree(keep, ignore_errors=True)
        # cp -a copies symlinks, FIFOs and hard links faithfully.
        subprocess.run(["cp", "-a", root, keep], check=True)
        if os.path.exists(tar_path):
            shutil.copy(tar_path, keep + ".docker.tar")
        with open(keep + ".report.txt", "w") as f:
            f.write(report + "\n")
    shutil.rmtree(root, ignore_errors=True)
    for leftover in (tar_path, tar_path[:-4] + ".json"):
        if os.path.exists(leftover):
            os.unlink(leftover)
    return status, report, time.monotonic() - start, t1 - t0, t2 - t1


def start_engine(work):
    sock, out = os.path.join(work, "engine.sock"), os.path.join(work, "builds")
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_engine.py"), sock, out])
    for _ in range(100):  # wait up to 5s for the socket to accept connections
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(sock)
            return proc, sock, out
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    sys.exit("docker-diff: the fake engine did not start")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ctxscan", help="path to the ctxscan binary")
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep-failures", metavar="DIR")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every case")
    args = ap.parse_args()
    if shutil.which("docker") is None:
        print("docker CLI not found: skipping")
        return 77
    if not os.access(args.ctxscan, os.X_OK):
        sys.exit("docker-diff: %s is not an executable" % args.ctxscan)
    args.ctxscan = os.path.abspath(args.ctxscan)
    if args.keep_failures:
        os.makedirs(args.keep_failures, exist_ok=True)

    # A short /tmp path keeps the unix socket path under its 108-byte limit.
    with tempfile.TemporaryDirectory(prefix="docker-diff-", dir="/tmp") as work:
        engine, sock, out = start_engine(work)
        config = os.path.join(work, "docker-config")
        os.mkdir(config)  # empty: no credentials, contexts or plugins
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("DOCKER_") and k != "BUILDX_BUILDER"}
        env.update(DOCKER_HOST="unix://" + sock, DOCKER_BUILDKIT="0", DOCKER_CONFIG=config)
        ctx = {"work": work, "out": out, "env": env}
        counts = {"agree": 0, "disagree": 0, "skip": 0}
        times, failures = [], []
        wall = time.monotonic()
        # One shared engine is safe: each build is saved under its own tag.
        pool = concurrent.futures.ThreadPoolExecutor(args.jobs)
        try:
            futures = [pool.submit(run_case, args, ctx, n) for n in range(args.cases)]
            for n, fut in enumerate(futures):
                try:
                    status, report, *secs = fut.result()
                    times.append(secs)
                except Exception as e:  # a harness bug: show it, go on with the rest
                    status, report, secs = "skip", "case %d crashed: %r" % (n, e), [0]
                counts[status] += 1
                if status != "agree":
                    failures.append("[%s] %s" % (status, report))
                if args.verbose:
                    print("case %d: %s in %.1f ms" % (n, status, secs[0] * 1000), flush=True)
        finally:  # on ^C too: drop the queued cases, stop the engine
            pool.shutdown(cancel_futures=True)
            engine.terminate()
            engine.wait()
        wall = time.monotonic() - wall

    for text in failures[:20]:
        print(text + "\n")
    if len(failures) > 20:
        print("... %d more failing cases not shown\n" % (len(failures) - 20))
    if times:
        case_ms, docker_ms, ctxscan_ms = ([1000 * t[i] for t in times] for i in range(3))
        print("docker-diff: per case %.1f ms mean, %.1f ms median, %.1f ms max "
              "(docker build %.1f ms, ctxscan %.1f ms mean); %.1f s wall with %d jobs"
              % (statistics.mean(case_ms), statistics.median(case_ms), max(case_ms),
                 statistics.mean(docker_ms), statistics.mean(ctxscan_ms), wall, args.jobs))
    print("docker-diff: %d cases, %d agree, %d disagree, %d skipped"
          % (args.cases, counts["agree"], counts["disagree"], counts["skip"]))
    return 0 if counts["agree"] == args.cases else 1


if __name__ == "__main__":
    sys.exit(main())
