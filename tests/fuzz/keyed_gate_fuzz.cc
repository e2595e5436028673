// libFuzzer target: the pattern-text reader (src/match/regex_text.h) and the
// keyed gate (src/match/keyed_gate.h) on any pattern, with an oracle.
// Input: a pattern, a NUL byte, then text to scan (no NUL: no text).
// - The reader never reads out of bounds (the sanitizers watch), and the
//   top-level items it returns put back together are the pattern.
// - A gate it finds is made of the pattern's own text: the brand and the
//   prefix start the pattern (after the flags) and the words are anchor words.
// - When RE2 accepts the pattern as a rule, a one-rule engine (gated or not)
//   finds on the text exactly what RE2 alone finds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "fuzz_fail.h"
#include "match/keyed_gate.h"
#include "match/regex_text.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("keyed_gate_fuzz", what); }

void CheckReader(std::string_view pattern) {
  const std::size_t flags = ctxscan::LeadingFlags(pattern);
  if (flags > pattern.size()) Fail("flags past the end");
  const std::vector<std::string_view> items = ctxscan::TopLevelItems(pattern.substr(flags));
  std::string joined;
  for (std::string_view item : items) {
    if (item.empty()) Fail("an empty item");
    joined += item;
    (void)ctxscan::GroupAlternatives(item);
  }
  if (!items.empty() && joined != pattern.substr(flags)) Fail("items do not make the pattern");
}

void CheckGate(std::string_view pattern, const ctxscan::KeyedGate& gate) {
  if (pattern.substr(0, gate.prefix.size()) != gate.prefix) Fail("prefix not the pattern's start");
  if (gate.prefix.substr(0, gate.brand.size()) != gate.brand) Fail("brand not the prefix's start");
  if (gate.words.empty()) Fail("a gate without words");
  const std::string anchor = ctxscan::KeyedGateAnchor(gate.words);
  if (anchor.rfind("(?i:", 0) != 0) Fail("an anchor of another shape");
}

void CheckEngine(std::string_view pattern, std::string_view text) {
  ctxscan::Rule r;
  r.id = "fuzz.rule";
  r.origin = "keyed_gate_fuzz";
  r.pattern = std::string(pattern);
  r.severity = ctxscan::Severity::kHigh;
  std::vector<ctxscan::Rule> rules;
  rules.push_back(std::move(r));
  ctxscan::Result<std::shared_ptr<const ctxscan::RuleSet>> set =
      ctxscan::RuleSet::Build(std::move(rules), ctxscan::RuleCache{"", false});
  if (!set.ok()) return;  // not a valid rule: nothing to compare
  ctxscan::Result<std::unique_ptr<const ctxscan::Engine>> engine =
      ctxscan::Engine::Create(*set, ctxscan::EngineOptions{"", false});
  if (!engine.ok()) return;  // Hyperscan refuses some patterns RE2 takes
  ctxscan::Result<std::unique_ptr<ctxscan::Engine::Scratch>> scratch = (*engine)->MakeScratch();
  if (!scratch.ok()) Fail("no scratch space");
  std::vector<ctxscan::RuleMatch> two_stage;
  if (!(*engine)->Scan(text, scratch->get(), &two_stage).ok()) Fail("the engine failed");
  std::vector<ctxscan::RuleMatch> reference;
  ctxscan::ScanWithRe2Only(**set, text, &reference);
  if (two_stage != reference) Fail("the two stages and RE2 alone disagree");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view pattern = input.substr(0, nul);
  const std::string_view text = nul == std::string_view::npos ? "" : input.substr(nul + 1);
  if (pattern.size() > 512) return 0;  // the rules' patterns are shorter; keeps runs fast
  CheckReader(pattern);
  const std::optional<ctxscan::KeyedGate> gate = ctxscan::FindKeyedGate(pattern);
  if (gate) CheckGate(pattern, *gate);
  // The oracle needs a compile per input: only for patterns the gate takes.
  if (gate && !text.empty()) CheckEngine(pattern, text);
  return 0;
}
