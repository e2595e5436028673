// The prefilter-suffix check: sound splits are accepted with the pattern's
// leading flags carried over; every kind of unsound split is refused; and a
// rule with a suffix still finds what RE2 alone finds.
#include "match/prefilter_suffix.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"

namespace ctxscan {
namespace {

std::string Accepted(const std::string& pattern, const std::string& suffix) {
  Result<std::string> r = PrefilterFromSuffix(pattern, suffix);
  EXPECT_TRUE(r.ok()) << pattern << " / " << suffix << ": " << r.status().message();
  return r.ok() ? *r : "";
}

std::string Refusal(const std::string& pattern, const std::string& suffix) {
  Result<std::string> r = PrefilterFromSuffix(pattern, suffix);
  EXPECT_FALSE(r.ok()) << pattern << " / " << suffix << " was accepted as " << *r;
  return r.ok() ? "" : r.status().message();
}

TEST(PrefilterSuffix, CarriesLeadingFlags) {
  EXPECT_EQ(Accepted("(?i)host=[^;]{1,80};pwd=(?P<secret>\\w{6,9})", ";pwd=(?P<secret>\\w{6,9})"),
            "(?i);pwd=(?P<secret>\\w{6,9})");
  EXPECT_EQ(Accepted("(?m)(?s)a{2}b", "b"), "(?m)(?s)b");
  EXPECT_EQ(Accepted("abc", "c"), "c");
}

TEST(PrefilterSuffix, SkipsClassesEscapesAndScopedGroups) {
  // '|' and parentheses inside classes, escaped, or in a closed group are fine.
  EXPECT_EQ(Accepted("[|(]x;y", ";y"), ";y");
  EXPECT_EQ(Accepted("[]|]x;y", ";y"), ";y");
  EXPECT_EQ(Accepted("[^]|(]x;y", ";y"), ";y");
  EXPECT_EQ(Accepted("[[:alpha:]|]x;y", ";y"), ";y");
  EXPECT_EQ(Accepted("\\(\\|x;y", ";y"), ";y");
  EXPECT_EQ(Accepted("(?:a|b)(?i:c|d);y", ";y"), ";y");
  EXPECT_EQ(Accepted("(?P<k>a|b)=(?P<secret>v)", "=(?P<secret>v)"), "=(?P<secret>v)");
}

TEST(PrefilterSuffix, RefusesUnsoundSplits) {
  EXPECT_NE(Refusal("abc", "x").find("not a suffix"), std::string::npos);
  EXPECT_NE(Refusal("(?i)abc", "abc").find("whole pattern"), std::string::npos);
  EXPECT_NE(Refusal("abc", "").find("empty"), std::string::npos);
  // Not every match ends with ";c": "a" alone matches a|b;c.
  EXPECT_NE(Refusal("a|b;c", ";c").find("alternation"), std::string::npos);
  EXPECT_NE(Refusal("(ab;c)", ";c)").find("splits a group"), std::string::npos);
  EXPECT_NE(Refusal("a(b;c)", "c)").find("splits a group"), std::string::npos);
  EXPECT_NE(Refusal("ab+c", "+c").find("repetition"), std::string::npos);
  EXPECT_NE(Refusal("ab{2}c", "{2}c").find("repetition"), std::string::npos);
  EXPECT_NE(Refusal("ab?c", "?c").find("repetition"), std::string::npos);
  // (?i) in the middle makes the suffix case-insensitive; alone it is not.
  EXPECT_NE(Refusal("a(?i)bc", "bc").find("sets flags"), std::string::npos);
  EXPECT_NE(Refusal("a\\;b", ";b").find("splits an escape"), std::string::npos);
  EXPECT_NE(Refusal("a[;b", ";b").find("unclosed"), std::string::npos);
  EXPECT_NE(Refusal("a\\Q;b", ";b").find("\\Q"), std::string::npos);
}

// The property that makes the split exact: wherever the whole pattern
// matches, the suffix alone matches ending at the same offset. Checked with
// RE2 on random text for accepted splits of a few shapes.
TEST(PrefilterSuffix, EveryMatchEndsWithASuffixMatch) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"(?i)(?:user|host)=[a-z;]{1,8};p=(?P<secret>[a-z]{2,4})", ";p=(?P<secret>[a-z]{2,4})"},
      {"\\b(?:ab|a)b{0,2};\\b[a-c]{2}", ";\\b[a-c]{2}"},
      {"(?m)^x{1,3}y$", "y$"},
  };
  std::mt19937 rng(7);
  // Random text made of pieces of the patterns, so that matches are common.
  const std::vector<std::string> pieces = {"user", "HOST", "=",  ";", "p=", "ab",  "a", "b",
                                           "c",    "x",    "xx", "y", "\n", ";p=", "z", " "};
  for (const auto& [pattern, suffix] : cases) {
    const std::string pf = Accepted(pattern, suffix);
    RE2 whole(pattern, RE2::Latin1);
    RE2 tail("(?:" + pf + ")\\z", RE2::Latin1);  // the suffix, ending exactly at the end
    ASSERT_TRUE(whole.ok() && tail.ok()) << pattern;
    int matches = 0;
    for (int round = 0; round < 200000; ++round) {
      std::string text;
      const int n = static_cast<int>(rng() % 12);
      for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
      re2::StringPiece m;
      re2::StringPiece input(text);
      std::size_t pos = 0;
      while (pos <= text.size() && whole.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
        ++matches;
        const std::size_t end = static_cast<std::size_t>(m.data() - text.data()) + m.size();
        // A suffix match ends at `end`: search text[0, end) for one ending at
        // its end. (The text is cut rather than given an endpos, because RE2
        // reads \z and $ against the whole text.)
        EXPECT_TRUE(RE2::PartialMatch(re2::StringPiece(text.data(), end), tail))
            << pattern << " on \"" << text << "\" ending at " << end;
        pos = static_cast<std::size_t>(m.data() - text.data()) + (m.empty() ? 1 : m.size());
      }
    }
    EXPECT_GT(matches, 50) << pattern << ": too few matches to test anything";
  }
}

