// Rule loading (errors with file and line), the engine against RE2 alone, the
// database cache, and `rules check` on the default rule set.
#include <gtest/gtest.h>
#include <hs/hs.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule.h"
#include "ctxscan/match/rule_set.h"
#include "match/default_rules.h"
#include "match/rule_check.h"
#include "match/rule_codec.h"
#include "match/rule_regex_options.h"

namespace ctxscan {
namespace {

constexpr char kRule[] = R"(rules:
  - id: test.token
    name: Test token
    pattern: '\b(?P<secret>tok_[A-Za-z0-9]{20})\b'
    min_entropy: 3
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['x tok_FAKEa8d7f6g5h4j3k2l1 y', 'tok_FAKEz9y8x7w6v5u4t3s2']
    negative_examples: ['tok_aaaaaaaaaaaaaaaaaaaa']
)";

// kRule with the first `from` replaced by `to`.
std::string RuleWith(const std::string& from, const std::string& to) {
  std::string s = kRule;
  const std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return s;
  return s.substr(0, at) + to + s.substr(at + from.size());
}

TEST(RuleLoader, ParsesAValidFile) {
  Result<std::vector<Rule>> r = ParseRuleFile(kRule, "t.yaml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id, "test.token");
  EXPECT_EQ((*r)[0].origin, "t.yaml:2");
  EXPECT_EQ((*r)[0].severity, Severity::kHigh);
}

TEST(RuleLoader, ErrorsNameFileAndLine) {
  const std::string bad = RuleWith("severity: high", "severity: huge");
  Result<std::vector<Rule>> r = ParseRuleFile(bad, "t.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "t.yaml:6: rule test.token: severity must be critical, high, medium, low or info");
  r = ParseRuleFile("rules:\n  - id: a.b\n    nme: x\n", "u.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "u.yaml:3: rule a.b: unknown field \"nme\"");
  r = ParseRuleFile("rules: [\n", "v.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("v.yaml:", 0), 0u);
  // A key that is not a string (a list as a mapping key), at the top level
  // and in a rule: an error at its line, not an exception (found by
  // tests/fuzz/rules_fuzz.cc).
  r = ParseRuleFile("rules: []\n? [x]\n: y\n", "w.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("w.yaml:2: ", 0), 0u) << r.status().message();
  r = ParseRuleFile("rules:\n  - ? [x]\n    : y\n", "x.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("x.yaml:", 0), 0u) << r.status().message();
}

TEST(RuleLoader, NamesEveryMissingFieldAtOnce) {
  // name, severity and description gone: one message lists them all, in
  // the order the fields are documented, at the rule's line.
  std::string bad = kRule;
  for (const std::string line :
       {"    name: Test token\n", "    severity: high\n", "    description: d\n"}) {
    bad.erase(bad.find(line), line.size());
  }
  Result<std::vector<Rule>> r = ParseRuleFile(bad, "r.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "r.yaml:2: rule test.token: missing fields: name, severity, description");
  r = ParseRuleFile("rules:\n  - pattern: x\n", "s.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "s.yaml:2: missing fields: id, name, severity, category, description, remediation, "
            "examples, negative_examples");
  r = ParseRuleFile(RuleWith("    remediation: r\n", ""), "t.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "t.yaml:2: rule test.token: missing field: remediation");
}

TEST(RuleSet, RejectsUnboundedAndInvalidPatterns) {
  const std::string unbounded = RuleWith("{20}", "+");
  Result<std::vector<Rule>> r = ParseRuleFile(unbounded, "t.yaml");
  ASSERT_TRUE(r.ok());
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(r).value());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("t.yaml:2: rule test.token: pattern has no bound"),
            std::string::npos)
      << set.status().message();
  const std::string invalid = RuleWith("{20})", "{20}");  // unbalanced parenthesis
  r = ParseRuleFile(invalid, "t.yaml");
  ASSERT_TRUE(r.ok());
  set = RuleSet::Build(std::move(r).value());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message().rfind("t.yaml:2: rule test.token: ", 0), 0u);
}

std::shared_ptr<const RuleSet> Defaults() {
  Result<std::shared_ptr<const RuleSet>> set = LoadRuleSet(RuleSources{});
  EXPECT_TRUE(set.ok()) << set.status().message();
  return set.ok() ? *set : nullptr;
}

// The rule set a rule file's text makes (null, and the test failed, when it
// does not parse or build).
std::shared_ptr<const RuleSet> SetFromYaml(std::string_view yaml) {
  Result<std::vector<Rule>> rules = ParseRuleFile(yaml, "t.yaml");
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  if (!rules.ok()) return nullptr;
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(rules).value());
  EXPECT_TRUE(set.ok()) << set.status().message();
  return set.ok() ? *set : nullptr;
}

std::unique_ptr<const Engine> MakeEngine(std::shared_ptr<const RuleSet> set,
                                         const std::string& dir) {
  Result<std::unique_ptr<const Engine>> e =
      Engine::Create(std::move(set), EngineOptions{dir, true});
  EXPECT_TRUE(e.ok()) << e.status().message();
  return e.ok() ? std::move(e).value() : nullptr;
}

// A fresh directory under the test temp dir, removed when the program ends.
std::string TempDir(const std::string& name) {
  struct Cleanup {
    std::vector<std::string> dirs;
    ~Cleanup() {
      for (const std::string& d : dirs) {
        std::error_code ec;
        std::filesystem::remove_all(d, ec);
      }
    }
  };
  static Cleanup cleanup;
  const std::string dir =
      ::testing::TempDir() + "/ctxscan-" + name + "-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  cleanup.dirs.push_back(dir);
  return dir;
}

TEST(RuleCheck, DefaultRulesPassTheirExamples) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  auto engine = MakeEngine(set, TempDir("check"));
  ASSERT_NE(engine, nullptr);
  const RuleCheckReport report = CheckRules(*engine);
  for (const std::string& f : report.failures) ADD_FAILURE() << f;
  EXPECT_EQ(report.rules, set->rules().size());
  EXPECT_GE(report.examples, 2 * report.rules);
}

// Every default rule earns its place: a provider, where its format comes
// from (generic rules, which match by context and not by a provider's
// format, excepted), two examples and two negatives of its own, and a
// remediation.
TEST(RuleCheck, DefaultRulesAreComplete) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  std::size_t content = 0;
  for (const Rule& r : set->rules()) {
    if (!r.is_file_rule()) ++content;
    EXPECT_FALSE(r.provider.empty()) << r.id << ": no provider";
    if (!r.is_generic()) {
      EXPECT_FALSE(r.references.empty()) << r.id << ": no references";
    }
    EXPECT_GE(r.examples.size(), 2u) << r.id;
    EXPECT_GE(r.negative_examples.size(), 2u) << r.id;
    EXPECT_FALSE(r.remediation.empty()) << r.id;
  }
  EXPECT_GE(content, 800u);
}

// Two specific rules that find the same secret are listed as an overlap
// (once per pair); a generic rule finding it too is not.
TEST(RuleCheck, ReportsOverlapsBetweenSpecificRules) {
  std::string two = kRule;
  std::string second = kRule + std::string("rules:\n").size();
  second.replace(second.find("test.token"), 10, "test.other");
  two += second;
  std::string generic = kRule + std::string("rules:\n").size();
  generic.replace(generic.find("test.token"), 10, "generic.tok");
  generic.replace(generic.find("category: test"), 14, "category: generic");
  Result<std::vector<Rule>> parsed = ParseRuleFile(two + generic, "o.yaml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(parsed).value());
  ASSERT_TRUE(set.ok()) << set.status().message();
  auto engine = MakeEngine(*set, TempDir("overlap"));
  ASSERT_NE(engine, nullptr);
  const RuleCheckReport report = CheckRules(*engine);
  EXPECT_TRUE(report.failures.empty());
  ASSERT_EQ(report.overlaps.size(), 1u);
  EXPECT_EQ(report.overlaps[0], "rule test.token example 1 is also found by rule test.other");
}

// Builds a corpus of `bytes` of one flavour with examples of every rule
// planted at random places.
std::string Corpus(const RuleSet& set, int flavour, std::size_t bytes, std::mt19937* rng) {
  static const char* kWords[] = {
      "int", "return", "const", "password", "token",    "secret", "key",        "=",        ":",
      "\"",  "'",      "{",     "}",        "(",        ")",      ";",          "\n",       "  ",
      "api", "AKIA",   "ghp_",  "xoxb-",    "sk_live_", "eyJ",    "-----BEGIN", "https://", "user:",
      "@",   "/",      "_",     "-",        "0x1f",     "value"};
  std::string out;
  out.reserve(bytes + 4096);
  std::vector<const std::string*> plants;
  for (const Rule& r : set.rules()) {
    if (r.is_file_rule()) continue;
    for (const std::string& e : r.examples) plants.push_back(&e);
    for (const std::string& e : r.negative_examples) plants.push_back(&e);
  }
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> word(0, std::size(kWords) - 1);
  std::uniform_int_distribution<std::size_t> plant(0, plants.empty() ? 0 : plants.size() - 1);
  while (out.size() < bytes) {
    const int choice = std::uniform_int_distribution<int>(0, 99)(*rng);
    if (choice < 3 && !plants.empty()) {
      out += *plants[plant(*rng)];
    } else if (flavour == 0) {
      out.push_back(static_cast<char>(byte(*rng)));  // binary noise
    } else if (flavour == 1) {
      out.push_back(static_cast<char>(std::uniform_int_distribution<int>(32, 126)(*rng)));
    } else {
      out += kWords[word(*rng)];
      out.push_back(' ');
    }
  }
  return out;
}

TEST(Engine, FindsExactlyWhatRe2AloneFinds) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  auto engine = MakeEngine(set, TempDir("diff"));
  ASSERT_NE(engine, nullptr);
  auto scratch = engine->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  std::mt19937 rng(20261123);
  std::size_t compared = 0;
  for (int round = 0; round < 6; ++round) {
    const std::string corpus = Corpus(*set, round % 3, 400 * 1024, &rng);
    std::vector<RuleMatch> two_stage;
    std::vector<RuleMatch> reference;
    ASSERT_TRUE(engine->Scan(corpus, scratch->get(), &two_stage).ok());
    ScanWithRe2Only(*set, corpus, &reference);
    EXPECT_EQ(two_stage.size(), reference.size()) << "round " << round;
    // Report the first few matches only one side has.
    auto describe = [&](const RuleMatch& m) {
      std::string text = corpus.substr(m.start, std::min<std::size_t>(m.end - m.start, 80));
      for (char& c : text) c = (c >= 32 && c < 127) ? c : '.';
      return set->content_rules()[m.rule].rule->id + " @" + std::to_string(m.start) + "-" +
             std::to_string(m.end) + " [" + text + "]";
    };
    int shown = 0;
    for (const RuleMatch& m : reference) {
      if (shown < 5 && std::find(two_stage.begin(), two_stage.end(), m) == two_stage.end()) {
        ADD_FAILURE() << "round " << round << ": only RE2 finds " << describe(m);
        if (const char* dump = std::getenv("CTXSCAN_DUMP_MISS")) {
          std::ofstream(dump + std::to_string(shown), std::ios::binary)
              << corpus.substr(m.start > 2000 ? m.start - 2000 : 0, 4000);
        }
        ++shown;
      }
    }
    for (const RuleMatch& m : two_stage) {
      if (shown < 10 && std::find(reference.begin(), reference.end(), m) == reference.end()) {
        ADD_FAILURE() << "round " << round << ": only the engine finds " << describe(m);
        ++shown;
      }
    }
    compared += reference.size();
  }
  EXPECT_GT(compared, 100u);  // the planted examples were found
}

// FindLeftmost replaces RE2's own unanchored search (whose reverse pass is
// slow on long ambiguous repeats); it must return the very match RE2 does,
// groups included, for every rule on its examples and negatives placed in
// different surroundings, and on a window cut inside a line.
TEST(Engine, FindLeftmostIsRe2sUnanchoredSearch) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  std::size_t compared = 0;
  std::size_t with_start = 0;
  for (const ContentRule& cr : set->content_rules()) {
    const RE2& re = cr.re->get();
    const RE2* start_re = cr.start ? &cr.start->get() : nullptr;
    if (start_re != nullptr) {
      ASSERT_TRUE(start_re->ok()) << cr.rule->id << ": " << start_re->pattern();
      ++with_start;
    }
    std::vector<const RE2*> starts = {nullptr};
    if (start_re != nullptr) starts.push_back(start_re);
    const int n = std::min(re.NumberOfCapturingGroups() + 1, 8);
    std::vector<std::string> texts;
    for (const auto* list : {&cr.rule->examples, &cr.rule->negative_examples}) {
      for (const std::string& e : *list) {
        for (const char* around : {"", " ", "x", "\n= ", "key: \"", "a\nb\n"}) {
          texts.push_back(around + e + around);
          texts.push_back(e + "\n" + e);
        }
      }
    }
    for (const std::string& text : texts) {
      for (std::uint64_t from : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{3}}) {
        if (from > text.size()) continue;
        re2::StringPiece want[8];
        re2::StringPiece got[8];
        const bool expected = re.Match(text, from, text.size(), RE2::UNANCHORED, want, n);
        // Every offset tried, and only those where the rule's start matches.
        for (const RE2* start : starts) {
          ASSERT_EQ(FindLeftmost(re, start, text, from, text.size(), got, n), expected)
              << cr.rule->id << " on [" << text << "] from " << from;
          for (int g = 0; expected && g < n; ++g) {
            EXPECT_EQ(got[g].data(), want[g].data()) << cr.rule->id << " group " << g;
            EXPECT_EQ(got[g].size(), want[g].size()) << cr.rule->id << " group " << g;
          }
        }
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 10000u);
  EXPECT_GT(with_start, 300u);
}

// The start of a pattern: its first items up to the first that must match
// some text; nothing when that would be the whole pattern.
TEST(Engine, StartPatternIsTheFirstItemThatMustMatch) {
  EXPECT_EQ(StartPattern("(?i)abc[0-9]+"), "(?i)a");
  EXPECT_EQ(StartPattern("(?m)\\b(?:key|token)\\s*=\\s*(?P<secret>[a-z]{8})"),
            "(?m)\\b(?:key|token)");
  EXPECT_EQ(StartPattern("^x?(?i)y*(?:ab)z"), "^x?(?i)y*(?:ab)");
  EXPECT_EQ(StartPattern("a{0,3}[bc]{2}d"), "a{0,3}[bc]{2}");
  EXPECT_EQ(StartPattern("\\?x"), "\\?");  // an escaped '?' is a literal
  EXPECT_EQ(StartPattern("(?P<secret>abc)"), "");
  EXPECT_EQ(StartPattern("\\b(?P<secret>abc)\\b"), "\\b(?P<secret>abc)");
  EXPECT_EQ(StartPattern("a|b"), "");  // no clean top-level split
  EXPECT_EQ(StartPattern("x*y?"), "");
}

// Vectorscan 5.4.9 was seen to miss literals at some positions near the end
// of a buffer (e.g. a 96-byte block). Every example of every rule, shifted by
// 0..160 bytes of filler, must be found exactly when RE2 alone finds it.
TEST(Engine, FindsExamplesAtEveryOffset) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  auto engine = MakeEngine(set, TempDir("offsets"));
  ASSERT_NE(engine, nullptr);
  auto scratch = engine->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  std::vector<RuleMatch> two_stage;
  int misses = 0;
  std::size_t checked = 0;
  for (std::uint32_t i = 0; i < set->content_rules().size(); ++i) {
    const Rule& rule = *set->content_rules()[i].rule;
    for (int pad = 0; pad <= 160; ++pad) {
      const std::string data =
          std::string(static_cast<std::size_t>(pad), '#') + " " + rule.examples[0];
      std::uint64_t pos = 0;
      std::vector<RuleMatch> reference;
      ASSERT_TRUE(ConfirmRule(*set, i, data, data.size(), &pos, &reference).ok());
      ASSERT_TRUE(engine->Scan(data, scratch->get(), &two_stage).ok());
      const bool found = std::any_of(two_stage.begin(), two_stage.end(),
                                     [&](const RuleMatch& m) { return m.rule == i; });
      ++checked;
      if (found != !reference.empty() && ++misses <= 5) {
        ADD_FAILURE() << rule.id << " with " << pad << " bytes of filler (" << data.size()
                      << " bytes): engine " << found << ", RE2 " << !reference.empty();
      }
    }
  }
  EXPECT_EQ(misses, 0);
  EXPECT_GT(checked, 40000u);
}

TEST(Engine, CacheIsUsedAndCorruptEntriesAreRebuilt) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  const std::string dir = TempDir("cache");
  auto first = MakeEngine(set, dir);
  ASSERT_NE(first, nullptr);
  EXPECT_FALSE(first->stats().from_cache);
  auto second = MakeEngine(set, dir);
  ASSERT_NE(second, nullptr);
  EXPECT_TRUE(second->stats().from_cache);
  // Corrupt every cache entry: the next run must notice, compile and work.
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(std::filesystem::status(e.path()).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-100, std::ios::end);
    f.write("garbage!", 8);
  }
  auto third = MakeEngine(set, dir);
  ASSERT_NE(third, nullptr);
  EXPECT_FALSE(third->stats().from_cache);
  auto scratch = third->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  std::vector<RuleMatch> m;
  EXPECT_TRUE(
      third->Scan("GITHUB_TOKEN=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", scratch->get(), &m)
          .ok());
  EXPECT_TRUE(std::any_of(m.begin(), m.end(), [&](const RuleMatch& x) {
    return set->content_rules()[x.rule].rule->id == "github.pat-classic";
  }));
  // An unwritable cache location still works: it just compiles.
  auto fourth = MakeEngine(set, "/proc/ctxscan-no-cache");
  ASSERT_NE(fourth, nullptr);
  EXPECT_FALSE(fourth->stats().from_cache);
}

