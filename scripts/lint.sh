#!/usr/bin/env bash
# Style gates, run by the test suite: clang-format (no diff) and clang-tidy
# (the checks in .clang-tidy, all errors) on every source file.
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
    clang-tidy --quiet -p "$build" $(echo "$files" | grep -E '^src/.*\.cc$') 2>&1 | grep -v 'warnings generated' || true
    clang-tidy --quiet -p "$build" $(echo "$files" | grep -E '^src/.*\.cc$') >/dev/null 2>&1
    ;;
  *)
    echo "usage: scripts/lint.sh format|tidy [BUILD_DIR]" >&2
    exit 2
    ;;
esac
