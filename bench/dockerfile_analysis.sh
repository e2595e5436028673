#!/usr/bin/env bash
# What the Dockerfile analysis adds to a scan in its worst case: every file
# of the context is a finding, so every one is followed through the build
# (bench/gen_build_context.py: 20,000 files, an 11-stage Dockerfile with 40
# copies). Compares `ctxscan scan` of the context with its Dockerfile against
# the same scan with a Dockerfile that only says FROM scratch, and prints the
# cost per finding path.
#
# usage: bench/dockerfile_analysis.sh [BUILD_DIR=build/release] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
threads=${2:-2}
bin=$build/ctxscan
source bench/lib.sh
require_release dockerfile_analysis.sh "$build"
command -v hyperfine >/dev/null || { echo "dockerfile_analysis.sh: needs hyperfine" >&2; exit 2; }
dir=${CTXSCAN_BENCH_BUILD:-/tmp/ctxscan-bench-build}
[ -d "$dir/ctx" ] || python3 bench/gen_build_context.py "$dir"
files=$(find "$dir/ctx" -name '*.cfg' | wc -l)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine -w 1 -r 10 --export-json "$out/h.json" \
  -n analysis "$bin scan --threads $threads --format json --exit-zero --no-hints -o $out/a.json $dir/ctx" \
  -n plain "$bin scan --threads $threads --format json --exit-zero --no-hints -f $dir/plain.Dockerfile -o $out/b.json $dir/ctx"
python3 - "$out/h.json" "$files" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
files = int(sys.argv[2])
extra = runs["analysis"] - runs["plain"]
print("median: with the Dockerfile %.3f s, FROM scratch only %.3f s; the analysis adds %.3f s "
      "(%.1f us per finding path, %d paths)" % (runs["analysis"], runs["plain"], extra,
                                                extra / files * 1e6, files))
PY
echo "peak RSS (KiB): with the Dockerfile $(peak_rss "$bin" scan --threads "$threads" --format json --exit-zero --no-hints -o "$out/a.json" "$dir/ctx")"
