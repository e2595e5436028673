// Reading .dockerignore files: the parts the conformance vectors leave out.
#include "ctxscan/util/ignore_file.h"

#include <gtest/gtest.h>

#include "ctxscan/util/pattern_matcher.h"

namespace ctxscan {
namespace {

TEST(IgnoreFile, LineNumbersArePhysicalLines) {
  Result<std::vector<IgnoreLine>> r = ParseIgnoreFile("# c\n\n  a  \r\n!b\n", "x/.dockerignore");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].pattern, "a");
  EXPECT_EQ((*r)[0].line, 3);
  EXPECT_EQ((*r)[1].pattern, "!b");
  EXPECT_EQ((*r)[1].line, 4);
}

TEST(IgnoreFile, LinesOf64KiBAreRejectedLikeDocker) {
  const std::string ok(kMaxIgnoreLineBytes - 1, 'a');
  EXPECT_TRUE(ParseIgnoreFile("x\n" + ok + "\n", ".dockerignore").ok());
  EXPECT_TRUE(ParseIgnoreFile(ok, ".dockerignore").ok());
  const std::string too_long(kMaxIgnoreLineBytes, 'a');
  Result<std::vector<IgnoreLine>> r = ParseIgnoreFile("x\n" + too_long + "\n", "ctx/.dockerignore");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "ctx/.dockerignore:2: line is longer than 64 KiB (Docker cannot read it)");
}

TEST(IgnoreFile, InvalidPatternNamesFileAndLine) {
  Result<std::vector<IgnoreLine>> lines = ParseIgnoreFile("ok\n\nbad[\n", "app/.dockerignore");
  ASSERT_TRUE(lines.ok());
  Result<PatternMatcher> pm = PatternMatcher::Create(*lines, "app/.dockerignore");
  ASSERT_FALSE(pm.ok());
  EXPECT_EQ(pm.status().message(), "app/.dockerignore:3: invalid pattern \"bad[\": unclosed '['");
  pm = PatternMatcher::Create({{"!", 7}}, ".dockerignore");
  ASSERT_FALSE(pm.ok());
  EXPECT_EQ(pm.status().message(), ".dockerignore:7: illegal exclusion pattern \"!\"");
}

}  // namespace
}  // namespace ctxscan
