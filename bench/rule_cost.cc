// Which rules make the prefilter slow. By default: scans the text corpus
// (/usr/include and /usr/share) with a database of each content rule alone and
// prints the rules sorted by scan time, with their match counts. A rule that
// the Hyperscan probe (src/match/hyperscan_probe.h) distrusts alone is swept by
// RE2 over everything, which dominates its time; it is marked so.
// Alone is not in company: a rule cheap alone can slow the whole database by a
// sixth (one such was found only by removal), so the figure that counts is the
// marginal one:
//   --marginal         per family (id prefix): the whole set's scan time minus
//                      the time without that family;
//   --marginal-in FAM  the same per rule of family FAM;
//   --marginal-rules   the same for every content rule (about 20 minutes);
// each variant is compiled without the cache and timed in turns with the whole
// set, best of five rounds, and its share of the whole set's time is printed.
// Usage:
//   rule_cost [--top N] [--mb MEGABYTES (40)] [--whole | --confirm | --marginal |
//   --marginal-in FAMILY | --marginal-rules] [--corpus DIR]... [--rules FILE.yaml]...
// --confirm prints, for the whole set, the rules that give RE2 the most work.
// --corpus reads the text files under DIR (a real repository written out as
// files, say) instead of /usr/include and /usr/share.
// --whole times only the whole set (for perf stat -e instructions:u, which
// a busy machine does not disturb as it does wall time).
// Refuses to run from a debug or sanitizer build.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "text_corpus.h"

namespace ctxscan {
namespace {

struct Cost {
  std::string id;
  double seconds = 0;
  std::size_t matches = 0;
  bool swept = false;  // alone, the probe distrusted Hyperscan: RE2 ran over everything
};

// Seconds on this thread's CPU clock: a busy machine inflates it far less
// than wall time, so --whole compares variants on a shared machine.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Best of three scans of the whole corpus, in seconds of wall time (or of
// thread CPU time when `cpu`).
double TimeScan(const Engine& engine, const std::vector<std::string>& corpus, std::size_t* matches,
                bool cpu = false) {
  Result<std::unique_ptr<Engine::Scratch>> scratch = engine.MakeScratch();
  if (!scratch.ok()) return -1;
  double best = 1e9;
  std::vector<RuleMatch> found;
  for (int round = 0; round < 3; ++round) {
    *matches = 0;
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = ThreadCpuSeconds();
    for (const std::string& file : corpus) {
      (void)engine.Scan(file, scratch->get(), &found);
      *matches += found.size();
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, cpu ? ThreadCpuSeconds() - cpu_start : took.count());
  }
  return best;
}

// One scan of the corpus with `engine`, in seconds of this thread's CPU time.
double ScanOnce(const Engine& engine, Engine::Scratch* scratch,
                const std::vector<std::string>& corpus, std::size_t* matches) {
  std::vector<RuleMatch> found;
  *matches = 0;
  const double start = ThreadCpuSeconds();
  for (const std::string& file : corpus) {
    (void)engine.Scan(file, scratch, &found);
    *matches += found.size();
  }
  return ThreadCpuSeconds() - start;
}

// The whole set without each group of rules in `groups` (empty group: the
// whole set), compiled without the cache and timed in turns, best of five
// rounds each: the machine's speed drifts over seconds, so timing the
// variants one after another (as this tool once did) mixed that drift into
// the differences.
std::vector<double> TimeWithout(const std::vector<Rule>& rules,
                                const std::vector<std::vector<std::string>>& groups,
                                const std::vector<std::string>& corpus,
                                std::vector<std::size_t>* matches) {
  std::vector<std::unique_ptr<const Engine>> engines;
  std::vector<std::unique_ptr<Engine::Scratch>> scratches;
  for (const std::vector<std::string>& group : groups) {
    std::vector<Rule> kept;
    for (const Rule& r : rules) {
      if (!r.is_file_rule() && std::find(group.begin(), group.end(), r.id) == group.end()) {
        kept.push_back(r);
      }
    }
    Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(kept));
    Result<std::unique_ptr<const Engine>> engine =
        set.ok() ? Engine::Create(*set, EngineOptions{"", false})
                 : Result<std::unique_ptr<const Engine>>(set.status());
    Result<std::unique_ptr<Engine::Scratch>> scratch =
        engine.ok() ? (*engine)->MakeScratch()
                    : Result<std::unique_ptr<Engine::Scratch>>(engine.status());
    engines.push_back(engine.ok() ? std::move(engine).value() : nullptr);
    scratches.push_back(scratch.ok() ? std::move(scratch).value() : nullptr);
  }
  std::vector<double> best(groups.size(), 1e9);
  matches->assign(groups.size(), 0);
  for (int round = 0; round < 5; ++round) {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (!scratches[g]) continue;
      best[g] =
          std::min(best[g], ScanOnce(*engines[g], scratches[g].get(), corpus, &(*matches)[g]));
    }
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (!scratches[g]) best[g] = -1;
  }
  return best;
}