// Hyperscan compiles for the CPU it runs on, and a database built for
// features this CPU lacks fails when its scratch space is allocated. A cache
// shared between machines (a home directory on NFS, a CI cache, a volume)
// must therefore name the CPU its databases were built for, and a database
// cached for another CPU is rebuilt, never used.
TEST(Engine, ADatabaseCachedForAnotherCpuIsRebuilt) {
  const std::shared_ptr<const RuleSet> set = SetFromYaml(R"(rules:
  - id: test.cpu
    name: A token
    pattern: 'cpu_(?P<secret>[A-Za-z0-9]{20})'
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['cpu_a1B2c3D4e5F6g7H8i9J0', 'k=cpu_Z9y8X7w6V5u4T3s2R1q0']
    negative_examples: ['cpu_short']
)");
  ASSERT_NE(set, nullptr);
  const std::string dir = TempDir("cpu");
  ASSERT_FALSE(MakeEngine(set, dir)->stats().from_cache);
  ASSERT_TRUE(MakeEngine(set, dir)->stats().from_cache);
  hs_platform_info_t here{};
  ASSERT_EQ(hs_populate_platform(&here), HS_SUCCESS);
  const std::string line = "platform tune " + std::to_string(here.tune) + " features " +
                           std::to_string(here.cpu_features) + "\n";
  std::size_t changed = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".hsdb") continue;
    std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const std::size_t at = bytes.find(line);
    ASSERT_NE(at, std::string::npos) << e.path() << " does not name the CPU it was built for";
    // The same length, another CPU: its last feature digit changed.
    const std::size_t digit = at + line.size() - 2;
    f.seekp(static_cast<std::streamoff>(digit));
    f.put(bytes[digit] == '0' ? '1' : '0');
    ++changed;
  }
  ASSERT_GT(changed, 0u);
  std::unique_ptr<const Engine> engine = MakeEngine(set, dir);
  ASSERT_NE(engine, nullptr);
  EXPECT_FALSE(engine->stats().from_cache);
  Result<std::unique_ptr<Engine::Scratch>> scratch = engine->MakeScratch();
  ASSERT_TRUE(scratch.ok()) << scratch.status().message();
  std::vector<RuleMatch> m;
  ASSERT_TRUE(engine->Scan("x cpu_a1B2c3D4e5F6g7H8i9J0 y", scratch->get(), &m).ok());
  EXPECT_EQ(m.size(), 1u);
}

