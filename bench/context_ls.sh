#!/usr/bin/env bash
# End-to-end benchmark of `ctxscan context ls` against the floor it is held
# to: `find DIR > /dev/null` on the same tree (one getdents pass, no stat).
# Generates 100,000 small files in about 1,000 directories with a 20-line
# .dockerignore, warms the cache, then times both with hyperfine and reports
# wall time, files/s and peak RSS.
#
# usage: bench/context_ls.sh [BUILD_DIR=build/release] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
threads=${2:-2}
bin=$build/ctxscan
source bench/lib.sh
require_release context_ls.sh "$build"
command -v hyperfine >/dev/null || { echo "context_ls.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

tree=${CTXSCAN_BENCH_TREE:-/tmp/ctxscan-bench-context}
if [ ! -f "$tree/.dockerignore" ]; then
  echo "generating $tree ..." >&2
  python3 bench/gen_context_tree.py "$tree"
fi
files=$(find "$tree" -type f | wc -l)
dirs=$(find "$tree" -type d | wc -l)
sent=$("$bin" context ls --threads "$threads" "$tree" | wc -l)
echo "tree: $files files, $dirs directories; ctxscan lists $sent entries sent"

json=$(mktemp)
hyperfine -N --warmup 5 --runs 40 --export-json "$json" \
  "find $tree" "$bin context ls --threads $threads $tree" >/dev/null
python3 - "$json" "$files" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
files = int(sys.argv[2])
find, ctx = r[0], r[1]
for x in (find, ctx):
    print("%-50s mean %6.1f ms  median %6.1f ms  min %6.1f ms  (%.2f M files/s)" % (
        x["command"][:50], x["mean"] * 1e3, x["median"] * 1e3, x["min"] * 1e3, files / x["median"] / 1e6))
print("ratio ctxscan/find: mean %.2f, median %.2f" % (ctx["mean"] / find["mean"], ctx["median"] / find["median"]))
PY
rm -f "$json"
echo "peak RSS: find $(peak_rss find "$tree") KiB, ctxscan $(peak_rss "$bin" context ls --threads "$threads" "$tree") KiB"
