// Collecting a walk's blobs; see src/git/blob_collector.h.
#include "git/blob_collector.h"

#include <cstring>

namespace ctxscan::git {
namespace {

std::size_t Hash(const std::uint8_t* id) {
  std::size_t h;  // an object id is already a uniform hash
  std::memcpy(&h, id, sizeof h);
  return h;
}

}  // namespace

std::uint32_t BlobCollector::Find(const git_oid& blob) const {
  if (slots_.empty()) return kNone;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = Hash(blob.id) & mask; slots_[at] != 0; at = (at + 1) & mask) {
    const std::uint32_t i = slots_[at] - 1;
    if (std::memcmp(out_->blobs[i].id.bytes.data(), blob.id, 20) == 0) return i;
  }
  return kNone;
}

void BlobCollector::Grow() {
  std::vector<std::uint32_t> bigger(slots_.empty() ? 4096 : slots_.size() * 2, 0);
  const std::size_t mask = bigger.size() - 1;
  for (std::uint32_t i = 0; i < out_->blobs.size(); ++i) {
    std::size_t at = Hash(out_->blobs[i].id.bytes.data()) & mask;
    while (bigger[at] != 0) at = (at + 1) & mask;
    bigger[at] = i + 1;
  }
  slots_ = std::move(bigger);
}

std::uint32_t BlobCollector::Insert(const git_oid& blob, bool* added) {
  *added = false;
  if (const std::uint32_t found = Find(blob); found != kNone) return found;
  *added = true;
  // At most half full, so that probes stay short.
  if ((out_->blobs.size() + 1) * 2 > slots_.size()) Grow();
  const auto index = static_cast<std::uint32_t>(out_->blobs.size());
  HistoryBlob b;
  std::memcpy(b.id.bytes.data(), blob.id, 20);
  out_->blobs.push_back(b);
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = Hash(blob.id) & mask;
  while (slots_[at] != 0) at = (at + 1) & mask;
  slots_[at] = index + 1;
  return index;
}

std::uint32_t BlobCollector::Add(const git_oid& blob, std::uint32_t commit, std::string_view path) {
  return Add(blob, commit, out_->paths.Intern(path));
}

std::uint32_t BlobCollector::Add(const git_oid& blob, std::uint32_t commit, std::uint32_t path) {
  bool added = false;
  const std::uint32_t index = Insert(blob, &added);
  pending_.push_back({index, {commit, path}});
  if (added && on_new_) on_new_(index, out_->blobs[index].id, out_->paths[path]);
  return index;
}

void BlobCollector::AddDangling(const git_oid& blob) {
  bool added = false;
  const std::uint32_t index = Insert(blob, &added);
  if (added && on_new_) on_new_(index, out_->blobs[index].id, "");
}

void BlobCollector::Finish() {
  // A counting sort by blob: stable, so each blob's occurrences keep their
  // walk order (oldest first).
  std::vector<HistoryBlob>& blobs = out_->blobs;
  for (HistoryBlob& b : blobs) b.first = 0;
  for (const Pending& p : pending_) ++blobs[p.blob].first;
  std::uint32_t start = 0;
  for (HistoryBlob& b : blobs) {
    const std::uint32_t count = b.first;
    b.first = start;
    start += count;
  }
  std::vector<std::uint32_t> next(blobs.size());
  for (std::size_t i = 0; i < blobs.size(); ++i) next[i] = blobs[i].first;
  out_->occurrences.assign(pending_.size(), BlobOccurrence{0, 0});
  for (const Pending& p : pending_) out_->occurrences[next[p.blob]++] = p.occurrence;
  std::vector<Pending>().swap(pending_);
  std::vector<std::uint32_t>().swap(slots_);
}

}  // namespace ctxscan::git
