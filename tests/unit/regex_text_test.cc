// Tests for the tokenizer of src/match/regex_text.h that the rewrites of
// pattern text share (hyperscan_dialect.h, prefilter_suffix.h, keyed_gate.h);
// its other functions are covered through tests/unit/keyed_gate_test.cc.
#include "match/regex_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ctxscan {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;

// The tokens of `s` as TokenEnd cuts them; "ERROR" when it stops early.
std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t end = TokenEnd(s, i);
    if (end == kNpos) {
      out.push_back("ERROR");
      break;
    }
    out.emplace_back(s.substr(i, end - i));
    i = end;
  }
  return out;
}

TEST(RegexTextTest, TokensAreEscapesClassesAndSingleCharacters) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Tokens(R"(a\wb[c\]d]e)"), (V{"a", R"(\w)", "b", R"([c\]d])", "e"}));
  EXPECT_EQ(Tokens(R"(\Qa[b\E{2})"), (V{R"(\Qa[b\E)", "{", "2", "}"}));
  EXPECT_EQ(Tokens(R"(x\Qno end)"), (V{"x", R"(\Qno end)"}));
  EXPECT_EQ(Tokens(R"([]a][^]b])"), (V{"[]a]", "[^]b]"}));
  EXPECT_EQ(Tokens("[[:alpha:]]x"), (V{"[[:alpha:]]", "x"}));
  EXPECT_EQ(Tokens(R"(ab\)"), (V{"a", "b", "ERROR"}));
  EXPECT_EQ(Tokens("a[bc"), (V{"a", "ERROR"}));
}

TEST(RegexTextTest, AnOpeningWithoutAPosixNameIsALiteralBracketAsInRe2) {
  // RE2 reads "[[:abc]" as the class {[, :, a, b, c}: no ":]" follows.
  EXPECT_EQ(SkipClass("[[:abc]x", 0), 7u);
  bool negated = true;
  EXPECT_EQ(ClassMembers("[[:abc]", &negated),
            (std::vector<std::string_view>{"[", ":", "a", "b", "c"}));
  EXPECT_FALSE(negated);
}

TEST(RegexTextTest, ClassMembersAreEscapesPosixClassesAndCharacters) {
  bool negated = false;
  EXPECT_EQ(ClassMembers(R"([^]\s[:digit:]a-z\]])", &negated),
            (std::vector<std::string_view>{"]", R"(\s)", "[:digit:]", "a", "-", "z", R"(\])"}));
  EXPECT_TRUE(negated);
}

}  // namespace
}  // namespace ctxscan