// A custom rule may put its secret in any capture group: the tenth used to
// be read past the end of a fixed array of eight (a crash).
TEST(Engine, TheSecretMayBeAnyCaptureGroup) {
  const std::shared_ptr<const RuleSet> set = SetFromYaml(R"(rules:
  - id: test.groups
    name: Secret in the twelfth group
    pattern: 'x(a?)(a?)(a?)(a?)(a?)(a?)(a?)(a?)(a?)(a?)(a?)(?P<secret>[0-9]{12})'
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['xaa480195273664', 'x987654321098']
    negative_examples: ['x12345']
)");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->content_rules()[0].secret_group, 12);
  std::unique_ptr<const Engine> engine = MakeEngine(set, TempDir("groups"));
  ASSERT_NE(engine, nullptr);
  Result<std::unique_ptr<Engine::Scratch>> scratch = engine->MakeScratch();
  ASSERT_TRUE(scratch.ok());
  const std::string text = "id: xaa480195273664 end";
  std::vector<RuleMatch> found;
  ASSERT_TRUE(engine->Scan(text, scratch->get(), &found).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].secret_start, found[0].secret_end - found[0].secret_start),
            "480195273664");
}

// The default rules, parsed from the embedded YAML (not from any cache).
std::vector<Rule> ParsedDefaults() {
  std::vector<Rule> all;
  for (const EmbeddedRuleFile& f : DefaultRuleFiles()) {
    Result<std::vector<Rule>> r = ParseRuleFile(f.content, f.name);
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (r.ok()) all.insert(all.end(), r->begin(), r->end());
  }
  return all;
}

