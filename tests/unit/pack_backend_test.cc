// AddPackBackend (src/git/pack_backend.h): libgit2 reading objects through
// the project's pack reader. The packs come from another repository, so
// that only the backend can answer for their objects.
#include "git/pack_backend.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "git/git_handle.h"

namespace ctxscan::git {
namespace {

std::string Output(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
  ::pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class PackBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitLibrary();
    std::string tmpl = (std::filesystem::temp_directory_path() / "pack_backend_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    const std::string git =
        "GIT_AUTHOR_NAME='Ada Example' GIT_AUTHOR_EMAIL=ada@example.com "
        "GIT_AUTHOR_DATE='1700000000 +0130' GIT_COMMITTER_NAME=c "
        "GIT_COMMITTER_EMAIL=c@example.com git -C " +
        dir_ + "/packed ";
    ASSERT_EQ(std::system(("git init -q -b main " + dir_ + "/packed").c_str()), 0);
    ASSERT_EQ(std::system(("echo hello > " + dir_ + "/packed/a.txt").c_str()), 0);
    ASSERT_EQ(std::system((git + "add a.txt && " + git + "commit -q -m 'First line\n\nbody' && " +
                           git + "repack -a -d -q")
                              .c_str()),
              0);
    head_ = Output(git + "rev-parse HEAD");
    ASSERT_EQ(head_.size(), 40u);
    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_init(&raw, (dir_ + "/empty").c_str(), 1), 0);
    empty_.reset(raw);
  }
  void TearDown() override {
    empty_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::string head_;
  Repository empty_;  // holds no objects of its own
};

TEST_F(PackBackendTest, LibgitReadsCommitsItsOwnDatabaseLacks) {
  git_oid id{};
  ASSERT_EQ(git_oid_fromstr(&id, head_.c_str()), 0);
  git_commit* c = nullptr;
  ASSERT_NE(git_commit_lookup(&c, empty_.get(), &id), 0);  // not there without the backend

  std::shared_ptr<const PackStore> packs = PackStore::Open(dir_ + "/packed/.git/objects");
  ASSERT_EQ(packs->size(), 1u);
  ASSERT_TRUE(AddPackBackend(empty_.get(), packs, 1 << 20).ok());
  ASSERT_EQ(git_commit_lookup(&c, empty_.get(), &id), 0);
  const Commit commit(c);
  EXPECT_STREQ(git_commit_summary(c), "First line");
  EXPECT_STREQ(git_commit_author(c)->name, "Ada Example");
  EXPECT_EQ(git_commit_author(c)->when.time, 1700000000);
  EXPECT_EQ(git_commit_author(c)->when.offset, 90);

  git_odb* raw_odb = nullptr;
  ASSERT_EQ(git_repository_odb(&raw_odb, empty_.get()), 0);
  const Odb odb(raw_odb);
  EXPECT_TRUE(git_odb_exists(odb.get(), git_commit_tree_id(c)));
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  ASSERT_EQ(git_odb_read_header(&size, &type, odb.get(), git_commit_tree_id(c)), 0);
  EXPECT_EQ(type, GIT_OBJECT_TREE);
  git_oid missing{};
  missing.id[0] = 0xab;
  EXPECT_FALSE(git_odb_exists(odb.get(), &missing));
  git_odb_object* object = nullptr;
  EXPECT_EQ(git_odb_read(&object, odb.get(), &missing), GIT_ENOTFOUND);
  // Listing every object goes through every backend, this one included.
  int listed = 0;
  EXPECT_EQ(git_odb_foreach(
                odb.get(),
                [](const git_oid*, void* n) {
                  ++*static_cast<int*>(n);
                  return 0;
                },
                &listed),
            0);
}

}  // namespace
}  // namespace ctxscan::git
