// The main() of every ctxscan benchmark binary: refuses to report numbers
// from a debug or sanitizer build, then runs Google Benchmark.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>

namespace ctxscan {

inline int RunBenchmarks(const char* name, int argc, char** argv) {
#if !defined(NDEBUG) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  std::fprintf(
      stderr, "%s: refusing to run a debug or sanitizer build; use cmake --preset release\n", name);
  return 2;
#endif
  (void)name;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace ctxscan
