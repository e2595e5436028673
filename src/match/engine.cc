// The two-stage matcher; see include/ctxscan/match/engine.h.
#include "ctxscan/match/engine.h"

#include <hs/hs.h>

#include <algorithm>
#include <chrono>

#include "ctxscan/match/filters.h"
#include "match/database_cache.h"
#include "match/hyperscan_probe.h"
#include "match/regex_text.h"
#include "match/rule_regex_options.h"
#include "match/value_score.h"

namespace ctxscan {

struct Engine::Database {
  HsDatabases dbs;
};

struct Engine::Scratch::State {
  struct Region {
    std::uint32_t rule;
    std::uint64_t start;
    std::uint64_t end;
  };
  HsScratch hs;
  std::vector<Region> regions;
  // Per rule: index into `regions` of its open region, or -1.
  std::vector<std::int64_t> open;
  // End offsets of the keyed gate's anchor hits (see keyed_gate.h).
  std::vector<std::uint64_t> anchors;
  const std::vector<ContentRule>* rules = nullptr;
  std::vector<ConfirmProfile> profile;  // empty unless enabled
};

Engine::Scratch::Scratch(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::Scratch::~Scratch() = default;

void Engine::Scratch::EnableProfile() { state_->profile.resize(state_->rules->size()); }

const std::vector<ConfirmProfile>& Engine::Scratch::profile() const { return state_->profile; }

namespace {

// Hyperscan's callback: grow the rule's open window or start a new one.
int OnHit(unsigned int id, unsigned long long /*from*/, unsigned long long to,
          unsigned int /*flags*/, void* context) {
  auto* s = static_cast<Engine::Scratch::State*>(context);
  if (id >= s->rules->size()) {
    s->anchors.push_back(to);
    return 0;
  }
  const std::uint64_t width = (*s->rules)[id].max_width;
  const std::uint64_t start = to > width ? to - width : 0;
  std::int64_t& open = s->open[id];
  if (open >= 0) {
    Engine::Scratch::State::Region& r = s->regions[static_cast<std::size_t>(open)];
    if (start <= r.end) {
      r.end = std::max<std::uint64_t>(r.end, to);
      r.start = std::min(r.start, start);
      return 0;
    }
  }
  open = static_cast<std::int64_t>(s->regions.size());
  s->regions.push_back({id, start, to});
  return 0;
}

// A brand scan over data[base, ...): where its hits go.
struct BrandScan {
  Engine::Scratch::State* state;
  std::uint64_t base;
  std::uint64_t size;  // of the whole buffer
};

// A gated rule's brand ends at base + to: its match, if any, lies within its
// width either side.
int OnBrand(unsigned int id, unsigned long long /*from*/, unsigned long long to,
            unsigned int /*flags*/, void* context) {
  auto* scan = static_cast<BrandScan*>(context);
  const std::uint64_t q = scan->base + to;
  const std::uint64_t width = (*scan->state->rules)[id].max_width;
  scan->state->regions.push_back(
      {id, q > width ? q - width : 0, std::min<std::uint64_t>(q + width, scan->size)});
  return 0;
}

// Scans the brands database over [hit - lookback - 1, hit] for every anchor
// hit, the ranges merged; brand hits become regions of their rules.
Status ScanBrands(const HsDatabase& brands, unsigned lookback, std::string_view data,
                  Engine::Scratch::State* s, hs_scratch_t* scratch) {
  std::sort(s->anchors.begin(), s->anchors.end());
  BrandScan scan{s, 0, data.size()};
  const std::uint64_t reach = std::uint64_t{lookback} + 1;
  for (std::size_t i = 0; i < s->anchors.size();) {
    const std::uint64_t lo = s->anchors[i] > reach ? s->anchors[i] - reach : 0;
    std::uint64_t hi = s->anchors[i++];
    while (i < s->anchors.size() && (s->anchors[i] > reach ? s->anchors[i] - reach : 0) <= hi) {
      hi = s->anchors[i++];
    }
    scan.base = lo;
    const hs_error_t err = hs_scan(brands.get(), data.data() + lo, static_cast<unsigned>(hi - lo),
                                   0, scratch, OnBrand, &scan);
    if (err != HS_SUCCESS) {
      return Status::Error("hyperscan scan failed with code " + std::to_string(err));
    }
  }
  return Status::Ok();
}

// Bytes each side of a secret that JudgeSurroundings sees.
constexpr std::uint64_t kSurroundBytes = 64;

void SortMatches(std::vector<RuleMatch>* out) {
  std::sort(out->begin(), out->end(), [](const RuleMatch& a, const RuleMatch& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.rule < b.rule;
  });
}

// A start pattern's unanchored search runs RE2's reverse DFA; past this size
// (instructions) its states grow large enough for that DFA to give up on a
// long window, so a larger start is not used.
constexpr int kMaxStartProgram = 2000;

// Below this width (bytes) a rule's windows are short, trying every offset
// is cheap, and its start regex is never compiled.
constexpr unsigned kWideRule = 128;

// The rule's start regex when it has a usable one, else null.
const RE2* StartRegex(const ContentRule& cr) {
  if (!cr.start || cr.max_width < kWideRule) return nullptr;
  const RE2& start = cr.start->get();
  return start.ok() && start.ProgramSize() <= kMaxStartProgram ? &start : nullptr;
}

// Whether `item` (one top-level item of a pattern, with its quantifier) may
// match no text: an assertion, a flag group, or an optional item.
bool MayBeEmpty(std::string_view item) {
  const std::size_t token = item[0] == '(' ? SkipGroup(item, 0) : TokenEnd(item, 0);
  if (token == std::string_view::npos) return true;
  const std::string_view atom = item.substr(0, token);
  const std::string_view quantifier = item.substr(token);
  if (!quantifier.empty() &&
      (quantifier[0] == '?' || quantifier[0] == '*' || quantifier.starts_with("{0"))) {
    return true;
  }
  for (const std::string_view zero : {"^", "$", "\\b", "\\B", "\\A", "\\z"}) {
    if (atom == zero) return true;
  }
  // A flag group such as "(?i)" or "(?m-s)".
  return atom.starts_with("(?") && atom.size() > 3 &&
         atom.substr(2, atom.size() - 3).find_first_not_of("imsU-") == std::string_view::npos;
}

}  // namespace

std::string StartPattern(std::string_view pattern) {
  const std::size_t flags = LeadingFlags(pattern);
  const std::vector<std::string_view> items = TopLevelItems(pattern.substr(flags));
  std::size_t k = 0;
  while (k < items.size() && MayBeEmpty(items[k])) ++k;
  if (k + 1 >= items.size()) return "";
  return std::string(pattern.substr(
      0, static_cast<std::size_t>(items[k].data() - pattern.data()) + items[k].size()));
}

bool FindLeftmost(const RE2& re, const RE2* start, std::string_view data, std::uint64_t pos,
                  std::uint64_t to, re2::StringPiece* groups, int ngroups) {
  // Is there a match at all? The forward DFA alone answers (cheap).
  if (!re.Match(data, pos, to, RE2::UNANCHORED, nullptr, 0)) return false;
  // Where does it start? Asking RE2 for an unanchored match's groups makes it
  // run a reverse DFA, which gives up on rules with long ambiguous repeats
  // (a base64 run after a key name) and falls back to an NFA over the whole
  // window: milliseconds per window. The leftmost start is the first offset
  // with an anchored match, and an anchored search needs no reverse pass.
  if (start == nullptr) {
    // Attempts at the wrong offsets die within a few bytes, but each is a
    // whole RE2 call, and a window starts a rule's widest match before the
    // prefilter's hit.
    for (std::uint64_t at = pos; at < to; ++at) {
      if (re.Match(data, at, to, RE2::ANCHOR_START, groups, ngroups)) return true;
    }
    return false;
  }
  // Every match starts where `start` matches: try only those offsets, found
  // in increasing order by its unanchored search (a short pattern, whose
  // reverse search is cheap).
  re2::StringPiece head;
  for (std::uint64_t at = pos; at < to; ++at) {
    if (!start->Match(data, at, to, RE2::UNANCHORED, &head, 1)) return false;
    at = static_cast<std::uint64_t>(head.data() - data.data());
    if (re.Match(data, at, to, RE2::ANCHOR_START, groups, ngroups)) return true;
  }
  return false;
}

Status ConfirmRule(const RuleSet& rules, std::uint32_t index, std::string_view data,
                   std::uint64_t to, std::uint64_t* pos, std::vector<RuleMatch>* out) {
  const ContentRule& cr = rules.content_rules()[index];
  const Rule& rule = *cr.rule;
  const RE2& re = cr.re->get();
  const RE2* start_re = StartRegex(cr);
  if (!re.ok()) {
    return Status::Error(rule.origin + ": rule " + rule.id +
                         ": pattern no longer compiles (was RE2 upgraded? clear the cache "
                         "directory): " +
                         re.error());
  }
  // Groups 0 (the whole match) up to the secret's, whichever group that is.
  const int ngroups = cr.secret_group + 1;
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(ngroups));
  while (*pos < to) {
    if (!FindLeftmost(re, start_re, data, *pos, to, groups.data(), ngroups)) return Status::Ok();
    const auto start = static_cast<std::uint64_t>(groups[0].data() - data.data());
    const std::uint64_t end = start + groups[0].size();
    *pos = end > start ? end : start + 1;
    const re2::StringPiece& secret = groups[static_cast<std::size_t>(cr.secret_group)];
    if (secret.data() == nullptr) continue;
    const std::string_view value(secret.data(), secret.size());
    if (rule.min_value_score > 0 && ValueScore(value) < rule.min_value_score &&
        !(rule.weak_passwords && LooksLikeMadePassword(value)) && !LooksLikeRandomHex(value)) {
      continue;
    }
    Confidence confidence = Confidence::kHigh;
    std::uint8_t lowered = 0;
    if (!JudgeSecret(rule, value, &confidence, &lowered)) continue;
    const auto secret_start = static_cast<std::uint64_t>(secret.data() - data.data());
    const std::uint64_t secret_end = secret_start + secret.size();
    const std::uint64_t before = secret_start > kSurroundBytes ? secret_start - kSurroundBytes : 0;
    if (!JudgeSurroundings(rule, data.substr(before, secret_start - before), value,
                           data.substr(secret_end, kSurroundBytes), &confidence, &lowered)) {
      continue;
    }
    out->push_back(
        {index, start, end, secret_start, secret_start + secret.size(), confidence, lowered});
  }
  return Status::Ok();
}

void ScanWithRe2Only(const RuleSet& rules, std::string_view data, std::vector<RuleMatch>* out) {
  out->clear();
  for (std::uint32_t i = 0; i < rules.content_rules().size(); ++i) {
    std::uint64_t pos = 0;
    (void)ConfirmRule(rules, i, data, data.size(), &pos, out);
  }
  SortMatches(out);
}

Engine::~Engine() = default;

Result<std::unique_ptr<const Engine>> Engine::Create(std::shared_ptr<const RuleSet> rules,
                                                     const EngineOptions& options) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->rules_ = std::move(rules);
  engine->db_ = std::make_unique<Database>();
  Result<HsDatabases> dbs = LoadOrCompileDatabases(*engine->rules_, options, &engine->stats_);
  if (!dbs.ok()) return dbs.status();
  engine->db_->dbs = std::move(dbs).value();
  engine->swept_.assign(engine->rules_->content_rules().size(), false);
  engine->untrusted_ = UntrustedRules(*engine, options);
  for (std::uint32_t i : engine->untrusted_) {
    engine->swept_[i] = true;
    engine->stats_.untrusted_rules.push_back(engine->rules_->content_rules()[i].rule->id);
  }
  return std::unique_ptr<const Engine>(std::move(engine));
}

