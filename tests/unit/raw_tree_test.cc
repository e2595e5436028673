// RawTree (src/git/raw_tree.h) against libgit2's own reading of the same
// tree objects: entries, modes, git's order and lookup by name.
#include "git/raw_tree.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "git/git_handle.h"

namespace ctxscan::git {
namespace {

class RawTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitLibrary();
    std::string tmpl = (std::filesystem::temp_directory_path() / "raw_tree_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_init(&raw, dir_.c_str(), 1), 0);
    repo_.reset(raw);
    git_odb* odb = nullptr;
    ASSERT_EQ(git_repository_odb(&odb, repo_.get()), 0);
    odb_.reset(odb);
  }
  void TearDown() override {
    odb_.reset();
    repo_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Writes `bytes` as a tree object, as they are (no checks).
  git_oid WriteRaw(const std::string& bytes) {
    git_oid id{};
    EXPECT_EQ(git_odb_write(&id, odb_.get(), bytes.data(), bytes.size(), GIT_OBJECT_TREE), 0);
    return id;
  }

  std::shared_ptr<const std::string> ReadRaw(const git_oid& id) {
    git_odb_object* obj = nullptr;
    EXPECT_EQ(git_odb_read(&obj, odb_.get(), &id), 0);
    if (obj == nullptr) return std::make_shared<const std::string>();
    auto bytes = std::make_shared<const std::string>(
        static_cast<const char*>(git_odb_object_data(obj)), git_odb_object_size(obj));
    git_odb_object_free(obj);
    return bytes;
  }

  // Checks `parsed` entry by entry against libgit2's parse of tree `id`.
  void ExpectSameAsLibgit2(const git_oid& id, const RawTree& parsed) {
    git_tree* raw = nullptr;
    ASSERT_EQ(git_tree_lookup(&raw, repo_.get(), &id), 0);
    const Tree tree(raw);
    ASSERT_EQ(parsed.size(), git_tree_entrycount(tree.get()));
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
      EXPECT_EQ(parsed[i].name, git_tree_entry_name(e));
      EXPECT_EQ(parsed[i].mode, static_cast<std::uint32_t>(git_tree_entry_filemode(e)))
          << parsed[i].name;
      EXPECT_TRUE(git_oid_equal(&parsed[i].id, git_tree_entry_id(e)));
    }
  }

  // Parses tree `id`, checks it against libgit2's parse, then checks git's
  // order between every two entries and the lookup of each of `probes`
  // against libgit2's.
  void ExpectOrderAndLookupAsLibgit2(const git_oid& id, const std::vector<std::string>& probes) {
    const std::optional<RawTree> parsed = RawTree::Parse(ReadRaw(id));
    ASSERT_TRUE(parsed.has_value());
    ExpectSameAsLibgit2(id, *parsed);
    git_tree* raw = nullptr;
    ASSERT_EQ(git_tree_lookup(&raw, repo_.get(), &id), 0);
    const Tree tree(raw);
    for (std::size_t i = 0; i < parsed->size(); ++i) {
      for (std::size_t j = 0; j < parsed->size(); ++j) {
        const int ours = CompareEntries((*parsed)[i], (*parsed)[j]);
        const int theirs = git_tree_entry_cmp(git_tree_entry_byindex(tree.get(), i),
                                              git_tree_entry_byindex(tree.get(), j));
        EXPECT_EQ(ours < 0, theirs < 0) << (*parsed)[i].name << " " << (*parsed)[j].name;
        EXPECT_EQ(ours == 0, theirs == 0) << (*parsed)[i].name << " " << (*parsed)[j].name;
      }
    }
    for (const std::string& name : probes) {
      const TreeEntry* ours = parsed->Find(name);
      const git_tree_entry* theirs = git_tree_entry_byname(tree.get(), name.c_str());
      ASSERT_EQ(ours != nullptr, theirs != nullptr) << name;
      if (ours != nullptr) {
        EXPECT_EQ(ours->name, git_tree_entry_name(theirs));
      }
    }
  }

