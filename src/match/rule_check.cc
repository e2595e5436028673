// Checking rules against their examples; see src/match/rule_check.h.
#include "match/rule_check.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace ctxscan {
namespace {

bool Has(const std::vector<RuleMatch>& matches, std::uint32_t rule) {
  return std::any_of(matches.begin(), matches.end(),
                     [&](const RuleMatch& m) { return m.rule == rule; });
}

// The confidence of rule `rule`'s first match, if any.
std::optional<Confidence> FoundAt(const std::vector<RuleMatch>& matches, std::uint32_t rule) {
  for (const RuleMatch& m : matches) {
    if (m.rule == rule) return m.confidence;
  }
  return std::nullopt;
}

bool PathMatches(const FileRule& fr, const std::string& path) {
  return std::any_of(fr.paths.begin(), fr.paths.end(),
                     [&](const Pattern& p) { return p.Match(path) == Pattern::Outcome::kMatch; });
}

// Adds to `overlaps` each other specific rule whose match in `matches` has
// the same secret as rule `rule`'s, once per pair of rules.
void NoteOverlaps(const RuleSet& rules, std::uint32_t rule, std::size_t example,
                  const std::vector<RuleMatch>& matches,
                  std::set<std::pair<std::uint32_t, std::uint32_t>>* seen,
                  std::vector<std::string>* overlaps) {
  const Rule& r = *rules.content_rules()[rule].rule;
  if (r.is_generic()) return;
  for (const RuleMatch& own : matches) {
    if (own.rule != rule) continue;
    for (const RuleMatch& other : matches) {
      const Rule& o = *rules.content_rules()[other.rule].rule;
      if (other.rule == rule || o.is_generic() || other.secret_start != own.secret_start ||
          other.secret_end != own.secret_end ||
          !seen->insert({std::min(rule, other.rule), std::max(rule, other.rule)}).second) {
        continue;
      }
      overlaps->push_back("rule " + r.id + " example " + std::to_string(example + 1) +
                          " is also found by rule " + o.id);
    }
  }
}

}  // namespace

RuleCheckReport CheckRules(const Engine& engine) {
  RuleCheckReport report;
  const RuleSet& rules = engine.rules();
  report.rules = rules.rules().size();
  report.content_rules = rules.content_rules().size();
  report.file_rules = rules.file_rules().size();
  Result<std::unique_ptr<Engine::Scratch>> scratch = engine.MakeScratch();
  if (!scratch.ok()) {
    report.failures.push_back(scratch.status().message());
    return report;
  }
  std::vector<RuleMatch> two_stage;
  std::vector<RuleMatch> re2_only;
  std::set<std::pair<std::uint32_t, std::uint32_t>> overlapping;
  auto fail = [&](const Rule& r, const std::string& what) {
    report.failures.push_back(r.origin + ": rule " + r.id + ": " + what);
  };
  for (std::uint32_t i = 0; i < rules.content_rules().size(); ++i) {
    const Rule& r = *rules.content_rules()[i].rule;
    for (std::size_t k = 0; k < r.examples.size(); ++k) {
      ++report.examples;
      const Status s = engine.Scan(r.examples[k], scratch->get(), &two_stage);
      ScanWithRe2Only(rules, r.examples[k], &re2_only);
      if (!s.ok() || !Has(two_stage, i)) {
        fail(r, "example " + std::to_string(k + 1) + " is not found by the two-stage engine");
      }
      NoteOverlaps(rules, i, k, two_stage, &overlapping, &report.overlaps);
      if (!Has(re2_only, i)) fail(r, "example " + std::to_string(k + 1) + " is not found by RE2");
    }
    for (std::size_t k = 0; k < r.negative_examples.size(); ++k) {
      ++report.negative_examples;
      const Status s = engine.Scan(r.negative_examples[k], scratch->get(), &two_stage);
      ScanWithRe2Only(rules, r.negative_examples[k], &re2_only);
      if (!s.ok() || Has(two_stage, i) || Has(re2_only, i)) {
        fail(r, "negative example " + std::to_string(k + 1) + " yields a finding");
      }
    }
  }
  // Low examples: found by both engines, and at low confidence.
  for (std::uint32_t i = 0; i < rules.content_rules().size(); ++i) {
    const Rule& r = *rules.content_rules()[i].rule;
    for (std::size_t k = 0; k < r.low_examples.size(); ++k) {
      ++report.examples;
      const Status s = engine.Scan(r.low_examples[k], scratch->get(), &two_stage);
      ScanWithRe2Only(rules, r.low_examples[k], &re2_only);
      const std::optional<Confidence> a = s.ok() ? FoundAt(two_stage, i) : std::nullopt;
      const std::optional<Confidence> b = FoundAt(re2_only, i);
      if (!a || !b) {
        fail(r, "low example " + std::to_string(k + 1) + " is not found");
      } else if (*a != Confidence::kLow || *b != Confidence::kLow) {
        fail(r, "low example " + std::to_string(k + 1) + " is found at confidence " +
                    std::string(ConfidenceName(*a)) + ", not low");
      }
    }
  }
  for (const FileRule& fr : rules.file_rules()) {
    const Rule& r = *fr.rule;
    for (std::size_t k = 0; k < r.examples.size(); ++k) {
      ++report.examples;
      if (!PathMatches(fr, r.examples[k])) {
        fail(r,
             "example path " + std::to_string(k + 1) + " (" + r.examples[k] + ") does not match");
      }
    }
    for (std::size_t k = 0; k < r.negative_examples.size(); ++k) {
      ++report.negative_examples;
      if (PathMatches(fr, r.negative_examples[k])) {
        fail(r, "negative example path " + std::to_string(k + 1) + " (" + r.negative_examples[k] +
                    ") matches");
      }
    }
    for (std::size_t k = 0; k < r.content_examples.size(); ++k) {
      ++report.examples;
      if (!fr.MatchesContent(r.content_examples[k])) {
        fail(r, "content example " + std::to_string(k + 1) + " does not match the signature");
      }
    }
    for (std::size_t k = 0; k < r.content_negatives.size(); ++k) {
      ++report.negative_examples;
      if (fr.MatchesContent(r.content_negatives[k])) {
        fail(r, "content negative " + std::to_string(k + 1) + " matches the signature");
      }
    }
  }
  return report;
}

}  // namespace ctxscan