// For each family (the rule id up to its first dot), each rule of family
// `within`, or every rule (`within` "*"): how much faster the whole set scans
// without it. Those whose removal saves the most are where the combined
// database spends its time; a rule cheap alone can be costly in company.
std::vector<Cost> MarginalCosts(const std::vector<Rule>& rules,
                                const std::vector<std::string>& corpus, const std::string& within,
                                double* whole) {
  auto key = [&](const Rule& r) {
    std::string family = r.id.substr(0, r.id.find('.'));
    if (within == "*") return r.id;
    return within.empty() ? family : family == within ? r.id : std::string();
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const Rule& r : rules) {
    const std::string k = key(r);
    if (r.is_file_rule() || k.empty()) continue;
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == k; });
    if (it == groups.end()) {
      groups.push_back({k, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(r.id);
  }
  // Batches of 40 variants, each timed beside the whole set, bound memory.
  constexpr std::size_t kBatch = 40;
  std::vector<Cost> costs;
  *whole = 1e9;
  for (std::size_t from = 0; from < groups.size(); from += kBatch) {
    std::vector<std::vector<std::string>> batch = {{}};
    const std::size_t to = std::min(groups.size(), from + kBatch);
    for (std::size_t g = from; g < to; ++g) batch.push_back(groups[g].second);
    std::vector<std::size_t> matches;
    const std::vector<double> times = TimeWithout(rules, batch, corpus, &matches);
    *whole = std::min(*whole, times[0]);
    for (std::size_t g = from; g < to; ++g) {
      const double t = times[g - from + 1];
      costs.push_back({groups[g].first, t < 0 ? 0.0 : times[0] - t, matches[g - from + 1]});
    }
    std::fprintf(stderr, "rule_cost: %zu of %zu timed\n", to, groups.size());
  }
  std::sort(costs.begin(), costs.end(),
            [](const Cost& a, const Cost& b) { return a.seconds > b.seconds; });
  return costs;
}

// One scan of the corpus with the whole set and a confirmation profile:
// which rules hand RE2 the most work (windows, bytes, time).
void PrintConfirmProfile(const Engine& engine, const std::vector<std::string>& corpus,
                         std::size_t top) {
  Result<std::unique_ptr<Engine::Scratch>> scratch = engine.MakeScratch();
  if (!scratch.ok()) return;
  (*scratch)->EnableProfile();
  std::vector<RuleMatch> found;
  const double start = ThreadCpuSeconds();
  for (const std::string& file : corpus) (void)engine.Scan(file, scratch->get(), &found);
  const double total = ThreadCpuSeconds() - start;
  const std::vector<ConfirmProfile>& profile = (*scratch)->profile();
  std::vector<std::size_t> order(profile.size());
  double confirm = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    confirm += static_cast<double>(profile[i].nanoseconds) * 1e-9;
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return profile[a].nanoseconds > profile[b].nanoseconds;
  });
  std::printf("scan %.3f s (thread CPU), of it confirmation %.3f s (%.0f%%)\n", total, confirm,
              total > 0 ? 100.0 * confirm / total : 0.0);
  std::printf("%-44s %9s %9s %11s %8s\n", "rule", "ms", "windows", "bytes", "matches");
  for (std::size_t i = 0; i < order.size() && i < top; ++i) {
    const ConfirmProfile& p = profile[order[i]];
    std::printf("%-44s %9.1f %9llu %11llu %8llu\n",
                engine.rules().content_rules()[order[i]].rule->id.c_str(),
                static_cast<double>(p.nanoseconds) * 1e-6,
                static_cast<unsigned long long>(p.windows),
                static_cast<unsigned long long>(p.window_bytes),
                static_cast<unsigned long long>(p.matches));
  }
}

