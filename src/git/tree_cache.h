// The history walk's cache of parsed trees.
//
// The walk compares each commit's tree with its first parent's, and commits
// come parents first, so the tree a commit is compared against was usually
// read a moment before, as the previous commit's own tree. libgit2's object
// cache would keep it, but when that cache is full every insertion evicts by
// scanning its hash table from the start, and the walk spends most of its
// time there (trufflehog's history: 2.0 s with the 16 MiB cache, 1.7 s with
// no cache at all). This cache keeps the last `capacity` trees looked up, by
// id, and knows nothing else of libgit2's cache.
//
// Trees are read through the project's pack reader (git/pack_store.h, which
// keeps the delta bases it rebuilt) and parsed by git/raw_tree.h; a tree no
// pack holds (a loose object, a pack the reader left out) is read through
// libgit2's object database. Through libgit2 alone, trufflehog's history was
// read in 3.0-3.4 s; see docs/performance.md.
//
// Not thread-safe: one per walk. Covered by tests/unit/tree_cache_test.cc and
// through the walk by tests/e2e/presence_diff_test.py and git_cli_test.py.
#pragma once

#include <git2.h>

#include <cstddef>
#include <list>
#include <memory>
#include <unordered_map>

#include "git/git_handle.h"
#include "git/pack_store.h"
#include "git/raw_tree.h"

namespace ctxscan::git {

// A parsed tree shared between the cache and its users.
using SharedTree = std::shared_ptr<const RawTree>;

class TreeCache {
 public:
  // Delta bases the pack reader keeps for the walk. Reading the history of
  // a generated repository of 2 million objects (bench/history_memory) took
  // 14.6, 14.0, 10.3 and 7.4 s with 8, 16, 32 and 64 MiB (peak RSS 434,
  // 448, 462 and 510 MB); trufflehog's 1.95, 1.77, 1.67 and 1.82 s.
  static constexpr std::size_t kDeltaBaseBytes = std::size_t{32} << 20;

  // `repo` and `packs` (the packs of `repo`, possibly none) outlive the
  // cache; `capacity` is at least 1.
  TreeCache(git_repository* repo, const PackStore& packs, std::size_t capacity);

  // The tree with id `id`, from the cache or read from the repository; null
  // when it cannot be read (missing, corrupt, not a tree). Reads are counted
  // in `reads()`.
  SharedTree Get(const git_oid& id);

  std::size_t reads() const { return reads_; }
  // Of those, the reads the pack reader answered.
  std::size_t packed_reads() const { return packed_reads_; }
  std::size_t size() const { return order_.size(); }

 private:
  struct Entry {
    git_oid id;
    SharedTree tree;
  };

  // The tree's bytes; null when it cannot be read or is not a tree.
  std::shared_ptr<const std::string> ReadBytes(const git_oid& id);

  git_repository* repo_;
  PackReader packs_;
  std::size_t capacity_;
  std::size_t reads_ = 0;
  std::size_t packed_reads_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<git_oid, std::list<Entry>::iterator, OidHash, OidEq> index_;
};

}  // namespace ctxscan::git