TEST(RuleCodec, EveryFieldOfEveryDefaultRuleSurvivesARoundTrip) {
  const std::vector<Rule> rules = ParsedDefaults();
  ASSERT_GT(rules.size(), 900u);
  const std::optional<std::vector<Rule>> back = DecodeRules(EncodeRules(rules));
  ASSERT_TRUE(back.has_value());
  ASSERT_EQ(back->size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) EXPECT_TRUE((*back)[i] == rules[i]) << rules[i].id;
  // A rule with every field away from its default.
  Rule r;
  r.id = "a.b";
  r.name = "n";
  r.pattern = "p";
  r.prefilter = "q";
  r.paths = {"x", "y"};
  r.requires_content = "c.";
  r.content_decides = true;
  r.signature = "s";
  r.signature_decides = true;
  r.signature_alone = false;
  r.content_examples = {std::string("\0\xff", 2)};
  r.content_negatives = {"n"};
  r.not_after = {"na"};
  r.keywords = {"k"};
  r.min_entropy = 3.25;
  r.min_value_score = 4.5;
  r.entropy_lowers = true;
  r.weak_passwords = true;
  r.validate = "jwt";
  r.canonical_lengths = {{40, 40}, {100, 115}};
  r.placeholders = false;
  r.severity = Severity::kCritical;
  r.confidence = Confidence::kLow;
  r.category = "cat";
  r.description = "d";
  r.remediation = "rem";
  r.provider = "prov";
  r.references = {"ref"};
  r.examples = {"e1", "e2"};
  r.negative_examples = {"ne"};
  r.low_examples = {"le"};
  r.origin = "o.yaml:1";
  const std::optional<std::vector<Rule>> one = DecodeRules(EncodeRules({r}));
  ASSERT_TRUE(one.has_value());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_TRUE((*one)[0] == r);
}

