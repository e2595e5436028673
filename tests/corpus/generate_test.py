#!/usr/bin/env python3
"""Checks that tests/corpus/generate.py reproduces the committed corpus byte for byte
(files/ and labels.tsv), and that the corpus keeps its promised size: at least 3,000 true
secrets, 3,000 hard negatives and 20 formats. Fails naming the first differing file."""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def tree(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(HERE / "generate.py"), tmp], check=True)
        want, got = tree(HERE / "files"), tree(Path(tmp) / "files")
        for name in sorted(set(want) | set(got)):
            if want.get(name) != got.get(name):
                sys.exit("corpus differs from generate.py output: files/%s (%s); run tests/corpus/generate.py" % (
                    name, "missing" if name not in got else "extra" if name not in want else "content"))
        if (HERE / "labels.tsv").read_bytes() != (Path(tmp) / "labels.tsv").read_bytes():
            sys.exit("corpus differs from generate.py output: labels.tsv; run tests/corpus/generate.py")
    rows = [l.split("\t") for l in (HERE / "labels.tsv").read_text().splitlines() if not l.startswith("#")]
    t = sum(1 for r in rows if r[3] == "T")
    f = sum(1 for r in rows if r[3] == "F")
    kinds = {os.path.basename(r[0]).rsplit(".", 1)[-1] for r in rows}
    if t < 3000 or f < 3000 or len(kinds) < 20:
        sys.exit("corpus too small: %d T, %d F, %d file kinds" % (t, f, len(kinds)))
    print("corpus reproducible: %d files, %d T, %d F" % (len(want), t, f))


if __name__ == "__main__":
    main()