  std::string dir_;
  Repository repo_;
  Odb odb_;
};

// One entry's bytes as git writes them.
std::string Entry(const std::string& mode, const std::string& name, unsigned char id_byte) {
  return mode + " " + name + std::string(1, '\0') + std::string(20, static_cast<char>(id_byte));
}

TEST_F(RawTreeTest, EntriesOrderAndLookupAreLibgit2s) {
  std::mt19937 rng(20261208);
  // Few characters, so that names often share a start: '-' and '.' sort
  // just before '/' (a directory's name ends in it, for git's order), '0',
  // '_' and letters after it.
  const std::string alphabet = "a.-_0";
  int trees = 0;
  for (int round = 0; round < 300; ++round) {
    git_treebuilder* tb = nullptr;
    ASSERT_EQ(git_treebuilder_new(&tb, repo_.get(), nullptr), 0);
    std::set<std::string> names;
    const int count = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < count; ++i) {
      std::string name(1 + rng() % 3, 'a');
      for (char& c : name) c = alphabet[rng() % alphabet.size()];
      if (!names.insert(name).second) continue;
      git_oid id{};
      for (unsigned char& b : id.id) b = static_cast<unsigned char>(rng());
      static constexpr git_filemode_t kModes[] = {GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE,
                                                  GIT_FILEMODE_TREE, GIT_FILEMODE_LINK,
                                                  GIT_FILEMODE_COMMIT};
      // libgit2 refuses names such as "." and ".."; those are simply left out.
      (void)git_treebuilder_insert(nullptr, tb, name.c_str(), &id, kModes[rng() % 5]);
    }
    git_oid tree_id{};
    const int rc = git_treebuilder_write(&tree_id, tb);
    git_treebuilder_free(tb);
    ASSERT_EQ(rc, 0);
    // Every name the tree holds, and names it does not.
    std::vector<std::string> probes(names.begin(), names.end());
    for (int k = 0; k < 10; ++k) {
      std::string name(1 + rng() % 4, 'a');
      for (char& c : name) c = alphabet[rng() % alphabet.size()];
      probes.push_back(name);
    }
    ExpectOrderAndLookupAsLibgit2(tree_id, probes);
    ++trees;
  }
  EXPECT_EQ(trees, 300);
}

TEST_F(RawTreeTest, NamesThatSortAroundADirectorysSlash) {
  // Written as git orders them: a directory "a" sorts as "a/", after "a-"
  // and "a." and before "a0"; a file "b" before "b.", a directory "b." after
  // the file "b.-"... Names with bytes above 0x7f sort last (unsigned).
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"100644", "a-"}, {"100644", "a."}, {"40000", "a"},         {"100644", "a0"},
      {"40000", "a_"},  {"100644", "b"},  {"100644", "b.-"},      {"40000", "b."},
      {"40000", "b.0"}, {"160000", "c."}, {"120000", "c\xc3\xa9"}};
  std::string bytes;
  std::vector<std::string> probes = {"a/", "b.", "c", "d", ""};
  unsigned char id = 1;
  for (const auto& [mode, name] : entries) {
    bytes += Entry(mode, name, id++);
    probes.push_back(name);
  }
  ExpectOrderAndLookupAsLibgit2(WriteRaw(bytes), probes);
}

TEST_F(RawTreeTest, OddModesReadAsLibgit2ReadsThem) {
  // Modes old or odd tools wrote; libgit2 maps each to one of git's five.
  const std::vector<std::string> modes = {
      "100644", "100755", "100664", "100600", "100777", "100744", "40000",  "040000", "040755",
      "120000", "120755", "160000", "160755", "644",    "0",      "100000", "170000", "20000",
      "60000",  "140000", "100654", "100641", "120010", "160001", "40001"};
  std::string bytes;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < modes.size(); ++i) {
    // Names sort as written whatever the kind: "m00", "m01", ...
    names.push_back("m" + std::string(i < 10 ? "0" : "") + std::to_string(i));
    bytes += Entry(modes[i], names.back(), static_cast<unsigned char>(i + 1));
  }
  const git_oid id = WriteRaw(bytes);
  const std::optional<RawTree> parsed = RawTree::Parse(ReadRaw(id));
  ASSERT_TRUE(parsed.has_value());
  ExpectSameAsLibgit2(id, *parsed);
}

TEST_F(RawTreeTest, BrokenTreesAreNotParsed) {
  const std::string good = Entry("100644", "a", 1);
  auto parse = [](std::string bytes) {
    return RawTree::Parse(std::make_shared<const std::string>(std::move(bytes))).has_value();
  };
  EXPECT_TRUE(parse(good));
  EXPECT_TRUE(parse(""));                                // an empty tree
  EXPECT_FALSE(parse(good.substr(0, good.size() - 1)));  // id cut short
  EXPECT_FALSE(parse("100644 a"));                       // no NUL after the name
  EXPECT_FALSE(parse("100648 a" + good.substr(8)));      // not octal
  EXPECT_FALSE(parse(" a" + good.substr(8)));            // no mode
  EXPECT_FALSE(parse("100644"));                         // no space
  EXPECT_FALSE(parse("12345670 a" + good.substr(8)));    // more digits than a mode has
  EXPECT_TRUE(parse(good + Entry("40000", "b", 2)));
  EXPECT_FALSE(parse(good + "4"));  // a second entry cut short
}

}  // namespace
}  // namespace ctxscan::git
