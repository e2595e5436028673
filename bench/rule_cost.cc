// Which rules make the prefilter slow: scans the text corpus (/usr/include
// and /usr/share) with a database of each content rule alone and
// prints the rules sorted by scan time, with their candidate and match counts.
// A rule alone that scans much slower than the fastest ones is the one to
// rewrite (a longer or rarer literal, a narrower character class). Usage:
//   rule_cost [--top N] [--mb MEGABYTES (40)] [--whole | --confirm] [--corpus DIR]... [--rules
//   FILE.yaml]...
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

// For each family (the rule id up to its first dot), or each rule of family
// `within`: how much faster the whole set scans without it. Those whose
// removal saves the most are where the combined database spends its time.
std::vector<Cost> MarginalCosts(const std::vector<Rule>& rules,
                                const std::vector<std::string>& corpus, const std::string& within) {
  auto key = [&](const Rule& r) {
    std::string family = r.id.substr(0, r.id.find('.'));
    return within.empty() ? family : family == within ? r.id : std::string();
  };
  auto time_without = [&](const std::string& group, std::size_t* matches) {
    std::vector<Rule> kept;
    for (const Rule& r : rules) {
      if (!r.is_file_rule() && (group.empty() || key(r) != group)) kept.push_back(r);
    }
    Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(kept));
    if (!set.ok()) return -1.0;
    Result<std::unique_ptr<const Engine>> engine = Engine::Create(*set, EngineOptions{});
    return engine.ok() ? TimeScan(**engine, corpus, matches, /*cpu=*/true) : -1.0;
  };
  std::size_t matches = 0;
  const double full = time_without("", &matches);
  std::vector<std::string> families;
  for (const Rule& r : rules) {
    std::string f = key(r);
    if (!r.is_file_rule() && !f.empty() &&
        std::find(families.begin(), families.end(), f) == families.end()) {
      families.push_back(f);
    }
  }
  std::vector<Cost> costs;
  for (const std::string& f : families) {
    Cost c{f};
    c.seconds = full - time_without(f, &c.matches);
    costs.push_back(c);
  }
  std::sort(costs.begin(), costs.end(),
            [](const Cost& a, const Cost& b) { return a.seconds > b.seconds; });
  std::printf("whole set: %.1f ms\n", full * 1e3);
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
          "usage: rule_cost [--top N] [--mb MEGABYTES] [--whole | --marginal | --marginal-in "
          "FAMILY] [--rules FILE.yaml]...\n");
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
  std::vector<Cost> costs;
  if (marginal) {
    costs = MarginalCosts(*rules, corpus, within);
    std::printf("%-44s %9s %8s\n", within.empty() ? "family (id prefix)" : "rule", "ms saved",
                "matches");
    for (std::size_t i = 0; i < costs.size() && i < top; ++i) {
      std::printf("%-44s %9.1f %8zu\n", costs[i].id.c_str(), costs[i].seconds * 1e3,
                  costs[i].matches);
    }
    return 0;
  }
  for (const Rule& rule : *rules) {
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
    std::printf("%-44s %9.1f %8.0f %8zu\n", c.id.c_str(), c.seconds * 1e3,
                static_cast<double>(bytes) / 1e6 / c.seconds, c.matches);
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
