// The two-stage matcher. Stage one is one Hyperscan block-mode database
// holding every content rule, rewritten into RE2's meaning and with its
// counted repeats relaxed ({m,n} -> {m,}; see hyperscan_dialect.h), so that
// it matches everything the rule does: a single vectorised pass over the
// bytes reports (rule, end offset) candidates. Stage two confirms them with
// RE2: for each rule, the windows [end - max_width, end] of its candidates are
// merged (max_width from the unrelaxed pattern), and RE2 scans each merged
// window with the whole buffer as context, so anchors and \b see the real
// neighbours. Because every match lies in such a window and the windows are
// merged, this yields exactly the matches RE2 finds scanning the whole buffer
// alone (ScanWithRe2Only), which tests/unit/rules_test.cc checks on generated
// corpora. Confirmed matches then pass the filters (filters.h) to become
// results.
//
// Rules of the keyed form "BRAND ... KEY ["']? \s* OP value" (about a quarter
// of the default set) are not in that database: one anchor pattern stands
// for all of them, and around each anchor hit a second database of their
// brands decides which of them get a window (src/match/keyed_gate.h says why
// this finds the same matches). Fewer literals in the always-on database is
// what makes Hyperscan faster here.
//
// Known hazard: vectorscan 5.4.9 (Debian) was seen to miss matches in small
// single-pattern databases: a bounded repeat ("x[a-z]{0,100}ApiKey" at offset
// 64) and even a literal alternation near the end of a 96- or 160-byte block.
// The relaxed repeats avoid the first; the second was not reproduced with the
// full default database. Both differential tests (random corpora, and every
// example at every offset 0..160) guard the combination actually shipped;
// new rules must keep them green.
//
// Lifecycle: Create compiles (or loads from the cache) once; the Engine is
// immutable and shared by all threads; each thread makes its own Scratch.
//
// Covered by tests/unit/rules_test.cc (the engine against RE2 alone) and
// tests/unit/scan_test.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/filters.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/status.h"

namespace ctxscan {

// One confirmed, filtered match of a content rule.
struct RuleMatch {
  std::uint32_t rule;  // index into RuleSet::content_rules()
  std::uint64_t start;
  std::uint64_t end;
  std::uint64_t secret_start;
  std::uint64_t secret_end;
  // The rule's confidence, lowered by what the filters saw (see
  // ConfirmRule); `lowered` holds the LoweredBy bits that say why.
  Confidence confidence = Confidence::kHigh;
  std::uint8_t lowered = 0;

  friend bool operator==(const RuleMatch&, const RuleMatch&) = default;
};

struct EngineOptions {
  // Where compiled databases are cached; empty: $XDG_CACHE_HOME/ctxscan or
  // ~/.cache/ctxscan. Unwritable: compile every time.
  std::string cache_dir;
  bool use_cache = true;
};

// What Create did, for `rules check`, --verbose and the benchmarks.
struct EngineStats {
  double compile_seconds = 0;  // 0 when loaded from the cache
  bool from_cache = false;
  std::size_t database_bytes = 0;
  std::vector<std::string> prefilter_rules;  // compiled approximately
  std::size_t gated_rules = 0;               // behind the keyed gate (src/match/keyed_gate.h)
  // Rules whose matches the installed Hyperscan misses on this machine
  // (src/match/hyperscan_probe.h): Scan runs their RE2 over the whole text.
  std::vector<std::string> untrusted_rules;
};

// Where one content rule's confirmation time went, summed over the scans
// of one Scratch (see Scratch::EnableProfile): the benchmarks' view of which
// rules make RE2 work.
struct ConfirmProfile {
  std::uint64_t windows = 0;       // merged candidate windows handed to RE2
  std::uint64_t window_bytes = 0;  // their total length
  std::uint64_t nanoseconds = 0;   // time in ConfirmRule for them
  std::uint64_t matches = 0;       // matches that survived every filter
};

class Engine {
 public:
  // Per-thread working memory for Scan; make one per thread with MakeScratch.
  class Scratch {
   public:
    struct State;  // defined in engine.cc
    explicit Scratch(std::unique_ptr<State> state);
    ~Scratch();
    State* state() { return state_.get(); }
    // From now on, Scan adds to a per-rule profile of its confirmation work
    // (one clock read per window; off by default).
    void EnableProfile();
    // Indexed like RuleSet::content_rules(); empty unless enabled.
    const std::vector<ConfirmProfile>& profile() const;

   private:
    std::unique_ptr<State> state_;
  };

  // Compiles the prefilter for every content rule of `rules`. A pattern
  // Hyperscan cannot compile exactly is compiled in prefilter mode (it may
  // report extra candidates, never fewer) and listed in stats().
  static Result<std::unique_ptr<const Engine>> Create(std::shared_ptr<const RuleSet> rules,
                                                      const EngineOptions& options);
  ~Engine();

  // Makes per-thread scratch space.
  Result<std::unique_ptr<Scratch>> MakeScratch() const;

  // Finds all matches in `data`, sorted by (start, end, rule). Fails if
  // Hyperscan fails, a rule's RE2 no longer compiles, or `scratch` is null.
  Status Scan(std::string_view data, Scratch* scratch, std::vector<RuleMatch>* out) const;

  // Hyperscan's stage alone: the windows in which each content rule's RE2
  // would look, unsorted, possibly overlapping (for the probe of
  // src/match/hyperscan_probe.h and the tests). Fails like Scan.
  struct CandidateWindow {
    std::uint32_t rule;
    std::uint64_t start;
    std::uint64_t end;
  };
  Status Candidates(std::string_view data, Scratch* scratch,
                    std::vector<CandidateWindow>* out) const;

  const RuleSet& rules() const { return *rules_; }
  const EngineStats& stats() const { return stats_; }

 private:
  struct Database;
  Engine() = default;
  Status FindCandidates(std::string_view data, Scratch::State* s) const;
  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<Database> db_;
  EngineStats stats_;
  std::vector<std::uint32_t> untrusted_;  // sorted content rule indexes
  std::vector<bool> swept_;               // indexed like content_rules()
};

// The reference: every content rule run by RE2 alone over all of `data`,
// with the same filters; sorted like Engine::Scan.
void ScanWithRe2Only(const RuleSet& rules, std::string_view data, std::vector<RuleMatch>* out);

// Matches of content rule `index` that RE2 finds in data[from, to), scanning
// from `*pos` (advanced past each match), filters applied. Shared by both paths.
// Fails only when the rule's RE2 cannot be compiled (see LazyRegex).
Status ConfirmRule(const RuleSet& rules, std::uint32_t index, std::string_view data,
                   std::uint64_t to, std::uint64_t* pos, std::vector<RuleMatch>* out);

}  // namespace ctxscan
