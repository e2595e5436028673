#!/usr/bin/env python3
"""Writes ctxscan's labelled detection corpus: tests/corpus/files/ and tests/corpus/labels.tsv.

Deterministic (one random.Random with a fixed seed, no clock, no environment), so the
committed corpus is exactly what this script writes; tests/corpus/generate_test.py checks
that byte for byte. Templates are our own; values come from shapes.py and items.py.

usage: generate.py [OUT_DIR (default: this folder)]
"""
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import render  # noqa: E402
from templates import BUILDERS  # noqa: E402

SEED = 20240612
FILES_PER_KIND = 36



def write(out, docs):
    files = out / "files"
    rows = ["# file\tline\tfamily\tlabel\tcolumns\tnote"]
    for d in docs:
        p = files / d.path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("\n".join(d.lines) + "\n")
        for a, b, v, cols in sorted(d.labels, key=lambda x: (x[0], x[3])):
            line = str(a) if a == b else "%d-%d" % (a, b)
            rows.append("\t".join((d.path, line, v.family, v.gt, cols, v.note)))
    (out / "labels.tsv").write_text("\n".join(rows) + "\n")


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    r = random.Random(SEED)
    docs = []
    for n, (name, build) in enumerate(BUILDERS):
        for i in range(FILES_PER_KIND):
            docs.extend(build(r, n * FILES_PER_KIND + i))
    seen = set()
    for d in docs:
        assert d.path not in seen, d.path
        seen.add(d.path)
    if (out / "files").exists():
        import shutil
        shutil.rmtree(out / "files")
    write(out, docs)


if __name__ == "__main__":
    main()
