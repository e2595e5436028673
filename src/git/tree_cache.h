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
// Not thread-safe: one per walk. Covered by tests/unit/tree_cache_test.cc and
// through the walk by tests/e2e/presence_diff_test.py and git_cli_test.py.
#pragma once

#include <git2.h>

#include <cstddef>
#include <list>
#include <memory>
#include <unordered_map>

#include "git/git_handle.h"

namespace ctxscan::git {

// A parsed tree shared between the cache and its users.
using SharedTree = std::shared_ptr<const git_tree>;

class TreeCache {
 public:
  // `repo` outlives the cache; `capacity` is at least 1.
  TreeCache(git_repository* repo, std::size_t capacity);

  // The tree with id `id`, from the cache or read from the repository; null
  // when it cannot be read (missing, corrupt, not a tree). Reads are counted
  // in `reads()`.
  SharedTree Get(const git_oid& id);

  std::size_t reads() const { return reads_; }
  std::size_t size() const { return order_.size(); }

 private:
  struct Entry {
    git_oid id;
    SharedTree tree;
  };

  git_repository* repo_;
  std::size_t capacity_;
  std::size_t reads_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<git_oid, std::list<Entry>::iterator, OidHash, OidEq> index_;
};

}  // namespace ctxscan::git