TEST(RuleCodec, DamagedInputIsRefused) {
  const std::string data = EncodeRules(ParsedDefaults());
  for (std::size_t n = 0; n < data.size(); n += 4099) {
    EXPECT_FALSE(DecodeRules(std::string_view(data).substr(0, n)).has_value()) << n;
  }
  EXPECT_FALSE(DecodeRules(data + "x").has_value());
  EXPECT_FALSE(DecodeRules("").has_value());
}

TEST(RuleCodec, DefaultRulesFromTheCacheEqualTheParsedOnes) {
  const std::string dir = TempDir("rules-cache");
  const char* old = std::getenv("XDG_CACHE_HOME");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("XDG_CACHE_HOME", dir.c_str(), 1);
  Result<std::vector<Rule>> first = LoadDefaultRules();   // parses, writes the cache
  Result<std::vector<Rule>> second = LoadDefaultRules();  // decodes it
  if (old != nullptr) {
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_CACHE_HOME");
  }
  ASSERT_TRUE(first.ok() && second.ok());
  bool cached = false;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/ctxscan")) {
    cached = cached || e.path().extension() == ".rules";
  }
  EXPECT_TRUE(cached);
  EXPECT_TRUE(*first == ParsedDefaults());
  EXPECT_TRUE(*second == *first);
}

