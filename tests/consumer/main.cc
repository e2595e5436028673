// Scans its first argument with the default rules and prints one line per
// match: the rule id and the matched secret's offsets.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  ctxscan::Result<std::vector<ctxscan::Rule>> rules = ctxscan::LoadDefaultRules();
  if (!rules.ok()) return 2;
  ctxscan::Result<std::shared_ptr<const ctxscan::RuleSet>> set =
      ctxscan::RuleSet::Build(std::move(rules).value());
  if (!set.ok()) return 2;
  ctxscan::Result<std::unique_ptr<const ctxscan::Engine>> engine =
      ctxscan::Engine::Create(*set, ctxscan::EngineOptions{"", false});
  if (!engine.ok()) return 2;
  ctxscan::Result<std::unique_ptr<ctxscan::Engine::Scratch>> scratch = (*engine)->MakeScratch();
  if (!scratch.ok()) return 2;
  std::vector<ctxscan::RuleMatch> matches;
  const std::string text = argv[1];
  if (!(*engine)->Scan(text, scratch->get(), &matches).ok()) return 2;
  for (const ctxscan::RuleMatch& m : matches) {
    std::printf("%s %llu %llu\n", (*set)->content_rules()[m.rule].rule->id.c_str(),
                static_cast<unsigned long long>(m.secret_start),
                static_cast<unsigned long long>(m.secret_end));
  }
  return 0;
}
