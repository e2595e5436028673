#!/bin/sh
# Installs the build tree's ctxscan into a temporary prefix, builds
# tests/consumer against it with find_package(ctxscan), and runs it on a
# line holding a (fake) GitHub token, which it must report. Also checks that
# the installed headers include no third-party header.
# Usage: check.sh <build dir> [<the build's CMAKE_CXX_FLAGS>]
# (a sanitizer build's library needs its runtime in the consumer too)
set -eu
build=$1
flags=${2:-}
src=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log"
# The public headers name no third-party library: RE2 and Hyperscan stay
# behind the library's own types.
if grep -rnE '#include <(re2|hs|git2|yaml-cpp|CLI|nlohmann)' "$tmp/prefix/include/ctxscan"; then
  echo "FAIL: an installed header includes a third-party header"; exit 1
fi
cmake -S "$src" -B "$tmp/build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS="$flags" > "$tmp/configure.log" || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/build" > "$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
token=ghp_FAKEc0nsum3rT7qLw2Xv9Rk4Ns8Hd1Jp6Yzq
out=$(XDG_CACHE_HOME="$tmp/cache" "$tmp/build/consumer" "token = $token")
echo "$out"
echo "$out" | grep -q "^github\.[a-z-]* 8 48$" || { echo "FAIL: the token was not reported"; exit 1; }
echo "ok: an out-of-tree program built against the installed ctxscan finds the token"