TEST(RuleSet, RequiredPathEndingIsTheLiteralTail) {
  EXPECT_EQ(RequiredPathEnding("**/*.pem"), ".pem");
  EXPECT_EQ(RequiredPathEnding("**/.env.*.local"), ".local");
  EXPECT_EQ(RequiredPathEnding("**/id_rsa"), "id_rsa");
  EXPECT_EQ(RequiredPathEnding("**/.git/HEAD"), "HEAD");
  EXPECT_EQ(RequiredPathEnding("**/legacy_credentials/**"), "");
  EXPECT_EQ(RequiredPathEnding("**/key[12]"), "");
  EXPECT_EQ(RequiredPathEnding("**/a\\*b"), "b");
  EXPECT_EQ(RequiredPathEnding("secrets"), "secrets");
  // Sound on the default file rules: every path a pattern matches, among
  // the rules' examples and variants of them, ends with its ending.
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  int checked = 0;
  for (const FileRule& fr : set->file_rules()) {
    for (const std::string& example : fr.rule->examples) {
      for (const std::string& path : {example, "a/b/" + example, example + "x"}) {
        for (std::size_t i = 0; i < fr.paths.size(); ++i) {
          if (fr.paths[i].Match(path) != Pattern::Outcome::kMatch) continue;
          ++checked;
          EXPECT_TRUE(path.ends_with(fr.path_endings[i])) << fr.paths[i].text() << " " << path;
        }
      }
    }
  }
  EXPECT_GT(checked, 50);
}

