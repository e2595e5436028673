// What a scan pays before it reads a byte, stage by stage: parsing the
// embedded rule YAML (the first run after a build) or decoding it from the
// rule cache (every later run), building the rule set (RE2 compiles and width checks),
// and making the engine from a warm database cache. A CLI run pays all three;
// `ctxscan scan` on an empty directory measures the sum end to end.
//
// Refuses to run from a debug or sanitizer build.
#include <benchmark/benchmark.h>
#include <re2/re2.h>

#include "bench_main.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "match/default_rules.h"

namespace ctxscan {
namespace {

// Parsing the embedded YAML: what the first run after a build pays.
void BM_ParseDefaultRules(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<Rule> all;
    for (const EmbeddedRuleFile& f : DefaultRuleFiles()) {
      Result<std::vector<Rule>> r = ParseRuleFile(f.content, f.name);
      if (r.ok()) all.insert(all.end(), r->begin(), r->end());
    }
    benchmark::DoNotOptimize(all);
  }
}
BENCHMARK(BM_ParseDefaultRules)->Unit(benchmark::kMillisecond);

// Loading them as every later run does: decoded from the rule cache.
void BM_LoadDefaultRulesFromCache(benchmark::State& state) {
  (void)LoadDefaultRules();  // warms the cache
  for (auto _ : state) {
    Result<std::vector<Rule>> rules = LoadDefaultRules();
    benchmark::DoNotOptimize(rules);
  }
}
BENCHMARK(BM_LoadDefaultRulesFromCache)->Unit(benchmark::kMillisecond);

void BM_BuildRuleSet(benchmark::State& state) {
  Result<std::vector<Rule>> rules = LoadDefaultRules();
  for (auto _ : state) {
    Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(*rules);
    benchmark::DoNotOptimize(set);
  }
}
BENCHMARK(BM_BuildRuleSet)->Unit(benchmark::kMillisecond);

// The RE2 share of building the rule set: every content pattern compiled.
void BM_CompileRe2(benchmark::State& state) {
  Result<std::vector<Rule>> rules = LoadDefaultRules();
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  for (auto _ : state) {
    for (const Rule& r : *rules) {
      if (r.is_file_rule()) continue;
      RE2 re(r.pattern, options);
      benchmark::DoNotOptimize(re.ok());
    }
  }
}
BENCHMARK(BM_CompileRe2)->Unit(benchmark::kMillisecond);

// Syntax only: RE2 parses, then gives up compiling at once (no memory).
void BM_ParseRe2(benchmark::State& state) {
  Result<std::vector<Rule>> rules = LoadDefaultRules();
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_max_mem(1);
  options.set_log_errors(false);
  int too_large = 0;
  for (auto _ : state) {
    too_large = 0;
    for (const Rule& r : *rules) {
      if (r.is_file_rule()) continue;
      RE2 re(r.pattern, options);
      too_large += re.error_code() == RE2::ErrorPatternTooLarge;
    }
  }
  state.counters["too_large"] = too_large;
}
BENCHMARK(BM_ParseRe2)->Unit(benchmark::kMillisecond);

void BM_EngineFromCache(benchmark::State& state) {
  Result<std::shared_ptr<const RuleSet>> set = LoadRuleSet(RuleSources{});
  (void)Engine::Create(*set, EngineOptions{});  // warms the cache
  for (auto _ : state) {
    Result<std::unique_ptr<const Engine>> engine = Engine::Create(*set, EngineOptions{});
    if (!engine.ok() || !(*engine)->stats().from_cache) state.SkipWithError("cache not used");
    benchmark::DoNotOptimize(engine);
  }
}
BENCHMARK(BM_EngineFromCache)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ctxscan

int main(int argc, char** argv) { return ctxscan::RunBenchmarks("startup_bench", argc, argv); }
