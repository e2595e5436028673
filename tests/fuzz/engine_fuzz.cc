// libFuzzer target: the two-stage engine on any bytes finds exactly what RE2
// alone finds with every default rule (ScanWithRe2Only), the oracle the
// engine's design promises (include/ctxscan/match/engine.h): the Hyperscan
// prefilter with relaxed repeats, the prefilter suffixes, the keyed gate and
// the merged confirmation windows must neither lose a match nor add one.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("engine_fuzz", what); }

struct Fixture {
  std::shared_ptr<const ctxscan::RuleSet> rules;
  std::unique_ptr<const ctxscan::Engine> engine;
  std::unique_ptr<ctxscan::Engine::Scratch> scratch;
};

const Fixture& Get() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    ctxscan::Result<std::vector<ctxscan::Rule>> rules = ctxscan::LoadDefaultRules();
    if (!rules.ok()) Fail("cannot load the default rules");
    ctxscan::Result<std::shared_ptr<const ctxscan::RuleSet>> set =
        ctxscan::RuleSet::Build(std::move(rules).value(), ctxscan::RuleCache{"", false});
    if (!set.ok()) Fail("cannot build the default rules");
    f->rules = *set;
    ctxscan::Result<std::unique_ptr<const ctxscan::Engine>> engine =
        ctxscan::Engine::Create(f->rules, ctxscan::EngineOptions{"", false});
    if (!engine.ok()) Fail("cannot compile the default rules");
    f->engine = std::move(engine).value();
    ctxscan::Result<std::unique_ptr<ctxscan::Engine::Scratch>> scratch = f->engine->MakeScratch();
    if (!scratch.ok()) Fail("cannot make scratch space");
    f->scratch = std::move(scratch).value();
    return f;
  }();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = Get();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<ctxscan::RuleMatch> two_stage;
  if (!f.engine->Scan(input, f.scratch.get(), &two_stage).ok()) Fail("the engine failed");
  std::vector<ctxscan::RuleMatch> reference;
  ctxscan::ScanWithRe2Only(*f.rules, input, &reference);
  if (two_stage != reference) {
    for (const ctxscan::RuleMatch& m : reference) {
      std::fprintf(
          stderr, "RE2 alone: %s @%llu-%llu\n", f.rules->content_rules()[m.rule].rule->id.c_str(),
          static_cast<unsigned long long>(m.start), static_cast<unsigned long long>(m.end));
    }
    for (const ctxscan::RuleMatch& m : two_stage) {
      std::fprintf(
          stderr, "two stages: %s @%llu-%llu\n", f.rules->content_rules()[m.rule].rule->id.c_str(),
          static_cast<unsigned long long>(m.start), static_cast<unsigned long long>(m.end));
    }
    Fail("the two stages and RE2 alone disagree");
  }
  return 0;
}
