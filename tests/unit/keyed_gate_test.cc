// The keyed gate: which rule patterns it takes and refuses, the anchors it
// builds, and that gated rules find exactly what RE2 alone finds, on text
// made to probe the gate's edges (brands at the start of the buffer, blanks
// across lines, the longest gaps, several anchors close together).
#include "match/keyed_gate.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "match/regex_text.h"

namespace ctxscan {
namespace {

KeyedGate Taken(const std::string& pattern) {
  std::optional<KeyedGate> g = FindKeyedGate(pattern);
  EXPECT_TRUE(g.has_value()) << pattern;
  return g.value_or(KeyedGate{});
}

void Refused(const std::string& pattern) {
  EXPECT_FALSE(FindKeyedGate(pattern).has_value()) << pattern;
}

TEST(RegexText, SplitsTopLevelItemsWithTheirQuantifiers) {
  const std::vector<std::string_view> items =
      TopLevelItems(R"((?i:a|b)[\w.-]{0,20}?x\s*["']?\Qa|b\E(c)+{)");
  const std::vector<std::string_view> want = {"(?i:a|b)", R"([\w.-]{0,20}?)", "x",    R"(\s*)",
                                              R"(["']?)", R"(\Qa|b\E)",       "(c)+", "{"};
  EXPECT_EQ(items, want);
  EXPECT_TRUE(TopLevelItems("a|b").empty());
  EXPECT_TRUE(TopLevelItems("(a").empty());
  EXPECT_TRUE(TopLevelItems("[a").empty());
  EXPECT_EQ(GroupAlternatives("(?i:api[_|-]?key|(?:x|y)z|token)"),
            (std::vector<std::string_view>{"api[_|-]?key", "(?:x|y)z", "token"}));
  EXPECT_TRUE(GroupAlternatives("(?i)").empty());
  EXPECT_TRUE(GroupAlternatives("(a)?").empty());
}

TEST(KeyedGate, TakesBrandGapKeyQuoteBlanksOperator) {
  const KeyedGate g = Taken(
      R"((?i:acme[_.-]?cloud)[\w.-]{0,20}(?i:api[_-]?key|access[_-]?token|\bsecret)["']?\s{0,3}(?:[:=]|=>)\s{0,3}["']?(?P<secret>[0-9a-f]{32})\b)");
  EXPECT_EQ(g.brand, "(?i:acme[_.-]?cloud)");
  EXPECT_EQ(
      g.prefix,
      R"((?i:acme[_.-]?cloud)[\w.-]{0,20}(?i:api[_-]?key|access[_-]?token|\bsecret)["']?\s{0,3}(?:[:=]|=>))");
  EXPECT_EQ(g.words, (std::vector<std::string>{"key", "token", "secret"}));
}

TEST(KeyedGate, TakesTheOtherShapes) {
  // The brand holds the key; leading flags carried over.
  KeyedGate g = Taken(R"((?i)(?:acme_api_key|acme_token)\s*=\s*(?P<secret>[a-z0-9]{40}))");
  EXPECT_EQ(g.brand, "(?i)(?:acme_api_key|acme_token)");
  EXPECT_EQ(g.words, (std::vector<std::string>{"key", "token"}));
  // The key ends in a group; a lazy gap; class-written quote, blanks and operator.
  g = Taken(
      R"((?i:acme)[\w.-]{0,8}?(?i:x(?:key|secret))[\"']?[\t ]{0,3}(?:=>|:=|[:=>])(?P<secret>\w{20}))");
  EXPECT_EQ(g.words, (std::vector<std::string>{"key", "secret"}));
  // Anything on the line between the brand and the key; ranges in the gap.
  g = Taken(R"((?i:acme).{0,40}(?i:key|token)[:=]\s{0,3}(?P<secret>[A-Za-z0-9]{32}))");
  EXPECT_EQ(g.words, (std::vector<std::string>{"key", "token"}));
  g = Taken(R"((?i:acme)[A-Za-z0-9_.\-]{0,9}(?i:key)=(?P<secret>\w{20}))");
  EXPECT_EQ(g.words, (std::vector<std::string>{"key"}));
}

TEST(KeyedGate, RefusesWhatItCannotProve) {
  Refused(R"((?i:acme)[\w.-]{0,20}(?i:key)\s{0,3}[:= ]\s*(?P<secret>\w{20}))");  // space operator
  Refused(R"((?i:acme)[\w.-]{0,20}(?i:key)\s{0,3}[:=]?(?P<secret>\w{20}))");   // optional operator
  Refused(R"((?i:acme)[\w.-]{0,20}(?i:value)\s{0,3}[:=](?P<secret>\w{20}))");  // not a key word
  Refused(R"((?i:acme)[\w.-]{0,20}(?i:keys?)\s{0,3}[:=](?P<secret>\w{20}))");  // word under a
                                                                               // quantifier
  Refused(
      R"((?i:acme)[\w.-]{0,20}(?i:x(?:key|pat)?)\s{0,3}[:=](?P<secret>\w{20}))");  // optional group
  Refused(
      R"((?i:acme)[\w.-]{0,20}(?i:x(?:key|name))\s{0,3}[:=](?P<secret>\w{20}))");  // not a key word
  Refused(
      R"((?i:acme)[\w.-]{0,20}\s{0,3}[:=](?P<secret>\w{20}))");  // no key word before the operator
  Refused(R"((?i:acme_key)[\w.-]{0,20}\s{0,3}[:=](?P<secret>\w{20}))");  // characters after the key
  Refused(R"((?i:acme)(?i:token)[\w]{0,9}[:=](?P<secret>\w{20}))");      // characters after the key
  Refused(R"((?i:^acme)[\w.-]{0,20}(?i:key)[:=](?P<secret>\w{20}))");    // anchored brand
  Refused(R"((?s)(?i:acme).{0,20}(?i:key)[:=](?P<secret>\w{20}))");      // '.' crosses lines
  Refused(R"((?P<b>acme)(?i:key)[:=](?P<secret>\w{20}))");               // named brand
  Refused(R"((?i:acme)[^,]{0,20}(?i:key)[:=](?P<secret>\w{20}))");       // gap not identifiers
  Refused(R"(acme_key=(?P<secret>\w{20}))");                             // no brand group
  Refused(R"((?i:acme|key)|x[:=]\w)");                                   // top-level '|'
}

TEST(KeyedGate, AnchorIsTheWordsThenQuoteBlanksOperator) {
  EXPECT_EQ(KeyedGateAnchor({"token", "key", "token"}), R"((?i:key|token)["']?\s*[:=>])");
}

using Patterns = std::vector<std::pair<std::string, std::string>>;

std::unique_ptr<const Engine> EngineOf(const Patterns& patterns) {
  std::vector<Rule> rules;
  for (const auto& [id, pattern] : patterns) {
    Rule r;
    r.id = id;
    r.origin = "keyed_gate_test";
    r.pattern = pattern;
    r.severity = Severity::kHigh;
    rules.push_back(std::move(r));
  }
  Result<std::shared_ptr<const RuleSet>> set =
      RuleSet::Build(std::move(rules), RuleCache{"", false});
  EXPECT_TRUE(set.ok()) << set.status().message();
  if (!set.ok()) return nullptr;
  Result<std::unique_ptr<const Engine>> e = Engine::Create(*set, EngineOptions{"", false});
  EXPECT_TRUE(e.ok()) << e.status().message();
  return e.ok() ? std::move(e).value() : nullptr;
}

// Rules of every gate shape, and one that stays always-on.
std::unique_ptr<const Engine> GatedEngine() {
  return EngineOf({
      {"t.tight",
       R"((?i:\bacme[_.-]?cloud)[\w.-]{0,12}(?i:api[_-]?key|token)["']?\s{0,3}(?:[:=]|=>)\s{0,3}["']?(?P<secret>[0-9a-f]{16})\b)"},
      {"t.brand-key",
       R"((?i:zeta_secret|zeta_pass)\s{0,2}[:=]\s{0,2}(?P<secret>[A-Za-z0-9]{12,20}))"},
      {"t.lazy-gap",
       R"((?i:\bomega)[\w.-]{0,6}?(?i:token)["']?\s{0,2}(?:=>|:=|[:=>])\s{0,2}["']?(?P<secret>[A-Z0-9]{10}))"},
      {"t.line",
       R"((?i:delta).{0,10}(?i:key|password)["']?\s{0,2}[:=]\s{0,2}(?P<secret>[a-z]{8,12}))"},
      {"t.always-on", R"(plain_(?P<secret>[0-9a-f]{8}))"},
  });
}

// Text made of near-matches: each record strings together a brand, a gap, a
// key, a quote, blanks, an operator and a value, every part drawn from valid
// and invalid choices, with noise (often none) between records.
std::string GateCorpus(std::mt19937* rng, std::size_t size) {
  using Choices = std::vector<std::string>;
  const std::vector<Choices> parts = {
      {"acme", "ACME_cloud", "acme.cloud", "xacme", "zeta_secret", "ZETA_PASS", "zeta_pas", "omega",
       "Omega", "delta", "DELTA", "_", ""},
      {"", "", "_x", ".y-", "_prod_api", "abcdefghijklm", " ", "\n", "_v2"},
      {"api_key", "apikey", "token", "Token_", "TOKENS", "key", "password", "secret", "pass", "",
       "", ""},
      {"", "", "\"", "'", "x"},
      {"", " ", "  ", "\t", "\n", "\r\n", "   \n "},
      {":", "=", "=>", ":=", ">", ";", ""},
      {"", " ", "\"", "'"},
      {"0123456789abcdef", "deadbeefcafe0042", "ABCDEFGHIJ", "Q1W2E3R4T5", "abcdefghij",
       "qwertyuiopas", "Zz9Yy8Xx7Ww6", "12345", "plain_9f3a7c21", "kszsmvqpwa", "Q7XK2M9ZPA"}};
  const Choices noise = {"", "", "", "x", " ", "\n", "9", ";", ",", "/", "#", "ab cd", "\"", "_"};
  std::string out;
  auto pick = [&](const Choices& c) {
    return c[std::uniform_int_distribution<std::size_t>(0, c.size() - 1)(*rng)];
  };
  while (out.size() < size) {
    for (const Choices& c : parts) out += pick(c);
    out += pick(noise);
  }
  return out;
}

TEST(KeyedGate, GatedRulesFindExactlyWhatRe2AloneFinds) {
  std::unique_ptr<const Engine> engine = GatedEngine();
  ASSERT_NE(engine, nullptr);
  std::size_t gated = 0;
  for (const ContentRule& cr : engine->rules().content_rules()) gated += cr.gate_lookback > 0;
  EXPECT_EQ(gated, 4U) << "every t.* rule but t.always-on should be behind the gate";
  auto scratch = engine->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  std::mt19937 rng(20261206);
  std::vector<std::size_t> found(engine->rules().content_rules().size());
  for (int round = 0; round < 1500; ++round) {
    // Short buffers put matches at both ends; long ones, anchors close together.
    const std::string text =
        GateCorpus(&rng, round % 4 == 0 ? 20000U : 10U + static_cast<std::size_t>(round % 97));
    std::vector<RuleMatch> two_stage;
    std::vector<RuleMatch> reference;
    ASSERT_TRUE(engine->Scan(text, scratch->get(), &two_stage).ok());
    ScanWithRe2Only(engine->rules(), text, &reference);
    ASSERT_EQ(two_stage, reference) << "round " << round << ": " << text.substr(0, 200);
    for (const RuleMatch& m : reference) ++found[m.rule];
  }
  // The comparison means something only if every shape matched often.
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_GE(found[i], 20U) << engine->rules().content_rules()[i].rule->id;
  }
}

}  // namespace
}  // namespace ctxscan

namespace ctxscan {
namespace {

// \B at the start of a brand needs the byte before it: the brand scan starts
// one byte before the longest lookback. Here every match is exactly that long.
TEST(KeyedGate, BrandScanSeesTheByteBeforeTheLongestLookback) {
  std::unique_ptr<const Engine> engine =
      EngineOf({{"t.inner", R"((?i:\Bmega)(?:token)=(?P<secret>[A-Z0-9]{10}))"}});
  ASSERT_NE(engine, nullptr);
  ASSERT_GT(engine->rules().content_rules()[0].gate_lookback, 0U);
  auto scratch = engine->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  for (const std::string& text :
       {std::string("omegatoken=Q1W2E3R4T5"), std::string("x omegatoken=Q1W2E3R4T5 y"),
        std::string(" megatoken=Q1W2E3R4T5")}) {
    std::vector<RuleMatch> two_stage;
    std::vector<RuleMatch> reference;
    ASSERT_TRUE(engine->Scan(text, scratch->get(), &two_stage).ok());
    ScanWithRe2Only(engine->rules(), text, &reference);
    EXPECT_EQ(two_stage, reference) << text;
    EXPECT_EQ(reference.size(), text[0] == ' ' ? 0U : 1U) << text;
  }
}

}  // namespace
}  // namespace ctxscan
