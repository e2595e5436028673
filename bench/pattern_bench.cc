// Micro-benchmarks of the context stage: matching one path against the
// patterns of a typical .dockerignore (fast glob matcher and RE2 fallback),
// and walking an in-memory tree. The end-to-end comparison with `find` is
// bench/context_ls.sh. Refuses to report numbers from a debug or sanitizer
// build.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench_main.h"
#include "ctxscan/context/build_context.h"
#include "ctxscan/util/file_system.h"
#include "ctxscan/util/pattern.h"

namespace ctxscan {
namespace {

const std::vector<std::string> kPaths = {
    "src/main.go",          "d0001/d0023/f001234.log", "node_modules/left-pad/index.js",
    "docs/guide/README.md", "a/b/c/d/e/f/g/h.txt",     ".env.production",
    "build/out/app"};

void BM_PatternMatch(benchmark::State& state, const char* text) {
  const Pattern p(text, false, 1);
  std::size_t matched = 0;
  for (auto _ : state) {
    for (const std::string& path : kPaths) matched += p.Match(path) == Pattern::Outcome::kMatch;
  }
  benchmark::DoNotOptimize(matched);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kPaths.size()));
}
BENCHMARK_CAPTURE(BM_PatternMatch, exact, "node_modules");
BENCHMARK_CAPTURE(BM_PatternMatch, suffix, "**/node_modules");
BENCHMARK_CAPTURE(BM_PatternMatch, simple_glob, "**/*.log");
BENCHMARK_CAPTURE(BM_PatternMatch, nfa_glob, "**/f0000[0-4]?.txt");
BENCHMARK_CAPTURE(BM_PatternMatch, re2_fallback, "**/\\d*.txt");

void BM_WalkMemoryTree(benchmark::State& state) {
  MemoryFileSystem fs;
  for (int d = 0; d < 100; ++d) {
    for (int f = 0; f < 100; ++f) {
      std::string path = "d";
      path.append(std::to_string(d)).append("/f").append(std::to_string(f));
      path.append(f % 4 ? ".txt" : ".log");
      fs.AddFile(path);
    }
  }
  Result<ContextRules> rules =
      MakeContextRules(Builder::kBuildKit, std::string("**/*.log\n*.md\nd1*\n!d1/f1.txt\n"),
                       ".dockerignore", "Dockerfile");
  if (!rules.ok()) {
    state.SkipWithError(rules.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    Result<ContextListing> l =
        WalkContext(fs, *rules, WalkOptions{static_cast<int>(state.range(0)), false, true});
    benchmark::DoNotOptimize(l.ok());
  }
  state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_WalkMemoryTree)->Arg(1)->Arg(2)->UseRealTime();

}  // namespace
}  // namespace ctxscan

int main(int argc, char** argv) { return ctxscan::RunBenchmarks("ctxscan_bench", argc, argv); }
