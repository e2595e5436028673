# Helpers sourced by the end-to-end benchmark scripts.

# Exits unless BUILD_DIR ($2) holds a release build without sanitizers.
# usage: require_release SCRIPT_NAME BUILD_DIR
require_release() {
  local type flags
  type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$2/CMakeCache.txt")
  flags=$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "$2/CMakeCache.txt")
  if [ "$type" != "Release" ] || [[ "$flags" == *sanitize* ]]; then
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
