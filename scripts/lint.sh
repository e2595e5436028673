#!/usr/bin/env bash
# Style gates, run by the test suite: clang-format (no diff) and clang-tidy
# (the checks in .clang-tidy, all errors) on every library source file.
# usage: scripts/lint.sh format|tidy [BUILD_DIR with compile_commands.json]
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cc' '*.h' 2>/dev/null || find src include tests bench -name '*.cc' -o -name '*.h')
case "${1:-}" in
  format)
    clang-format --dry-run -Werror $files
    ;;
  tidy)
    build=${2:?build dir}
    # One clang-tidy per file, as many at once as there are cores.
    log=$(mktemp)
    echo "$files" | grep -E '^src/.*\.cc$' |
      xargs -P "$(nproc)" -I{} sh -c 'clang-tidy --quiet -p "$0" "$1" 2>&1' "$build" {} > "$log" || true
    grep -v -E 'warnings? (generated|treated as errors)|^Suppressed|^Use -header-filter' "$log" || true
    if grep -q ' error: ' "$log"; then rm -f "$log"; exit 1; fi
    rm -f "$log"
    ;;
  *)
    echo "usage: scripts/lint.sh format|tidy [BUILD_DIR]" >&2
    exit 2
    ;;
esac
