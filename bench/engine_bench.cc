// Throughput of the two-stage engine on real source-like text: every text
// file (no NUL byte) under /usr/include and /usr/share, up to 300 MB, scanned
// file by file as the scanner does. Reports MB/s for 50, 150 and all content
// rules of the default set, on 1 and 2 threads, with a warm compile cache;
// and the compile time and database size for each rule count. BM_DecodeViews
// times the decoders that run beside the engine on every file
// (src/findings/decoded_views.h).
//
// CTXSCAN_BENCH_CORPUS=DIR[:DIR...] replaces the corpus's directories (for
// a real repository's files, e.g. bench/gen_real_tree.py's tree).
//
// Refuses to run from a debug or sanitizer build.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <sstream>
#include <thread>

#include "bench_main.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "findings/decoded_views.h"
#include "text_corpus.h"

namespace ctxscan {
namespace {

constexpr std::size_t kCorpusBytes = 300u * 1000 * 1000;

std::vector<std::string> CorpusRoots() {
  const char* env = std::getenv("CTXSCAN_BENCH_CORPUS");
  if (env == nullptr || *env == '\0') return {"/usr/include", "/usr/share"};
  std::vector<std::string> roots;
  std::stringstream in{std::string(env)};
  for (std::string root; std::getline(in, root, ':');) {
    if (!root.empty()) roots.push_back(root);
  }
  return roots;
}

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> files = LoadTextCorpus(kCorpusBytes, CorpusRoots());
  return files;
}

std::size_t CorpusBytes() {
  std::size_t bytes = 0;
  for (const std::string& f : Corpus()) bytes += f.size();
  return bytes;
}

// Decimal megabytes per second, the unit of our docs (Google Benchmark's
// bytes_per_second is in binary units).
benchmark::Counter MegabytesPerSecond(const benchmark::State& state, std::size_t bytes) {
  return benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(bytes) / 1e6,
      benchmark::Counter::kIsRate);
}

// The first `n` content rules of the default set (all when n is 0).
std::shared_ptr<const RuleSet> Rules(std::size_t n) {
  Result<std::vector<Rule>> all = LoadDefaultRules();
  if (!all.ok()) return nullptr;
  std::vector<Rule> picked;
  std::size_t content = 0;
  for (Rule& r : *all) {
    if (r.is_file_rule()) continue;
    if (n != 0 && content == n) break;
    ++content;
    picked.push_back(std::move(r));
  }
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(picked));
  return set.ok() ? *set : nullptr;
}

void BM_Scan(benchmark::State& state) {
  const auto rule_count = static_cast<std::size_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  std::shared_ptr<const RuleSet> set = Rules(rule_count);
  if (!set) {
    state.SkipWithError("cannot load the default rules");
    return;
  }
  // Compile once without the cache (for the figures), then with it (warm).
  Result<std::unique_ptr<const Engine>> cold = Engine::Create(set, EngineOptions{"", false});
  Result<std::unique_ptr<const Engine>> engine = Engine::Create(set, EngineOptions{});
  if (!cold.ok() || !engine.ok()) {
    state.SkipWithError("cannot compile the rules");
    return;
  }
  const auto& files = Corpus();
  const std::size_t bytes = CorpusBytes();
  std::vector<std::unique_ptr<Engine::Scratch>> scratch;
  for (int t = 0; t < threads; ++t) scratch.push_back(std::move((*engine)->MakeScratch()).value());
  std::size_t found = 0;
  for (auto _ : state) {
    std::vector<std::thread> pool;
    std::vector<std::size_t> counts(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        std::vector<RuleMatch> matches;
        for (std::size_t i = static_cast<std::size_t>(t); i < files.size();
             i += static_cast<std::size_t>(threads)) {
          (void)(*engine)->Scan(files[i], scratch[static_cast<std::size_t>(t)].get(), &matches);
          counts[static_cast<std::size_t>(t)] += matches.size();
        }
      });
    }
    for (std::thread& th : pool) th.join();
    found = 0;
    for (std::size_t c : counts) found += c;
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["MB_per_s"] = MegabytesPerSecond(state, bytes);
  state.counters["rules"] = static_cast<double>(set->content_rules().size());
  state.counters["compile_s"] = (*cold)->stats().compile_seconds;
  state.counters["db_bytes"] = static_cast<double>((*cold)->stats().database_bytes);
  state.counters["matches"] = static_cast<double>(found);
  state.counters["prefilter_rules"] = static_cast<double>((*cold)->stats().prefilter_rules.size());
}
BENCHMARK(BM_Scan)
    ->ArgNames({"rules", "threads"})
    ->Args({50, 1})
    ->Args({150, 1})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(3);

// The decoders alone, one thread: what every file pays before its decoded
// views (if any) are scanned.
void BM_DecodeViews(benchmark::State& state) {
  const auto& files = Corpus();
  const std::size_t bytes = CorpusBytes();
  std::size_t decoded = 0;
  for (auto _ : state) {
    decoded = 0;
    for (const std::string& f : files) {
      for (const DecodedView& v : DecodeViews(f)) decoded += v.text.size();
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["MB_per_s"] = MegabytesPerSecond(state, bytes);
  state.counters["decoded_bytes"] = static_cast<double>(decoded);
}
BENCHMARK(BM_DecodeViews)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3);

}  // namespace
}  // namespace ctxscan

int main(int argc, char** argv) { return ctxscan::RunBenchmarks("engine_bench", argc, argv); }
