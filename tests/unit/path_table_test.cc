// PathTable: interned history paths (include/ctxscan/git/path_table.h).
#include "ctxscan/git/path_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ctxscan {
namespace {

TEST(PathTable, SamePathSameIndexAcrossGrowth) {
  PathTable t;
  std::vector<std::string> paths;
  paths.reserve(5000);
  for (int i = 0; i < 5000; ++i)
    paths.push_back("src/dir" + std::to_string(i % 97) + "/f" + std::to_string(i));
  for (std::size_t i = 0; i < paths.size(); ++i) EXPECT_EQ(t.Intern(paths[i]), i);
  EXPECT_EQ(t.size(), paths.size());
  // Looked up again after the table grew several times: the first index.
  for (std::size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(t.Intern(paths[i]), i);
    EXPECT_EQ(t[static_cast<std::uint32_t>(i)], paths[i]);
  }
  EXPECT_EQ(t.size(), paths.size());
}

TEST(PathTable, EmptyAndOddPathsKeepTheirBytes) {
  PathTable t;
  const std::string nul("a\0b", 3);
  const std::uint32_t e = t.Intern("");
  const std::uint32_t n = t.Intern(nul);
  const std::uint32_t h = t.Intern("dir/\xff\nname");
  EXPECT_EQ(t[e], "");
  EXPECT_EQ(t[n], nul);
  EXPECT_EQ(t[h], "dir/\xff\nname");
  EXPECT_NE(t.Intern("a"), n);  // a prefix is another path
  EXPECT_EQ(t.Intern(""), e);
}

}  // namespace
}  // namespace ctxscan
