#!/usr/bin/env python3
"""Golden tests: the real binary's reports on examples/demo, byte for byte.

  golden.py CTXSCAN            compare every case with tests/golden/*.out
  golden.py CTXSCAN --update   rewrite the expected files (review the diff!)

Run from any directory; paths are resolved against the repository. Output
that is not deterministic by nature (the text summary's elapsed time, the
GitLab report's timestamps, the checkout's absolute path in the SARIF root,
and whether that root is a git repository or, in an export without .git,
the current directory) is normalised before comparing.
"""
import difflib
import atexit
import os
import shutil
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = {
    "context-ls.out": ["context", "ls", "--long", "examples/demo"],
    "context-ls-legacy.out": ["context", "ls", "--builder", "legacy", "examples/demo"],
    "scan.txt.out": ["scan", "--color", "never", "examples/demo"],
    "scan.json.out": ["scan", "--format", "json", "examples/demo"],
    "scan.jsonl.out": ["scan", "--format", "jsonl", "--include-ignored", "examples/demo"],
    "scan.sarif.out": ["scan", "--format", "sarif", "examples/demo"],
    "scan.github.out": ["scan", "--format", "github", "examples/demo"],
    "scan.junit.out": ["scan", "--format", "junit", "examples/demo"],
    "scan.gitlab.out": ["scan", "--format", "gitlab", "examples/demo"],
}


def normalise(text):
    text = re.sub(r"; [0-9.]+ s\n", "; <elapsed> s\n", text)
    text = re.sub(r'"%SRCROOT%": \{"uri": "file://[^"]*"', '"%SRCROOT%": {"uri": "file://<checkout>/"', text)
    text = re.sub(r'"root": "(repository|working-directory)"', '"root": "<checkout>"', text)
    return re.sub(r'"(start|end)_time": "[0-9T:-]+"', r'"\1_time": "<time>"', text)


def main():
    binary = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv
    cache = tempfile.mkdtemp(prefix="ctxscan-golden-")
    atexit.register(shutil.rmtree, cache, True)
    # A fixed report hash key (docs/security.md), so hashes and fingerprints
    # are the same on every machine.
    env = dict({k: v for k, v in os.environ.items() if k != "COLUMNS"}, XDG_CACHE_HOME=cache, NO_COLOR="1",
               CTXSCAN_HASH_KEY="ctxscan golden tests: not a secret key")
    failed = 0
    for name, args in sorted(CASES.items()):
        r = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, env=env)
        got = normalise(r.stdout.decode()) + "exit %d\n" % r.returncode
        path = os.path.join(HERE, name)
        if update:
            with open(path, "w") as f:
                f.write(got)
            continue
        with open(path) as f:
            want = f.read()
        if got != want:
            failed += 1
            print("golden mismatch: %s (regenerate with tests/golden/golden.py BINARY --update)" % name)
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       "expected", "actual", n=2))
    print("golden: %d cases, %d mismatches%s" % (len(CASES), failed, " (updated)" if update else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