// MatchPaths tries only the patterns its index picks: its answer must be
// what trying every pattern of every file rule gives, on the rules'
// examples, variants of them and paths that end in every byte.
TEST(RuleSet, MatchPathsIsEveryPatternTried) {
  auto set = Defaults();
  ASSERT_NE(set, nullptr);
  std::vector<std::string> paths = {"", "a", "/", "x/", ".env", "deep/dir/.git/HEAD"};
  for (const FileRule& fr : set->file_rules()) {
    for (const std::string& example : fr.rule->examples) {
      for (const std::string& p : {example, "a/b/" + example, example + "x", example + "/y",
                                   example.substr(0, example.size() / 2)}) {
        paths.push_back(p);
      }
    }
  }
  for (int b = 1; b < 256; ++b) paths.push_back("dir/file" + std::string(1, static_cast<char>(b)));
  int named = 0;
  for (const std::string& path : paths) {
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < set->file_rules().size(); ++i) {
      const FileRule& fr = set->file_rules()[i];
      if (std::any_of(fr.paths.begin(), fr.paths.end(), [&](const Pattern& p) {
            return p.Match(path) == Pattern::Outcome::kMatch;
          })) {
        want.push_back(i);
      }
    }
    std::vector<std::uint32_t> got = {7777};  // MatchPaths appends
    set->MatchPaths(path, &got);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got[0], 7777u);
    got.erase(got.begin());
    EXPECT_EQ(got, want) << path;
    named += want.empty() ? 0 : 1;
  }
  EXPECT_GT(named, 100);
}

