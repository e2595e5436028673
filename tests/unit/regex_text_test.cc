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

// RE2 reads \xHH, \x{...}, \pL, \p{...} and octal escapes as one atom: a
// quantifier after one repeats all of it. Read as the backslash and one
// character, "\x41{30}" would be "\x", "4" and thirty "1"s.
TEST(RegexTextTest, HexUnicodeClassAndOctalEscapesAreOneToken) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Tokens(R"(\x41b\x{1F600}c)"), (V{R"(\x41)", "b", R"(\x{1F600})", "c"}));
  EXPECT_EQ(Tokens(R"(\pNx\p{Greek}\PL\P{Lu})"),
            (V{R"(\pN)", "x", R"(\p{Greek})", R"(\PL)", R"(\P{Lu})"}));
  EXPECT_EQ(Tokens(R"(\101\0a\1234)"), (V{R"(\101)", R"(\0)", "a", R"(\123)", "4"}));
  EXPECT_EQ(Tokens(R"(a\x{41)"), (V{"a", "ERROR"}));
  EXPECT_EQ(TopLevelItems(R"(\x41{30}\pN+)"),
            (std::vector<std::string_view>{R"(\x41{30})", R"(\pN+)"}));
  bool negated = true;
  EXPECT_EQ(ClassMembers(R"([\x60\x{41}-\x5A\pL])", &negated),
            (std::vector<std::string_view>{R"(\x60)", R"(\x{41})", "-", R"(\x5A)", R"(\pL)"}));
  EXPECT_FALSE(negated);
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