// Prints the `top` rules (or families) whose removal saves the most time.
void PrintMarginalCosts(const std::vector<Rule>& rules, const std::vector<std::string>& corpus,
                        const std::string& within, std::size_t top) {
  double whole = 0;
  const std::vector<Cost> costs = MarginalCosts(rules, corpus, within, &whole);
  std::printf("whole set: %.1f ms (thread CPU, best of 5)\n", whole * 1e3);
  std::printf("%-44s %9s %7s %8s\n", within.empty() ? "family (id prefix)" : "rule", "ms saved",
              "share", "matches");
  for (std::size_t i = 0; i < costs.size() && i < top; ++i) {
    std::printf("%-44s %9.1f %6.1f%% %8zu\n", costs[i].id.c_str(), costs[i].seconds * 1e3,
                whole > 0 ? 100.0 * costs[i].seconds / whole : 0.0, costs[i].matches);
  }
}

// Prints the `top` content rules by the time a database of each alone takes.
void PrintAloneCosts(const std::vector<Rule>& rules, const std::vector<std::string>& corpus,
                     std::size_t bytes, std::size_t top) {
  std::vector<Cost> costs;
  for (const Rule& rule : rules) {
    if (rule.is_file_rule()) continue;
    Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build({rule});
    if (!set.ok()) continue;
    Result<std::unique_ptr<const Engine>> engine = Engine::Create(*set, EngineOptions{"", false});
    if (!engine.ok()) {
      std::fprintf(stderr, "rule_cost: %s: %s\n", rule.id.c_str(),
                   engine.status().message().c_str());
      continue;
    }
    Cost cost{rule.id};
    cost.seconds = TimeScan(**engine, corpus, &cost.matches, /*cpu=*/true);
    cost.swept = !(*engine)->stats().untrusted_rules.empty();
    costs.push_back(cost);
  }
  std::sort(costs.begin(), costs.end(),
            [](const Cost& a, const Cost& b) { return a.seconds > b.seconds; });
  double total = 0;
  for (const Cost& c : costs) total += c.seconds;
  std::printf("%zu rules alone (thread CPU time), %.1f MB each; sum of times %.2f s\n",
              costs.size(), static_cast<double>(bytes) / 1e6, total);
  std::printf("%-44s %9s %8s %8s\n", "rule", "ms", "MB/s", "matches");
  for (std::size_t i = 0; i < costs.size() && i < top; ++i) {
    const Cost& c = costs[i];
    std::printf("%-44s %9.1f %8.0f %8zu%s\n", c.id.c_str(), c.seconds * 1e3,
                static_cast<double>(bytes) / 1e6 / c.seconds, c.matches,
                c.swept ? "  (RE2 sweep: Hyperscan distrusted alone)" : "");
  }
}

