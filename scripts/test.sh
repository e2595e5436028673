#!/usr/bin/env bash
# Quick start 2 (and CI): installs what is missing, builds with warnings as
# errors, and runs the whole test suite (unit, end-to-end, differential).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci --parallel 2
