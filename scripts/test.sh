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
