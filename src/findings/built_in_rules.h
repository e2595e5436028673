// Helpers for the analyses whose rules are built into ctxscan rather than
// loaded from patterns/ (Dockerfile and Compose): making such a rule, a
// finding of one at a whole line, looking one up by id, and BuildKit's test
// of a variable name.
//
// Covered by tests/unit/dockerfile_parser_test.cc, tests/unit/compose_analysis_test.cc
// and tests/e2e/scan_cli_test.py.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/match/rule.h"

namespace ctxscan {

// A built-in rule (origin "(built in)", confidence high).
Rule MakeBuiltInRule(std::string id, std::string name, Severity severity, std::string category,
                     std::string description, std::string remediation);

// The rule `id` in a list of built-in rules; aborts on an unknown id (a
// programming error).
const Rule& RuleById(const std::vector<Rule>& rules, std::string_view id);

// A finding of built-in rule `rule` (kind dockerfile) at `location`, its
// identity the path and the line (KeyFindings makes the fingerprint).
Finding MakeBuiltInFinding(const Rule& rule, std::string secret, Location location);

// The location of line `line` of `path` as a whole (column 1; 0 for line 0).
Location LineLocation(std::string_view path, int line);

// BuildKit's test of a variable name for SecretsUsedInArgOrEnv: one of its
// `_`-separated words means a secret and none is an allowed word.
bool NameSaysSecret(std::string_view name);

}  // namespace ctxscan
