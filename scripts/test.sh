#!/usr/bin/env bash
# Quick start 2 (and CI): installs what is missing, builds with warnings as
# errors, and runs the whole test suite (unit, end-to-end, differential,
# SARIF validation, lint).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
# Microsoft's SARIF Multitool validates our SARIF (npm registry; optional:
# the SARIF test skips without it).
tool=build/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$tool" ] && command -v npm >/dev/null; then
  mkdir -p build/tools
  npm install --prefix build/tools --no-audit --no-fund --loglevel=error \
    @microsoft/sarif-multitool-linux@5.7.0 >/dev/null 2>&1 || echo "test.sh: SARIF Multitool not installed" >&2
  [ -f "$tool" ] && chmod u+x "$tool"
fi
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci  # every tier: unit, e2e, golden, differential, fuzz, hostile, lint
# The same code under the sanitizers (CTXSCAN_SANITIZERS=0 skips them):
# AddressSanitizer + UndefinedBehaviorSanitizer over the fast tier and the
# hostile inputs, ThreadSanitizer over the unit and end-to-end tests. The
# differential and lint tiers run once, above (the fuzz tier already runs
# under ASan+UBSan there). A sanitizer report exits 86 and fails the test.
if [ "${CTXSCAN_SANITIZERS:-1}" != 0 ]; then
  for s in asan tsan; do
    cmake --preset "$s" >/dev/null
    cmake --build --preset "$s"
    ctest --preset "$s-ci"
  done
fi
