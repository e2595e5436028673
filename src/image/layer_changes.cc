// Whiteouts and replacements across layers; see layer_changes.h.
#include "image/layer_changes.h"

#include <algorithm>

#include "util/go_path.h"

namespace ctxscan {
namespace {

constexpr std::string_view kWhiteout = ".wh.";
constexpr std::string_view kOpaque = ".wh..wh..opq";

// The directory of `path` ("" at the root) and its last component.
std::pair<std::string, std::string> Split(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

std::string Join(const std::string& dir, std::string_view name) {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

}  // namespace

std::optional<std::string> ImagePath(std::string_view name) {
  for (std::size_t i = 0; i <= name.size();) {  // any ".." component: refused
    const std::size_t end = std::min(name.find('/', i), name.size());
    if (name.substr(i, end - i) == "..") return std::nullopt;
    i = end + 1;
  }
  std::string path = go::Clean(name);
  if (path.rfind('/', 0) == 0) path.erase(0, 1);
  return path.empty() ? std::string(".") : path;
}

LayerChanges::LayerChanges(std::size_t layers) {
  for (std::size_t i = 0; i < layers; ++i) layers_.push_back(std::make_shared<LayerEntries>());
}

LayerChanges::LayerChanges(std::vector<std::shared_ptr<LayerEntries>> layers)
    : layers_(std::move(layers)) {}

bool LayerEntries::Record(const std::string& path) {
  if (keep_paths_) paths_.push_back(path);
  const auto [dir, name] = Split(path);
  if (name == kOpaque) {
    emptied_.insert(dir);
    return true;
  }
  if (name.rfind(kWhiteout, 0) == 0) {
    deleted_.insert(Join(dir, std::string_view(name).substr(kWhiteout.size())));
    return true;
  }
  added_.insert(path);
  return false;
}

std::optional<std::size_t> LayerChanges::RemovedIn(std::size_t layer,
                                                   const std::string& path) const {
  for (std::size_t j = layer + 1; j < layers_.size(); ++j) {
    const LayerEntries& l = *layers_[j];
    if (l.added_.count(path) != 0 || l.deleted_.count(path) != 0) return j;
    // Every directory above the path: deleted whole, or emptied.
    for (std::size_t slash = path.rfind('/'); slash != std::string::npos;
         slash = slash == 0 ? std::string::npos : path.rfind('/', slash - 1)) {
      const std::string dir = path.substr(0, slash);
      if (l.deleted_.count(dir) != 0 || l.emptied_.count(dir) != 0) return j;
    }
    if (l.emptied_.count("") != 0 || l.emptied_.count(".") != 0) return j;
  }
  return std::nullopt;
}

}  // namespace ctxscan
