// TreeCache: the history walk's cache of parsed trees (src/git/tree_cache.h),
// on a repository written with libgit2 in a temporary directory.
#include "git/tree_cache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "git/git_handle.h"

namespace ctxscan::git {
namespace {

class TreeCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitLibrary();
    std::string tmpl = (std::filesystem::temp_directory_path() / "tree_cache_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_init(&raw, dir_.c_str(), 1), 0);
    repo_.reset(raw);
  }
  void TearDown() override {
    repo_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A tree holding one blob, named `name`, with `text`.
  git_oid MakeTree(const std::string& name, const std::string& text) {
    git_oid blob{};
    EXPECT_EQ(git_blob_create_from_buffer(&blob, repo_.get(), text.data(), text.size()), 0);
    git_treebuilder* tb = nullptr;
    EXPECT_EQ(git_treebuilder_new(&tb, repo_.get(), nullptr), 0);
    EXPECT_EQ(git_treebuilder_insert(nullptr, tb, name.c_str(), &blob, GIT_FILEMODE_BLOB), 0);
    git_oid tree{};
    EXPECT_EQ(git_treebuilder_write(&tree, tb), 0);
    git_treebuilder_free(tb);
    return tree;
  }

  std::string dir_;
  Repository repo_;
};

TEST_F(TreeCacheTest, ReadsATreeOnceWhileItIsCached) {
  const git_oid a = MakeTree("a.txt", "alpha\n");
  TreeCache cache(repo_.get(), 4);
  const SharedTree first = cache.Get(a);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(git_tree_entrycount(first.get()), 1u);
  EXPECT_STREQ(git_tree_entry_name(git_tree_entry_byindex(first.get(), 0)), "a.txt");
  const SharedTree again = cache.Get(a);
  EXPECT_EQ(again.get(), first.get());
  EXPECT_EQ(cache.reads(), 1u);
}

TEST_F(TreeCacheTest, EvictsTheLeastRecentlyUsedTree) {
  std::vector<git_oid> trees;
  trees.reserve(3);
  for (int i = 0; i < 3; ++i) trees.push_back(MakeTree("f" + std::to_string(i), "x"));
  TreeCache cache(repo_.get(), 2);
  cache.Get(trees[0]);
  cache.Get(trees[1]);
  cache.Get(trees[0]);  // 0 is now the most recent: 1 goes next
  cache.Get(trees[2]);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.reads(), 3u);
  cache.Get(trees[0]);
  EXPECT_EQ(cache.reads(), 3u);  // still cached
  cache.Get(trees[1]);
  EXPECT_EQ(cache.reads(), 4u);  // was evicted: read again
}

TEST_F(TreeCacheTest, ATreeOutlivesItsEviction) {
  const git_oid a = MakeTree("a", "1");
  const git_oid b = MakeTree("b", "2");
  TreeCache cache(repo_.get(), 1);
  const SharedTree held = cache.Get(a);
  cache.Get(b);  // evicts a; the caller's reference keeps it valid
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_STREQ(git_tree_entry_name(git_tree_entry_byindex(held.get(), 0)), "a");
}

TEST_F(TreeCacheTest, MissingOrNonTreeObjectsAreNull) {
  git_oid missing{};
  missing.id[0] = 0xab;
  TreeCache cache(repo_.get(), 2);
  EXPECT_EQ(cache.Get(missing), nullptr);
  git_oid blob{};
  ASSERT_EQ(git_blob_create_from_buffer(&blob, repo_.get(), "b", 1), 0);
  EXPECT_EQ(cache.Get(blob), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace ctxscan::git
