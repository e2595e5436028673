// Reading a repository's history: which blobs ever existed, and for each,
// every commit and path that introduced it, oldest first.
//
// One walk of the commit graph, parents before children: each commit's tree
// is compared with its first parent's, skipping subtrees whose object id did
// not change, and a blob counts as introduced at a path when no parent had
// that blob at that path (so a merge introduces only what it resolved
// itself). Each unique blob is listed once, however many commits hold it.
//
// By default the walk starts from every ref (branches, tags, remotes, stash,
// notes) and HEAD. With `all_objects`, commits no ref reaches (after a
// force-push or an amend) are walked too, and blobs in no commit at all are
// listed as dangling. Submodules are not entered (counted); symlinks are not
// blobs to scan (skipped). A shallow clone is walked as far as it goes and
// says so.
//
// Covered by tests/e2e/git_cli_test.py (repositories built with git).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/git/path_table.h"
#include "ctxscan/status.h"

namespace ctxscan {

struct ObjectId;

struct HistoryOptions {
  bool all_objects = false;
  std::string branch;  // walk only from this ref ("main", "refs/tags/v1", ...)
  std::string range;   // "A..B": commits reachable from B but not A
  std::string since;   // commits reachable from the refs but not from this rev
  // Instead of history: the blobs staged in the index that HEAD does not
  // have at the same path (what the next commit would add; for pre-commit
  // hooks). They are listed under one pseudo-commit with an empty id and
  // the summary "staged".
  bool staged = false;
  // Called from the walk with each blob as it first meets it, in the order
  // of History::blobs: the blob's index there, its id, and the path it was
  // met at (empty for a dangling blob). Lets the caller scan blobs while the
  // walk goes on. Empty: not called.
  std::function<void(std::uint32_t index, const ObjectId& id, std::string_view path)> on_new_blob;
};

// HistoryCommit::first_parent when the commit has no parent (a root, or a
// shallow clone's boundary) and when its first parent exists but was not
// walked (left out by --since or --range).
inline constexpr std::uint32_t kNoParent = UINT32_MAX;
inline constexpr std::uint32_t kParentNotWalked = UINT32_MAX - 1;

struct HistoryCommit {
  std::string id;  // full hex
  std::string author;
  std::int64_t time = 0;  // seconds since the epoch (author time)
  int offset_minutes = 0;
  std::string summary;
  std::uint32_t first_parent = kNoParent;  // index into History::commits, or one of the above
  std::uint32_t first_change = 0;          // its changes: History::changes[first_change, next's)
  // Its changes were recorded: it lies on a branch's first-parent line and
  // the walk started from every ref (else it has none in History::changes).
  bool changes_recorded = false;
};

// PathChange::after when there is no blob at the path (absent, a directory,
// a link, a submodule) or the blob is not one of History::blobs.
inline constexpr std::uint32_t kNoBlob = UINT32_MAX;

// What a commit changed at one path relative to its first parent (relative
// to nothing for a commit without one): the blob the path holds after it,
// as an index into History::blobs, or kNoBlob when it holds none any more.
// (The blob before is what the line held there: presence follows the line
// from its root.) Recorded for the commits of the branches' first-parent
// lines (refs/heads, refs/remotes) only.
struct PathChange {
  std::uint32_t path;  // index into History::paths
  std::uint32_t after = kNoBlob;
};

// A Git object id (SHA-1), held as its 20 bytes.
struct ObjectId {
  std::array<std::uint8_t, 20> bytes{};
  std::string Hex() const;  // 40 lowercase hex digits
  friend auto operator<=>(const ObjectId&, const ObjectId&) = default;
};

struct BlobOccurrence {
  std::uint32_t commit;  // index into History::commits
  std::uint32_t path;    // index into History::paths
};

// A unique blob: 28 bytes, so that a history of millions of blobs stays
// small (its occurrences are 8 bytes each, its path shared).
struct HistoryBlob {
  ObjectId id;
  std::uint32_t first = 0;  // its occurrences: History::occurrences[first, next blob's first)
  bool at_head = false;     // HEAD's tree holds this blob (at any path)
};

struct History {
  std::string repository;              // the repository's directory (the .git dir when bare or not)
  std::vector<HistoryCommit> commits;  // in walk order, oldest first
  std::vector<HistoryBlob> blobs;      // in order of first introduction
  // Grouped by blob, in blob order; within a blob oldest first. A dangling
  // blob has none.
  std::vector<BlobOccurrence> occurrences;
  // Every commit's changes relative to its first parent, grouped by commit in
  // commit order (empty for --staged).
  std::vector<PathChange> changes;
  PathTable paths;
  std::uint64_t unreachable_commits = 0;  // walked because of all_objects
  std::uint64_t dangling_blobs = 0;
  std::uint64_t submodules = 0;     // gitlink entries seen (not entered)
  bool shallow = false;             // history is incomplete
  std::vector<std::string> errors;  // missing or corrupt objects, each named

  // The occurrences of blob `i`, oldest first.
  std::span<const BlobOccurrence> Occurrences(std::size_t i) const;
  // What commit `c` changed relative to its first parent.
  std::span<const PathChange> Changes(std::size_t c) const;
  // The path blob `i` was first seen at ("" for a dangling blob).
  std::string_view FirstPath(std::size_t i) const;
  // Bytes of heap the blobs, their occurrences and the paths hold.
  std::size_t HeapBytes() const;
};

// Reads the history of the repository at or above `path`.
Result<History> ReadHistory(const std::string& path, const HistoryOptions& options);

}  // namespace ctxscan
