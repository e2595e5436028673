#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): nothing when INPUT_CTXSCAN
# names a binary or ctxscan is on PATH; otherwise builds ctxscan from the
# action's own source (its dependencies from the distribution's packages,
# scripts/install-deps.sh, then a release build) and puts it on PATH for the
# next step. The build takes a few minutes; pin a prebuilt binary or the
# image in workflows that run often (docs/ci.md).
set -euo pipefail
if [ -n "${INPUT_CTXSCAN:-}" ]; then
  [ -x "$INPUT_CTXSCAN" ] || { echo "::error title=ctxscan::$INPUT_CTXSCAN is not executable"; exit 2; }
  exit 0
fi
command -v ctxscan >/dev/null && exit 0
cd "$GITHUB_ACTION_PATH"
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
echo "$GITHUB_ACTION_PATH/build/release" >> "$GITHUB_PATH"
