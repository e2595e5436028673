// A git tree object parsed from its bytes, without libgit2.
//
// The history walk reads some 226,000 trees on a real repository of 18,000
// commits (trufflehog's). Through libgit2 each read took its pack lock,
// inflated with zlib, applied deltas and parsed into a heap object; a third
// of the walk's time was libgit2 and another quarter zlib. The walk now reads
// trees through the project's own pack reader (libdeflate, git/pack_store.h)
// and parses them here: one pass over the bytes, one allocation for the
// entries, names pointing into the object's bytes.
//
// A tree is a list of entries, each "<mode in octal> <name>\0<20-byte id>",
// sorted in git's order: by name, a directory's name compared as if it ended
// in '/'. Modes are read as libgit2 reads them (git_tree_entry_filemode):
// legacy and odd modes are mapped to the five git writes (see Normalize in
// raw_tree.cc), so the walk sees what it saw through libgit2.
//
// Thread safety: immutable after parsing; share it between threads.
// Covered by tests/unit/raw_tree_test.cc (against libgit2's own parsing,
// ordering and lookup) and tests/fuzz/git_objects_fuzz.cc through the walk.
#pragma once

#include <git2.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan::git {

struct TreeEntry {
  std::string_view name;   // into the tree's bytes
  std::uint32_t mode = 0;  // one of GIT_FILEMODE_* (normalized as libgit2 does)
  git_oid id{};

  bool IsTree() const { return mode == GIT_FILEMODE_TREE; }
  bool IsBlob() const { return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE; }
};

// Git's order of tree entries: negative when `a` sorts before `b`, zero for
// the same name and kind (a directory "x" and a file "x" differ).
int CompareEntries(const TreeEntry& a, const TreeEntry& b);

class RawTree {
 public:
  // Parses `bytes` (a tree object's content, without the object header).
  // Nothing when they are not a tree: a mode that is not octal digits, a
  // name without its terminating NUL, an id cut short.
  static std::optional<RawTree> Parse(std::shared_ptr<const std::string> bytes);

  std::size_t size() const { return entries_.size(); }
  const TreeEntry& operator[](std::size_t i) const { return entries_[i]; }
  // The entry named `name`, file or directory; null when there is none.
  // A binary search: it relies on the tree's order, as git's own lookup does.
  const TreeEntry* Find(std::string_view name) const;

 private:
  std::shared_ptr<const std::string> bytes_;
  std::vector<TreeEntry> entries_;
};

}  // namespace ctxscan::git
