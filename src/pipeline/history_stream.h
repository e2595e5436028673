// Blobs handed from a history walk to the scan while the walk goes on.
//
// Reading a history (commits, trees, their differences) is one thread's work
// and on a real repository takes about as long as scanning what it finds
// (trufflehog's 18k commits: 1.6 s reading, 2.8 s scanning on two threads).
// The walk pushes each new blob as it meets it (HistoryOptions::on_new_blob)
// and the scan takes them in batches, so both run at once. The stream holds
// at most kMaxQueued blobs: a walk that runs ahead waits, so memory does not
// grow with the history.
//
// Thread safety: Push and Close from the walk's thread, Next from the scan's,
// Produced from any.
// Covered by tests/unit/history_stream_test.cc and, through `ctxscan git`,
// tests/e2e/git_cli_test.py and tests/e2e/presence_diff_test.py.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/findings/scan.h"
#include "ctxscan/git/history.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

class HistoryBlobStream : public ScanItemSource {
 public:
  // The most blobs waiting to be scanned before Push waits.
  static constexpr std::size_t kMaxQueued = 4 * kScanBatchItems;
  // Next hands out a batch once this many blobs wait, or all there are once
  // the walk has ended: small enough that the scan starts early, large
  // enough that a batch's threads are not mostly waiting for each other.
  static constexpr std::size_t kMinBatch = 1024;

  // Items are read from `blobs` (OpenBlobFileSystem), which outlives the stream.
  explicit HistoryBlobStream(const FileSystem* blobs) : blobs_(blobs) {}

  // Adds the walk's next new blob (see HistoryOptions::on_new_blob); waits
  // while kMaxQueued blobs wait.
  void Push(std::uint32_t index, const ObjectId& id, std::string_view path);
  // The walk has ended: no more blobs.
  void Close();

  bool Next(std::vector<ScanItem>* batch) override;
  std::uint64_t Produced(bool* complete) const override;

 private:
  struct Pending {
    std::uint32_t index;
    ObjectId id;
    std::string path;
  };

  const FileSystem* blobs_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Pending> queue_;
  std::uint64_t produced_ = 0;
  bool closed_ = false;
};

}  // namespace ctxscan
