// Pattern: Docker's match types and regexp translation, and the fast glob
// matcher checked against RE2 running the very regexp Docker would build.
#include "ctxscan/util/pattern.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>

namespace ctxscan {
namespace {

using Outcome = Pattern::Outcome;

bool Matches(const std::string& pattern, const std::string& path) {
  const Pattern p(pattern, false, 1);
  EXPECT_TRUE(p.error().empty()) << pattern << ": " << p.error();
  return p.Match(path) == Outcome::kMatch;
}

TEST(Pattern, MatchTypesFollowDocker) {
  EXPECT_EQ(Pattern("a/b", false, 1).type(), Pattern::Type::kExact);
  EXPECT_EQ(Pattern("a/**", false, 1).type(), Pattern::Type::kPrefix);
  EXPECT_EQ(Pattern("**/a", false, 1).type(), Pattern::Type::kSuffix);
  EXPECT_EQ(Pattern("**", false, 1).type(), Pattern::Type::kSuffix);
  EXPECT_EQ(Pattern("*.go", false, 1).type(), Pattern::Type::kRegexp);
  EXPECT_EQ(Pattern("a\\b", false, 1).type(), Pattern::Type::kRegexp);
  EXPECT_EQ(Pattern("*.go", false, 1).regexp(), "^[^/]*\\.go$");
  EXPECT_EQ(Pattern("a/**/b", false, 1).regexp(), "^a/(.*/)?b$");
}

TEST(Pattern, StarsAndClasses) {
  EXPECT_TRUE(Matches("*.go", "main.go"));
  EXPECT_FALSE(Matches("*.go", "cmd/main.go"));
  EXPECT_TRUE(Matches("**/*.go", "cmd/x/main.go"));
  EXPECT_TRUE(Matches("**/*.go", "main.go"));
  EXPECT_TRUE(Matches("a/**/b", "a/b"));
  EXPECT_TRUE(Matches("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(Matches("a?", "a/"));
  EXPECT_TRUE(Matches("a?", "a\xC3\xA9"));  // '?' is one rune, not one byte
  EXPECT_TRUE(Matches("[a-c]x", "bx"));
  EXPECT_FALSE(Matches("[^a-c]x", "bx"));
  EXPECT_TRUE(Matches("[^a-c]x", "\nx"));  // negated classes match newline, as in Go
  EXPECT_FALSE(Matches("x/**", "y/x"));
  EXPECT_TRUE(Matches("a\\*b", "a*b"));
}

TEST(Pattern, SuffixShortcutIsDockers) {
  // "**foo" is a suffix match in Docker, so it matches "afoo" although its
  // regexp ^(.*/)?foo$ would not.
  EXPECT_TRUE(Matches("**foo", "afoo"));
  EXPECT_TRUE(Matches("**/foo", "foo"));
  EXPECT_TRUE(Matches("**/foo", "a/foo"));
  EXPECT_FALSE(Matches("**/foo", "afoo"));
}

TEST(Pattern, TrailingDoubleStarDoesNotCrossNewline) {
  // ".*" in Go never matches '\n'.
  EXPECT_TRUE(Matches("a*/**", "ab/c"));
  EXPECT_FALSE(Matches("a*/**", "ab/c\nd"));
}

TEST(Pattern, InvalidRegexpFailsOnMatch) {
  const Pattern p("[z-a]", false, 3);
  EXPECT_FALSE(p.error().empty());
  EXPECT_EQ(p.Match("x"), Outcome::kBadPattern);
  EXPECT_EQ(Pattern("a\\C", false, 1).Match("x"), Outcome::kBadPattern);
  EXPECT_EQ(Pattern("a\\q", false, 1).Match("x"), Outcome::kBadPattern);
}

TEST(Pattern, RegexpEscapesBehaveAsInGo) {
  EXPECT_TRUE(Matches("a\\d", "a7"));  // \d is a digit class in Go's regexp
  EXPECT_TRUE(Matches("a\\_", "a_"));  // Go accepts "\_"; RE2 would not
  EXPECT_TRUE(Matches("a^b", "x") == false);
}

TEST(Pattern, InvalidUtf8IsMatchedRuneWise) {
  EXPECT_TRUE(Matches("a?b",
                      "a\xFF"
                      "b"));
  EXPECT_TRUE(Matches("\xC3\xA9?", "\xC3\xA9\xFF"));  // RE2 fallback path
}

// The fast matcher against RE2 on Docker's regexp, on random patterns built
// from the constructs the fast matcher handles, and random paths.
TEST(Pattern, GlobProgramAgreesWithRe2) {
  std::mt19937 rng(12345);
  const std::vector<std::string> atoms = {"a",    "b",    "/",     ".",   "*", "?", "**", "**/",
                                          "[ab]", "[^a]", "[a-c]", "\\*", "x", "]", "\\_"};
  const std::vector<std::string> path_atoms = {"a",  "b",        "/", ".", "x", "*",
                                               "\n", "\xC3\xA9", "c", "_", "]"};
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const int n = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int k = 0; k < n; ++k) text += pick(atoms);
    const Pattern p(text, false, 1);
    if (p.type() != Pattern::Type::kRegexp || !p.error().empty()) continue;
    RE2::Options options;
    options.set_log_errors(false);
    const RE2 re(p.regexp(), options);
    ASSERT_TRUE(re.ok()) << p.regexp();
    for (int j = 0; j < 40; ++j) {
      std::string path;
      const int m = std::uniform_int_distribution<int>(0, 7)(rng);
      for (int k = 0; k < m; ++k) path += pick(path_atoms);
      const bool want = RE2::FullMatch(path, re);
      EXPECT_EQ(want, p.Match(path) == Outcome::kMatch)
          << "pattern " << text << " regexp " << p.regexp() << " path " << path;
      ++compared;
    }
  }
  EXPECT_GT(compared, 50000);
}

}  // namespace
}  // namespace ctxscan