TEST(PrefilterSuffix, RuleSetChecksTheSuffixAndTheEngineUsesIt) {
  const char* kRules = R"(rules:
  - id: test.dsn
    name: DSN password
    pattern: '(?i)(?:server|host)=[^;\r\n]{1,100};\s{0,2}pwd=(?P<secret>[A-Za-z0-9]{8,32})'
    prefilter: ';\s{0,2}pwd=(?P<secret>[A-Za-z0-9]{8,32})'
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['Server=db;PWD=FAKEq7vLp2mW', 'host=a b;pwd=FAKEz9y8x7w6']
    negative_examples: ['uid=a;pwd=FAKEq7vLp2mW']
)";
  Result<std::vector<Rule>> rules = ParseRuleFile(kRules, "t.yaml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(*rules);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ((*set)->content_rules()[0].prefilter_pattern,
            "(?i);\\s{0,2}pwd=(?P<secret>[A-Za-z0-9]{8,32})");
  Result<std::unique_ptr<const Engine>> engine = Engine::Create(*set, EngineOptions{"", false});
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  auto scratch = (*engine)->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  const std::string text = "x Server=db;PWD=FAKEq7vLp2mW\nuid=a;pwd=FAKEq7vLp2mW\n" +
                           std::string(300, 'y') + "host=a b;pwd=FAKEz9y8x7w6 end";
  std::vector<RuleMatch> got;
  std::vector<RuleMatch> want;
  ASSERT_TRUE((*engine)->Scan(text, scratch->get(), &got).ok());
  ScanWithRe2Only(**set, text, &want);
  EXPECT_EQ(got, want);
  EXPECT_EQ(got.size(), 2u);

  // An unsound suffix is an error naming the rule's file and line.
  (*rules)[0].prefilter = "(?P<secret>[A-Za-z0-9]{8,32})";
  (*rules)[0].pattern = "(?i)server=x|host=(?P<secret>[A-Za-z0-9]{8,32})";
  Result<std::shared_ptr<const RuleSet>> bad = RuleSet::Build(*rules);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("t.yaml:2: rule test.dsn: ", 0), 0u)
      << bad.status().message();
  // A suffix that can match nothing at all is refused too.
  (*rules)[0].pattern = "(?i)server=[a-z]{1,9}x?";
  (*rules)[0].prefilter = "x?";
  bad = RuleSet::Build(*rules);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("empty string"), std::string::npos)
      << bad.status().message();
  // And a file rule cannot have one.
  EXPECT_FALSE(ParseRuleFile("rules:\n  - id: a.b\n    name: n\n    path: ['x']\n"
                             "    prefilter: 'x'\n    severity: low\n    category: c\n"
                             "    description: d\n    remediation: r\n"
                             "    examples: [a, b]\n    negative_examples: [c]\n",
                             "f.yaml")
                   .ok());
}

}  // namespace
}  // namespace ctxscan
