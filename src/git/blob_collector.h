// Collects the blobs a history walk meets into the compact form of History
// (include/ctxscan/git/history.h): each unique blob once (28 bytes), each
// (commit, path) it was introduced at as 8 bytes, each path once. Blobs are
// found by id through an open-addressing table of 4-byte indices; the
// occurrences are gathered in walk order and grouped by blob at the end,
// keeping their order within a blob. About 50 bytes a blob in all.
//
// Covered by tests/unit/blob_collector_test.cc.
#pragma once

#include <git2.h>

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "ctxscan/git/history.h"

namespace ctxscan::git {

class BlobCollector {
 public:
  // Called with each blob as it is first collected (see
  // HistoryOptions::on_new_blob).
  using NewBlobListener = std::function<void(std::uint32_t, const ObjectId&, std::string_view)>;

  // Collects into `out`'s blobs, occurrences and paths, telling `on_new`
  // (when set) of each new blob.
  explicit BlobCollector(History* out, NewBlobListener on_new = {})
      : out_(out), on_new_(std::move(on_new)) {}

  // Records that `commit` introduced `blob` at `path`; returns the blob's
  // index in History::blobs.
  std::uint32_t Add(const git_oid& blob, std::uint32_t commit, std::string_view path);
  // The same with the path's index in History::paths.
  std::uint32_t Add(const git_oid& blob, std::uint32_t commit, std::uint32_t path);
  // Records a blob no commit holds (listed with no occurrence).
  void AddDangling(const git_oid& blob);
  bool Seen(const git_oid& blob) const { return Find(blob) != kNone; }
  // The blob's index in History::blobs, or kNoBlob when not collected.
  std::uint32_t IndexOf(const git_oid& blob) const { return Find(blob); }
  // Groups the occurrences by blob into out->occurrences. Call once, last.
  void Finish();

 private:
  struct Pending {
    std::uint32_t blob;
    BlobOccurrence occurrence;
  };
  static constexpr std::uint32_t kNone = kNoBlob;
  std::uint32_t Find(const git_oid& blob) const;
  // The blob's index; sets *added when it was not collected before.
  std::uint32_t Insert(const git_oid& blob, bool* added);
  void Grow();

  History* out_;
  NewBlobListener on_new_;
  std::vector<std::uint32_t> slots_;  // blob index + 1, or 0 when free
  std::vector<Pending> pending_;
};

}  // namespace ctxscan::git
