#include "util/go_path.h"

#include <gtest/gtest.h>

namespace ctxscan::go {
namespace {

TEST(GoPath, CleanMatchesGo) {
  EXPECT_EQ(Clean(""), ".");
  EXPECT_EQ(Clean("a//b/./c/.."), "a/b");
  EXPECT_EQ(Clean("/.."), "/");
  EXPECT_EQ(Clean("../a/../.."), "../..");
  EXPECT_EQ(Clean("a/"), "a");
  EXPECT_EQ(Clean("./a"), "a");
  EXPECT_EQ(Clean("a/.."), ".");
  EXPECT_EQ(Clean("//a"), "/a");
  EXPECT_EQ(Clean("!foo/../bar"), "bar");
}

TEST(GoPath, TrimSpaceUnicode) {
  EXPECT_EQ(TrimSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimSpace("\xC2\xA0x\xE3\x80\x80"), "x");  // NBSP, ideographic space
  EXPECT_EQ(TrimSpace("\xFFx "), "\xFFx");             // an invalid byte is not space
}

TEST(GoPath, DecodeRuneLikeGo) {
  EXPECT_EQ(DecodeRune("\xE2\x82\xAC").width, 3u);
  EXPECT_EQ(DecodeRune("\xE2\x82").rune, kRuneError);
  EXPECT_EQ(DecodeRune("\xED\xA0\x80").width, 1u);  // surrogate
  EXPECT_FALSE(ValidUtf8("a\xFF"));
  EXPECT_TRUE(ValidUtf8("h\xC3\xA9"));
}

TEST(GoPath, Dir) {
  EXPECT_EQ(Dir("a/b/c"), "a/b");
  EXPECT_EQ(Dir("a"), ".");
}

TEST(GoPath, Base) {
  EXPECT_EQ(Base("a/b/c.txt"), "c.txt");
  EXPECT_EQ(Base("a/b/"), "b");
  EXPECT_EQ(Base(".env"), ".env");
  EXPECT_EQ(Base(""), ".");
  EXPECT_EQ(Base("//"), "/");
}

}  // namespace
}  // namespace ctxscan::go
