// TreeCache: the history walk's cache of parsed trees (src/git/tree_cache.h),
// on a repository written with libgit2 in a temporary directory (loose
// objects, read through libgit2) and packed by git (read through the pack
// reader).
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
  const PackStore no_packs_{std::vector<std::unique_ptr<PackFile>>()};
};

TEST_F(TreeCacheTest, ReadsATreeOnceWhileItIsCached) {
  const git_oid a = MakeTree("a.txt", "alpha\n");
  TreeCache cache(repo_.get(), no_packs_, 4);
  const SharedTree first = cache.Get(a);
  ASSERT_NE(first, nullptr);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].name, "a.txt");
  const SharedTree again = cache.Get(a);
  EXPECT_EQ(again.get(), first.get());
  EXPECT_EQ(cache.reads(), 1u);
}

TEST_F(TreeCacheTest, EvictsTheLeastRecentlyUsedTree) {
  std::vector<git_oid> trees;
  trees.reserve(3);
  for (int i = 0; i < 3; ++i) trees.push_back(MakeTree("f" + std::to_string(i), "x"));
  TreeCache cache(repo_.get(), no_packs_, 2);
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
  TreeCache cache(repo_.get(), no_packs_, 1);
  const SharedTree held = cache.Get(a);
  cache.Get(b);  // evicts a; the caller's reference keeps it valid
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ((*held)[0].name, "a");
}

TEST_F(TreeCacheTest, MissingOrNonTreeObjectsAreNull) {
  git_oid missing{};
  missing.id[0] = 0xab;
  TreeCache cache(repo_.get(), no_packs_, 2);
  EXPECT_EQ(cache.Get(missing), nullptr);
  git_oid blob{};
  ASSERT_EQ(git_blob_create_from_buffer(&blob, repo_.get(), "b", 1), 0);
  EXPECT_EQ(cache.Get(blob), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(TreeCacheTest, ReadsPackedTreesThroughThePackReader) {
  const git_oid a = MakeTree("packed.txt", "in a pack\n");
  // git packs the tree (nothing refers to it, so by its id), and the loose
  // copy goes: the pack is the only place left to read it from.
  const std::string git = "git -C '" + dir_ + "' ";
  ASSERT_EQ(std::system(
                ("echo " + OidHex(a) + " | " + git + "pack-objects -q objects/pack/pack >/dev/null")
                    .c_str()),
            0);
  ASSERT_EQ(std::system((git + "prune-packed").c_str()), 0);
  const std::unique_ptr<const PackStore> packs = PackStore::Open(dir_ + "/objects");
  ASSERT_EQ(packs->size(), 1u);
  TreeCache cache(repo_.get(), *packs, 4);
  const SharedTree tree = cache.Get(a);
  ASSERT_NE(tree, nullptr);
  ASSERT_EQ(tree->size(), 1u);
  EXPECT_EQ((*tree)[0].name, "packed.txt");
  EXPECT_TRUE((*tree)[0].IsBlob());
  EXPECT_EQ(cache.packed_reads(), 1u);
}

}  // namespace
}  // namespace ctxscan::git