Result<std::unique_ptr<Engine::Scratch>> Engine::MakeScratch() const {
  auto s = std::make_unique<Scratch::State>();
  s->rules = &rules_->content_rules();
  s->open.assign(rules_->content_rules().size(), -1);
  if (db_->dbs.always_on.get() != nullptr) {
    Result<HsScratch> hs = HsScratch::Allocate(db_->dbs.always_on);
    if (!hs.ok()) return hs.status();
    s->hs = std::move(hs).value();
  }
  if (db_->dbs.brands.get() != nullptr) {
    if (Status grown = s->hs.Grow(db_->dbs.brands); !grown.ok()) return grown;
  }
  return std::make_unique<Scratch>(std::move(s));
}

Status Engine::FindCandidates(std::string_view data, Scratch::State* s) const {
  // Only the rules of the last scan's regions can have an open one (a rule's
  // entry is set when its first region is pushed): resetting those is
  // cheaper than refilling the whole table for every small file.
  for (const Scratch::State::Region& r : s->regions) s->open[r.rule] = -1;
  s->regions.clear();
  s->anchors.clear();
  // Hyperscan's block mode takes at most 4 GiB; callers chunk larger input.
  const hs_error_t err = hs_scan(db_->dbs.always_on.get(), data.data(),
                                 static_cast<unsigned>(data.size()), 0, s->hs.get(), OnHit, s);
  if (err != HS_SUCCESS)
    return Status::Error("hyperscan scan failed with code " + std::to_string(err));
  if (s->anchors.empty()) return Status::Ok();
  return ScanBrands(db_->dbs.brands, rules_->gate_anchors().lookback, data, s, s->hs.get());
}

