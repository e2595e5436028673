// Owning handles for libgit2 objects (each frees with its git_*_free), and
// the library's one-time set-up: git_libgit2_init, and strict object hash
// verification off (ctxscan reads every object once and does not need
// libgit2 to hash it again; on bench/git_history.sh the full-history scan
// takes 3.8-4.2 s with it off against 5.2 s with it on), and
// bounded pack mappings and no object cache (see git_handle.cc).
//
// Covered by tests/e2e/git_cli_test.py.
#pragma once

#include <git2.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan::git {

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using GitHandle = std::unique_ptr<T, GitDeleter<T, Free>>;

using Repository = GitHandle<git_repository, git_repository_free>;
using Commit = GitHandle<git_commit, git_commit_free>;
using Tree = GitHandle<git_tree, git_tree_free>;
using Blob = GitHandle<git_blob, git_blob_free>;
using Revwalk = GitHandle<git_revwalk, git_revwalk_free>;
using Reference = GitHandle<git_reference, git_reference_free>;
using ReferenceIterator = GitHandle<git_reference_iterator, git_reference_iterator_free>;
using Object = GitHandle<git_object, git_object_free>;
using Odb = GitHandle<git_odb, git_odb_free>;
using Index = GitHandle<git_index, git_index_free>;
using Config = GitHandle<git_config, git_config_free>;
using ConfigIterator = GitHandle<git_config_iterator, git_config_iterator_free>;

// Hashing and equality of object ids, for unordered containers keyed by
// them (an id is already a uniform hash: its first bytes serve).
struct OidHash {
  std::size_t operator()(const git_oid& o) const;
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const;
};

// Initializes libgit2 once per process (thread-safe).
void InitLibrary();

// libgit2's last error as text, prefixed with `what`.
Status GitError(const std::string& what);

// Lets libgit2 keep all of `repo`'s packs mapped at once when they are
// larger than the default bound (128 MiB), up to 1 GiB: a history walk
// reads trees and their delta bases from all over the pack, and with
// less mapped than the pack holds, libgit2 unmaps and maps the same windows
// over and over. On a generated history of 2 million objects (232 MB pack,
// bench/gen_many_objects.py) `ctxscan git` took 103 s with 128 MiB mapped
// (61.7 s of it reading history) and 38 s with the packs mapped (13.9 s),
// for 112 MB more of peak RSS (425 -> 537 MB; clean file pages the kernel
// can drop). Call before other threads use libgit2: the bound is
// process-wide. Packs are found in `repo`'s objects/pack (not alternates).
void FitPackMappings(git_repository* repo);

// Opens the repository at or above `path` (bare or not).
Result<Repository> OpenRepository(const std::string& path);

// The full hex id of `oid`.
std::string OidHex(const git_oid& oid);

// Calls `fn(name, commit id)` for every ref that peels to a commit (refs to
// anything else, such as a tag of a blob, have no history), in no order.
Status ForEachRefCommit(git_repository* repo,
                        const std::function<void(const char* name, const git_oid& id)>& fn);

// Whether ref `name` is a branch whose first-parent line presence follows:
// refs/heads/* and refs/remotes/*, but not a remote's symbolic HEAD.
inline bool IsBranchRef(std::string_view name) {
  if (name.rfind("refs/heads/", 0) != 0 && name.rfind("refs/remotes/", 0) != 0) return false;
  return !name.ends_with("/HEAD");
}

}  // namespace ctxscan::git
