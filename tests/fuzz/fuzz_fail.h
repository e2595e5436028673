// The fuzz targets' way to report a broken invariant: the target's name and
// what broke on stderr, then abort, which the replay driver
// (tests/fuzz/replay_main.cc) and libFuzzer both catch with the input.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace ctxscan::fuzz {

[[noreturn]] inline void Fail(const char* target, const char* what) {
  std::fprintf(stderr, "%s: %s\n", target, what);
  std::abort();
}

}  // namespace ctxscan::fuzz
