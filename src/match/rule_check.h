// `ctxscan rules check`: proves a rule set does what its examples say. Every
// rule must compile into the prefilter database; every example of a content
// rule must be found by the full two-stage engine and by RE2 alone; no
// negative example may yield a finding of its rule; every example path of a
// file rule must match its path patterns and no negative one may. It also
// lists overlaps: an example whose secret a second specific (non-generic)
// rule finds at the same place. A scan keeps one of them (the most specific,
// see DropOverlappingRules), so an overlap is a note for the rule author,
// not a failure.
//
// Covered by tests/unit/rules_test.cc (which runs it on the default set).
#pragma once

#include <string>
#include <vector>

#include "ctxscan/match/engine.h"

namespace ctxscan {

struct RuleCheckReport {
  std::vector<std::string> failures;  // "origin: rule id: what", in rule order
  // "rule a example N is also found by rule b", one per pair of rules, in
  // rule order.
  std::vector<std::string> overlaps;
  std::size_t rules = 0;
  std::size_t content_rules = 0;
  std::size_t file_rules = 0;
  std::size_t examples = 0;
  std::size_t negative_examples = 0;
};

// Checks every rule of `engine`'s rule set against its examples.
RuleCheckReport CheckRules(const Engine& engine);

}  // namespace ctxscan
