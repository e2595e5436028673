// The history walk's cache of parsed trees; see src/git/tree_cache.h.
#include "git/tree_cache.h"

#include <algorithm>
#include <cstring>

namespace ctxscan::git {

TreeCache::TreeCache(git_repository* repo, const PackStore& packs, std::size_t capacity)
    : repo_(repo), packs_(packs, kDeltaBaseBytes), capacity_(std::max<std::size_t>(capacity, 1)) {}

std::shared_ptr<const std::string> TreeCache::ReadBytes(const git_oid& id) {
  RawId raw;
  std::memcpy(raw.data(), id.id, raw.size());
  PackedObject packed;
  Result<bool> found = packs_.Read(raw, &packed);
  if (found.ok() && *found) {
    ++packed_reads_;
    return packed.type == PackType::kTree ? packed.data : nullptr;
  }
  // Not in a pack the reader knows, or unreadable there: libgit2 reads
  // loose objects and says what is wrong with a corrupt one.
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo_) != 0) return nullptr;
  const Odb odb(raw_odb);
  git_odb_object* object = nullptr;
  if (git_odb_read(&object, odb.get(), &id) != 0) return nullptr;
  std::shared_ptr<const std::string> bytes;
  if (git_odb_object_type(object) == GIT_OBJECT_TREE) {
    bytes = std::make_shared<const std::string>(
        static_cast<const char*>(git_odb_object_data(object)), git_odb_object_size(object));
  }
  git_odb_object_free(object);
  return bytes;
}

SharedTree TreeCache::Get(const git_oid& id) {
  if (auto it = index_.find(id); it != index_.end()) {
    order_.splice(order_.begin(), order_, it->second);
    return it->second->tree;
  }
  ++reads_;
  std::shared_ptr<const std::string> bytes = ReadBytes(id);
  if (bytes == nullptr) return nullptr;
  std::optional<RawTree> parsed = RawTree::Parse(std::move(bytes));
  if (!parsed.has_value()) return nullptr;
  SharedTree tree = std::make_shared<const RawTree>(std::move(*parsed));
  order_.push_front({id, tree});
  index_.emplace(id, order_.begin());
  if (order_.size() > capacity_) {
    index_.erase(order_.back().id);
    order_.pop_back();
  }
  return tree;
}

}  // namespace ctxscan::git