int Run(int argc, char** argv) {
  std::size_t top = 40;
  std::size_t megabytes = 40;
  bool marginal = false;
  bool whole_only = false;  // --whole: time the whole set only
  bool confirm = false;     // --confirm: the whole set's confirmation profile
  std::string within;       // --marginal-in FAMILY: per rule of that family
  std::vector<std::string> rule_files;
  std::vector<std::string> roots;  // --corpus DIR: text files under DIR instead
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--top") == 0 && i + 1 < argc) {
      top = static_cast<std::size_t>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--confirm") == 0) {
      confirm = whole_only = true;
    } else if (std::strcmp(argv[i], "--whole") == 0) {
      whole_only = true;
    } else if (std::strcmp(argv[i], "--marginal") == 0) {
      marginal = true;
    } else if (std::strcmp(argv[i], "--marginal-rules") == 0) {
      marginal = true;
      within = "*";
    } else if (std::strcmp(argv[i], "--marginal-in") == 0 && i + 1 < argc) {
      marginal = true;
      within = argv[++i];
    } else if (std::strcmp(argv[i], "--mb") == 0 && i + 1 < argc) {
      megabytes = static_cast<std::size_t>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--corpus") == 0 && i + 1 < argc) {
      roots.emplace_back(argv[++i]);
    } else if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      rule_files.emplace_back(argv[++i]);
    } else {
      std::fprintf(
          stderr,
          "usage: rule_cost [--top N] [--mb MEGABYTES] [--whole | --confirm | --marginal | "
          "--marginal-in FAMILY | --marginal-rules] [--corpus DIR]... [--rules FILE.yaml]...\n");
      return 2;
    }
  }
  Result<std::vector<Rule>> rules =
      rule_files.empty() ? LoadDefaultRules() : LoadRuleFiles(rule_files);
  if (!rules.ok()) {
    std::fprintf(stderr, "rule_cost: %s\n", rules.status().message().c_str());
    return 2;
  }
  const std::vector<std::string> corpus = roots.empty()
                                              ? LoadTextCorpus(megabytes * 1000 * 1000)
                                              : LoadTextCorpus(megabytes * 1000 * 1000, roots);
  std::size_t bytes = 0;
  for (const std::string& f : corpus) bytes += f.size();

  // The whole set, file by file and on the same bytes joined into 1 MiB
  // blocks: the difference is the per-scan cost, paid once per file.
  std::vector<std::string> blocks(1);
  for (const std::string& f : corpus) {
    if (blocks.back().size() >= (1u << 20)) blocks.emplace_back();
    blocks.back() += f;
  }
  Result<std::shared_ptr<const RuleSet>> all = RuleSet::Build(*rules);
  if (!all.ok()) {
    std::fprintf(stderr, "rule_cost: %s\n", all.status().message().c_str());
    return 2;
  }
  {
    Result<std::unique_ptr<const Engine>> engine = Engine::Create(*all, EngineOptions{});
    if (!engine.ok()) {
      std::fprintf(stderr, "rule_cost: %s\n", engine.status().message().c_str());
      return 2;
    }
    {
      std::size_t matches = 0;
      const double per_file = TimeScan(**engine, corpus, &matches);
      const double per_block = TimeScan(**engine, blocks, &matches);
      if (confirm) PrintConfirmProfile(**engine, corpus, top);
      if (whole_only) {
        std::printf("cpu time: %.0f MB/s file by file\n",
                    static_cast<double>(bytes) / 1e6 / TimeScan(**engine, corpus, &matches, true));
      }
      std::printf("all %zu content rules: %.0f MB/s file by file, %.0f MB/s in 1 MiB blocks\n",
                  (*all)->content_rules().size(), static_cast<double>(bytes) / 1e6 / per_file,
                  static_cast<double>(bytes) / 1e6 / per_block);
    }
  }

  if (whole_only) return 0;
  if (marginal) {
    PrintMarginalCosts(*rules, corpus, within, top);
  } else {
    PrintAloneCosts(*rules, corpus, bytes, top);
  }
  return 0;
}

}  // namespace
}  // namespace ctxscan

int main(int argc, char** argv) {
#if !defined(NDEBUG) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  std::fprintf(stderr, "rule_cost: refusing to run a debug or sanitizer build\n");
  return 2;
#endif
  return ctxscan::Run(argc, argv);
}
