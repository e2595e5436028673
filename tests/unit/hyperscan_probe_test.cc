// Tests for the engine's probe of Hyperscan (src/match/hyperscan_probe.h):
// a rule whose matches the installed Hyperscan misses must still be found,
// wherever its match is in the text. Vectorscan 5.4.9 on AVX-512 machines
// misses every match after the first 64 bytes of a pattern that starts with
// one literal byte followed by a class (`q[a-z]{20}`), alone or among the
// default rules; on other machines the probe finds nothing and these tests
// check that the engine finds the token anyway.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "engine_from_yaml.h"

namespace ctxscan {
namespace {

constexpr std::string_view kRule = R"(rules:
  - id: test.one-byte-prefix
    name: Token with a one-letter prefix
    pattern: '\b(?P<secret>q[a-z0-9]{20})\b'
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['qa8d7f6g5h4j3k2l1z9y8', 'x = qz9y8x7w6v5u4t3s2r1q0']
    negative_examples: ['qshort']
)";

constexpr std::string_view kToken = "qa8d7f6g5h4j3k2l1z9y8";

// The offsets (0 to 299) at which `engine` does not find kToken after that
// many bytes of text.
std::vector<int> Misses(const Engine& engine) {
  std::unique_ptr<Engine::Scratch> scratch = std::move(engine.MakeScratch()).value();
  std::vector<int> missed;
  for (int n = 0; n < 300; ++n) {
    std::string text(static_cast<std::size_t>(n), 'y');
    text += " " + std::string(kToken) + "\n";
    std::vector<RuleMatch> out;
    EXPECT_TRUE(engine.Scan(text, scratch.get(), &out).ok());
    bool found = false;
    for (const RuleMatch& m : out) {
      found = found || (engine.rules().content_rules()[m.rule].rule->id == "test.one-byte-prefix" &&
                        m.secret_start == static_cast<std::uint64_t>(n) + 1);
    }
    if (!found) missed.push_back(n);
  }
  return missed;
}

TEST(HyperscanProbeTest, ARuleAloneIsFoundAtEveryOffset) {
  std::unique_ptr<const Engine> engine = EngineFromYaml(kRule);
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Misses(*engine), std::vector<int>{});
}

TEST(HyperscanProbeTest, ARuleBesideTheDefaultsIsFoundAtEveryOffset) {
  Result<std::vector<Rule>> rules = LoadDefaultRules();
  ASSERT_TRUE(rules.ok());
  Result<std::vector<Rule>> custom = ParseRuleFile(kRule, "custom.yaml");
  ASSERT_TRUE(custom.ok()) << custom.status().message();
  rules->push_back(custom->front());
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(rules).value());
  ASSERT_TRUE(set.ok()) << set.status().message();
  Result<std::unique_ptr<const Engine>> engine = Engine::Create(*set, EngineOptions{"", false});
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_EQ(Misses(**engine), std::vector<int>{});
}

TEST(HyperscanProbeTest, TheVerdictIsCachedBesideTheDatabase) {
  const std::string dir = ::testing::TempDir() + "/ctxscan-probe-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  Result<std::vector<Rule>> rules = ParseRuleFile(kRule, "custom.yaml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(rules).value());
  ASSERT_TRUE(set.ok());
  Result<std::unique_ptr<const Engine>> first = Engine::Create(*set, EngineOptions{dir, true});
  ASSERT_TRUE(first.ok()) << first.status().message();
  const std::string path = dir + "/" + (*set)->digest() + ".probe";
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0) << path;
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<std::unique_ptr<const Engine>> second = Engine::Create(*set, EngineOptions{dir, true});
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE((*second)->stats().from_cache);
  EXPECT_EQ((*second)->stats().untrusted_rules, (*first)->stats().untrusted_rules);
  EXPECT_EQ(Misses(**second), std::vector<int>{});
  // A cache file changed after it was written (its checksum no longer
  // holds) is not trusted: probed again.
  {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes << "99,";
  }
  Result<std::unique_ptr<const Engine>> third = Engine::Create(*set, EngineOptions{dir, true});
  ASSERT_TRUE(third.ok());
  EXPECT_EQ((*third)->stats().untrusted_rules, (*first)->stats().untrusted_rules);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ctxscan
