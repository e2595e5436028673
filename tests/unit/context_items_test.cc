// What a context scan reads: the sent entries, the Dockerfile, and the
// directories the walk could not list (errors, as docker build fails on them).
#include "ctxscan/context/context_items.h"

#include <gtest/gtest.h>

#include "ctxscan/util/file_system.h"

namespace ctxscan {
namespace {

ContextRules Rules(const std::string& ignore) {
  Result<ContextRules> r =
      MakeContextRules(Builder::kBuildKit, ignore, ".dockerignore", "Dockerfile");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(r).value();
}

std::vector<std::string> Paths(const std::vector<SkippedFile>& errors) {
  std::vector<std::string> out;
  for (const SkippedFile& e : errors) out.push_back(e.path + ": " + e.reason);
  return out;
}

class ContextItemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_.AddFile("Dockerfile", "FROM scratch\n");
    fs_.AddFile(".dockerignore", "ignored\nDockerfile\n");
    fs_.AddFile("open/b", "x");
    fs_.AddFile("locked/a", "k");
    fs_.AddFile("ignored/c", "k");
    fs_.MakeUnreadable("locked");
    fs_.MakeUnreadable("ignored");
  }
  MemoryFileSystem fs_;
};

TEST_F(ContextItemsTest, AnUnreadableSentDirectoryIsAnError) {
  Result<ContextItems> got = CollectContextItems(fs_, Rules("ignored\nDockerfile\n"), {});
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(Paths(got->errors), std::vector<std::string>{"locked: permission denied"});
  std::vector<std::string> items;
  for (const ScanItem& i : got->items) items.push_back(i.path + (i.sent ? "" : " (ignored)"));
  // The Dockerfile is read by the build though not sent; the locked
  // directory itself is still checked by the file rules.
  EXPECT_EQ(items,
            (std::vector<std::string>{".dockerignore", "locked", "open", "open/b", "Dockerfile"}));
}

TEST_F(ContextItemsTest, EveryDirectoryCountsWithAllFilesOrIgnoredOnes) {
  ContextItemsOptions all;
  all.all_files = true;
  Result<ContextItems> got = CollectContextItems(fs_, Rules("ignored\nDockerfile\n"), all);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Paths(got->errors),
            (std::vector<std::string>{"ignored: permission denied", "locked: permission denied"}));
  ContextItemsOptions ignored;
  ignored.include_ignored = true;
  got = CollectContextItems(fs_, Rules("ignored\nDockerfile\n"), ignored);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Paths(got->errors),
            (std::vector<std::string>{"ignored: permission denied", "locked: permission denied"}));
}

TEST(MergeScanErrors, KeepsErrorsSortedAndOnePerPath) {
  ScanResult r;
  r.errors = {{"a", "permission denied"}, {"c", "permission denied"}};
  MergeScanErrors({{"b", "permission denied"}, {"c", "permission denied"}}, &r);
  EXPECT_EQ(Paths(r.errors),
            (std::vector<std::string>{"a: permission denied", "b: permission denied",
                                      "c: permission denied"}));
}

}  // namespace
}  // namespace ctxscan
