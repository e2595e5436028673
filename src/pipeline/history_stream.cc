// Blobs handed from a history walk to the scan; see
// src/pipeline/history_stream.h.
#include "pipeline/history_stream.h"

#include <algorithm>

#include "git/history_scan.h"

namespace ctxscan {

void HistoryBlobStream::Push(std::uint32_t index, const ObjectId& id, std::string_view path) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
  queue_.push_back({index, id, std::string(path)});
  ++produced_;
  if (queue_.size() == kMinBatch) changed_.notify_all();
}

void HistoryBlobStream::Close() {
  {
    const std::lock_guard lock(mu_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool HistoryBlobStream::Next(std::vector<ScanItem>* batch) {
  std::vector<Pending> taken;
  {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] { return closed_ || queue_.size() >= kMinBatch; });
    const std::size_t n = std::min(queue_.size(), kScanBatchItems);
    taken.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      taken.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
  }
  changed_.notify_all();  // room for the walk again
  batch->reserve(taken.size());
  for (const Pending& p : taken) batch->push_back(HistoryBlobItem(p.index, p.id, p.path, blobs_));
  return !batch->empty();
}

std::uint64_t HistoryBlobStream::Produced(bool* complete) const {
  const std::lock_guard lock(mu_);
  *complete = closed_;
  return produced_;
}

}  // namespace ctxscan