Status Engine::Candidates(std::string_view data, Scratch* scratch,
                          std::vector<CandidateWindow>* out) const {
  out->clear();
  if (scratch == nullptr) return Status::Error("no scratch space to scan with");
  if (db_->dbs.always_on.get() == nullptr || data.empty()) return Status::Ok();
  Scratch::State* s = scratch->state();
  if (Status found = FindCandidates(data, s); !found.ok()) return found;
  for (const Scratch::State::Region& r : s->regions) out->push_back({r.rule, r.start, r.end});
  return Status::Ok();
}

Status Engine::Scan(std::string_view data, Scratch* scratch, std::vector<RuleMatch>* out) const {
  out->clear();
  if (scratch == nullptr) return Status::Error("no scratch space to scan with");
  Scratch::State* s = scratch->state();
  if (db_->dbs.always_on.get() == nullptr || data.empty()) return Status::Ok();
  if (Status found = FindCandidates(data, s); !found.ok()) return found;
  if (s->regions.empty() && untrusted_.empty()) return Status::Ok();
  // Windows arrive nearly sorted; make them sorted and disjoint per rule.
  std::sort(s->regions.begin(), s->regions.end(), [](const auto& a, const auto& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.start < b.start;
  });
  std::uint64_t pos = 0;
  std::uint32_t rule = UINT32_MAX;
  for (std::size_t i = 0; i < s->regions.size();) {
    Scratch::State::Region r = s->regions[i++];
    while (i < s->regions.size() && s->regions[i].rule == r.rule && s->regions[i].start <= r.end) {
      r.end = std::max(r.end, s->regions[i++].end);
    }
    if (swept_[r.rule]) continue;  // matched over the whole text below
    if (r.rule != rule) {
      rule = r.rule;
      pos = 0;
    }
    pos = std::max(pos, r.start);
    const bool profiled = !s->profile.empty();
    const std::chrono::steady_clock::time_point began =
        profiled ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
    const std::size_t found = out->size();
    const std::uint64_t from = pos;
    Status confirmed = ConfirmRule(*rules_, r.rule, data, r.end, &pos, out);
    if (!confirmed.ok()) return confirmed;
    if (profiled) {
      ConfirmProfile& p = s->profile[r.rule];
      ++p.windows;
      p.window_bytes += r.end > from ? r.end - from : 0;
      p.matches += out->size() - found;
      p.nanoseconds +=
          static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::steady_clock::now() - began)
                                         .count());
    }
  }
  // Rules Hyperscan misses matches of on this machine: RE2 over everything.
  for (std::uint32_t untrusted : untrusted_) {
    std::uint64_t from = 0;
    if (Status swept = ConfirmRule(*rules_, untrusted, data, data.size(), &from, out);
        !swept.ok()) {
      return swept;
    }
  }
  SortMatches(out);
  return Status::Ok();
}

}  // namespace ctxscan
