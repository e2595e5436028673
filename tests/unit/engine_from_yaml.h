// Test helper: an engine (no compile cache) built from a rule file's YAML,
// for tests that scan with a few rules of their own. Fails the running test
// (and returns null) when the YAML or a rule is invalid.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule.h"
#include "ctxscan/match/rule_set.h"

namespace ctxscan {

inline std::unique_ptr<const Engine> EngineFromYaml(std::string_view yaml) {
  Result<std::vector<Rule>> rules = ParseRuleFile(yaml, "test.yaml");
  if (!rules.ok()) {
    ADD_FAILURE() << rules.status().message();
    return nullptr;
  }
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(rules).value());
  if (!set.ok()) {
    ADD_FAILURE() << set.status().message();
    return nullptr;
  }
  Result<std::unique_ptr<const Engine>> e = Engine::Create(*set, EngineOptions{"", false});
  if (!e.ok()) {
    ADD_FAILURE() << e.status().message();
    return nullptr;
  }
  return std::move(e).value();
}

}  // namespace ctxscan
