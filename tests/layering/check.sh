#!/bin/sh
# The build enforces the stage arrows (cmake/Stages.cmake): every probe in
# this directory named <stage>_includes_<other>.cc includes a header of a
# stage that <stage> does not link, and must fail to compile with "No such
# file or directory" for that header; allowed_*.cc must compile (the control).
# Usage: check.sh <build dir>
set -u
build=$1
dir=$(dirname "$0")
fail=0
out=$(cmake --build "$build" --target layering_allowed_match_uses_util 2>&1)
if [ $? -ne 0 ]; then
  echo "FAIL: the control probe does not compile:"; echo "$out"; exit 1
fi
for probe in "$dir"/*_includes_*.cc; do
  name=$(basename "$probe" .cc)
  header=$(sed -n 's/^#include "\(.*\)"$/\1/p' "$probe")
  out=$(cmake --build "$build" --target "layering_$name" 2>&1)
  if [ $? -eq 0 ]; then
    echo "FAIL: $name compiled; its include of $header crosses the stage arrows"
    fail=1
  elif ! printf '%s\n' "$out" | grep -q "$header: No such file or directory"; then
    echo "FAIL: $name failed for another reason than the missing $header:"
    printf '%s\n' "$out" | tail -20
    fail=1
  else
    echo "ok: $name does not compile ($header is not visible)"
  fi
done
exit $fail
