// The history walk's cache of parsed trees; see src/git/tree_cache.h.
#include "git/tree_cache.h"

#include <algorithm>

namespace ctxscan::git {

TreeCache::TreeCache(git_repository* repo, std::size_t capacity)
    : repo_(repo), capacity_(std::max<std::size_t>(capacity, 1)) {}

SharedTree TreeCache::Get(const git_oid& id) {
  if (auto it = index_.find(id); it != index_.end()) {
    order_.splice(order_.begin(), order_, it->second);
    return it->second->tree;
  }
  git_tree* raw = nullptr;
  ++reads_;
  if (git_tree_lookup(&raw, repo_, &id) != 0) return nullptr;
  SharedTree tree(raw, [](const git_tree* t) { git_tree_free(const_cast<git_tree*>(t)); });
  order_.push_front({id, tree});
  index_.emplace(id, order_.begin());
  if (order_.size() > capacity_) {
    index_.erase(order_.back().id);
    order_.pop_back();
  }
  return tree;
}

}  // namespace ctxscan::git
