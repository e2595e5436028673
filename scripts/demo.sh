#!/usr/bin/env bash
# Quick start 1: installs what is missing, builds a release binary, shows
# what `docker build examples/demo` would send, scans it for secrets, and
# says why each planted secret is or is not sent.
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
echo "== secrets in what would be sent (exit 1: findings) =="
"$bin" scan examples/demo || true
echo
echo "== why the planted credentials are or are not sent =="
for p in .env secrets/id_ed25519 secrets/README.md .npmrc config/settings.py scripts/deploy.sh; do
  "$bin" context why examples/demo "$p"
done
