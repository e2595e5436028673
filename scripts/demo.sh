#!/usr/bin/env bash
# Quick start 1: installs what is missing, builds a release binary and shows
# what `docker build examples/demo` would send, and why the planted secrets
# are or are not in it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=./build/release/ctxscan
echo
echo "== what docker build examples/demo would send (BuildKit rules) =="
"$bin" context ls --long examples/demo
echo
echo "== why the planted credentials are or are not sent =="
for p in .env secrets/id_ed25519 secrets/README.md .npmrc config/settings.py scripts/deploy.sh; do
  "$bin" context why examples/demo "$p"
done