// The rule set caches Hyperscan's and RE2's analysis of its patterns: a
// cached build must equal a fresh one, compile its regexes on demand, and a
// corrupt or foreign widths file must be noticed and rewritten.
TEST(RuleSet, WidthCacheMatchesAFreshAnalysis) {
  Result<std::vector<Rule>> rules = LoadDefaultRules();
  ASSERT_TRUE(rules.ok());
  const std::string dir = TempDir("widths");
  Result<std::shared_ptr<const RuleSet>> fresh = RuleSet::Build(*rules, RuleCache{"", false});
  Result<std::shared_ptr<const RuleSet>> writes = RuleSet::Build(*rules, RuleCache{dir, true});
  Result<std::shared_ptr<const RuleSet>> reads = RuleSet::Build(*rules, RuleCache{dir, true});
  ASSERT_TRUE(fresh.ok() && writes.ok() && reads.ok());
  const std::string path = dir + "/" + (*fresh)->digest() + ".widths";
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto same = [&](const RuleSet& a, const RuleSet& b) {
    ASSERT_EQ(a.content_rules().size(), b.content_rules().size());
    for (std::size_t i = 0; i < a.content_rules().size(); ++i) {
      const ContentRule& x = a.content_rules()[i];
      const ContentRule& y = b.content_rules()[i];
      EXPECT_EQ(x.max_width, y.max_width) << x.rule->id;
      EXPECT_EQ(x.secret_group, y.secret_group) << x.rule->id;
      EXPECT_EQ(x.approximate, y.approximate) << x.rule->id;
      EXPECT_EQ(x.prefilter_pattern, y.prefilter_pattern) << x.rule->id;
      EXPECT_TRUE(y.re->get().ok()) << x.rule->id;
      EXPECT_EQ(y.re->get().pattern(), x.rule->pattern);
    }
  };
  same(**fresh, **reads);
  // Every rule's examples are found by RE2 alone in the cached set, whose
  // regexes were compiled only now, on demand.
  for (std::size_t i = 0; i < (*reads)->content_rules().size(); ++i) {
    const ContentRule& cr = (*reads)->content_rules()[i];
    std::vector<RuleMatch> found;
    std::uint64_t pos = 0;
    ASSERT_TRUE(ConfirmRule(**reads, static_cast<std::uint32_t>(i), cr.rule->examples[0],
                            cr.rule->examples[0].size(), &pos, &found)
                    .ok());
    EXPECT_FALSE(found.empty()) << cr.rule->id;
  }
  // Damage the file: every line says width 1. A fresh analysis must win.
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-20, std::ios::end);
    f.write("0 1 1 1 0\n", 10);
  }
  Result<std::shared_ptr<const RuleSet>> rebuilt = RuleSet::Build(*rules, RuleCache{dir, true});
  ASSERT_TRUE(rebuilt.ok());
  same(**fresh, **rebuilt);
  // A file made for another rule set (here: one rule fewer) is not used.
  std::vector<Rule> fewer(rules->begin() + 1, rules->end());
  Result<std::shared_ptr<const RuleSet>> other = RuleSet::Build(fewer, RuleCache{dir, true});
  ASSERT_TRUE(other.ok());
  std::filesystem::copy_file(dir + "/" + (*other)->digest() + ".widths", path,
                             std::filesystem::copy_options::overwrite_existing);
  Result<std::shared_ptr<const RuleSet>> foreign = RuleSet::Build(*rules, RuleCache{dir, true});
  ASSERT_TRUE(foreign.ok());
  same(**fresh, **foreign);
}

}  // namespace
}  // namespace ctxscan
