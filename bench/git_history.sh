#!/usr/bin/env bash
# Benchmark of `ctxscan git` (full history, 2 threads, warm rule caches)
# against the cost of only inflating every object:
#   git cat-file --batch-all-objects --batch --unordered > /dev/null
# on a repository built by bench/gen_git_repo.py (the text of /usr/include
# and /usr/share committed in batches, with commits that modify, add and
# delete files; at least 700 MB of blob data). Reports hyperfine medians,
# MB/s of blob data scanned, and peak RSS.
#
# usage: bench/git_history.sh [BUILD_DIR=build/release] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
threads=${2:-2}
bin=$build/ctxscan
source bench/lib.sh
require_release git_history.sh "$build"
command -v hyperfine >/dev/null || { echo "git_history.sh: needs hyperfine" >&2; exit 2; }
repo=${CTXSCAN_BENCH_GIT:-/tmp/ctxscan-bench-git}
[ -d "$repo" ] || python3 bench/gen_git_repo.py "$repo"

"$bin" git --threads "$threads" --format json --exit-zero "$repo" > /tmp/ctxscan-git-bench.json
python3 - "$repo" <<'PY'
import json, subprocess, sys
doc = json.load(open("/tmp/ctxscan-git-bench.json"))
s = doc["summary"]
commits = subprocess.run(["git", "-C", sys.argv[1], "rev-list", "--all", "--count"],
                         capture_output=True, text=True).stdout.strip()
print("repository: %s commits, %d unique blobs, %.1f MB of blob data scanned, %d findings" % (
    commits, s["files_scanned"], s["bytes_scanned"] / 1e6, s["findings"]))
PY
json=$(mktemp)
hyperfine -N --warmup 2 --runs 10 --export-json "$json" \
  -n "git cat-file (inflate only)" "git -C $repo cat-file --batch-all-objects --batch --unordered" \
  -n "ctxscan git" "$bin git --threads $threads --format json --exit-zero $repo" >/dev/null
python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
scanned = json.load(open("/tmp/ctxscan-git-bench.json"))["summary"]["bytes_scanned"]
for x in r:
    print("  %-28s median %6.2f s  min %6.2f s  (%4.0f MB/s of blob data)" % (
        x["command"], x["median"], x["min"], scanned / x["median"] / 1e6))
print("  ctxscan git / cat-file: %.2f" % (r[1]["median"] / r[0]["median"]))
PY
rm -f "$json" /tmp/ctxscan-git-bench.json
echo "  peak RSS: cat-file $(peak_rss git -C "$repo" cat-file --batch-all-objects --batch --unordered) KiB," \
  "ctxscan git $(peak_rss "$bin" git --threads "$threads" --format json --exit-zero "$repo") KiB"
