#!/usr/bin/env python3
"""Smoke test of bench/run against the build under test (the ci build):

1. without --allow-ci-build it refuses a build that is not Release (exit 2);
2. --allow-ci-build is refused without --quick (full figures need a release build);
3. `bench/run --quick --only small-files,context --no-peers --allow-ci-build`
   in a temporary data directory prints one table with a QUICK row per
   workload, a time for ctxscan and for its floor, and writes neither
   bench/RESULTS.md nor README.md.

usage: bench_run_test.py CTXSCAN_BINARY
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN = os.path.join(ROOT, "bench", "run")


def run(*args):
    return subprocess.run([sys.executable, RUN] + list(args), capture_output=True, text=True,
                          timeout=300)


def build_type(binary):
    cache = os.path.join(os.path.dirname(binary), "CMakeCache.txt")
    for line in open(cache):
        if line.startswith("CMAKE_BUILD_TYPE:STRING="):
            return line.split("=", 1)[1].strip()
    return ""


def mtime(path):
    return os.stat(path).st_mtime_ns if os.path.exists(path) else None


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory() as data:
        common = ["--ctxscan", binary, "--data", data, "--no-peers"]
        if build_type(binary) != "Release":
            r = run("--quick", "--only", "small-files", *common)
            if r.returncode != 2 or "refusing to benchmark" not in r.stderr:
                failures.append("a non-release build was not refused: exit %d, %s" % (
                    r.returncode, r.stderr[-300:]))
        r = run("--allow-ci-build", "--only", "small-files", *common)
        if r.returncode != 2 or "--quick" not in r.stderr:
            failures.append("--allow-ci-build without --quick was not refused: exit %d, %s" % (
                r.returncode, r.stderr[-300:]))
        before = [mtime(os.path.join(ROOT, f)) for f in ("bench/RESULTS.md", "README.md")]
        r = run("--quick", "--only", "small-files,context", "--allow-ci-build", "--runs", "1", *common)
        after = [mtime(os.path.join(ROOT, f)) for f in ("bench/RESULTS.md", "README.md")]
        rows = [l for l in r.stdout.splitlines() if l.startswith("| ") and "(QUICK)" in l]
        if r.returncode != 0:
            failures.append("quick run failed: exit %d, %s" % (r.returncode, r.stderr[-500:]))
        elif "QUICK RUN" not in r.stdout or len(rows) != 2:
            failures.append("quick run did not print two QUICK rows:\n" + r.stdout)
        else:
            for row in rows:
                cells = [c.strip() for c in row.strip("|").split("|")]
                if not cells[2].endswith(" s") or not cells[6].split()[-1] == "s":
                    failures.append("row without a ctxscan and a floor time: " + row)
        if before != after:
            failures.append("a quick run wrote bench/RESULTS.md or README.md")
    for f in failures:
        print("FAIL: " + f)
    print("bench_run_test: %s" % ("FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
