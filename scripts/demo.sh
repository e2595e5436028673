#!/usr/bin/env bash
# Quick start 1: installs what is missing, builds a release binary, shows
# what `docker build examples/demo` would send, scans it for secrets, and
# says why each planted secret is or is not sent; then scans the multi-stage
# example (which secret reaches which stage) and fixes a copy of it with
# `ctxscan dockerignore suggest --write`.
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
echo
echo "== a multi-stage build: which secrets reach the final image, a build stage, or nowhere =="
"$bin" scan examples/multistage || true
echo
echo "== the .dockerignore lines that fix it (on a copy; --write would append them) =="
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -R examples/multistage/. "$copy"
"$bin" dockerignore suggest --write "$copy" || true
echo
echo "== after the fix =="
"$bin" scan "$copy" || true
