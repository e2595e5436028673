// What each layer of an image adds and deletes, to tell whether a file a
// layer ships is still in the final filesystem. A later layer deletes a
// path with a whiteout (".wh.NAME" in the same directory, for NAME and all
// under it), empties a directory with an opaque whiteout (".wh..wh..opq"
// in it: everything under it from lower layers), or replaces the path with
// an entry of its own.
//
// Covered by tests/unit/layer_changes_test.cc.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

// `name` (a tar entry's name) as a path from the image root: no leading
// "./" or "/", no trailing "/", "." for the root; nothing when a ".."
// component would take it out of the root.
std::optional<std::string> ImagePath(std::string_view name);

// What one layer adds and deletes, recorded entry by entry as the layer is
// read. A layer shared by several images is read once and its record used
// by each.
class LayerEntries {
 public:
  // `keep_paths`: keep every path in order, for paths().
  explicit LayerEntries(bool keep_paths = false) : keep_paths_(keep_paths) {}
  // Records the entry at `path` (an ImagePath). Returns true when it is a
  // whiteout marker rather than a file of the image.
  bool Record(const std::string& path);
  // Every path recorded, in order, when kept (for the layer cache to
  // replay); empty otherwise.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  friend class LayerChanges;
  bool keep_paths_;
  std::vector<std::string> paths_;
  std::set<std::string> added_;
  std::set<std::string> deleted_;  // whiteouts: these paths and all under them
  std::set<std::string> emptied_;  // opaque whiteouts: all under these
};

class LayerChanges {
 public:
  // An image of `layers` layers, each recorded through Record.
  explicit LayerChanges(std::size_t layers);
  // An image whose layers were recorded elsewhere (none may be null).
  explicit LayerChanges(std::vector<std::shared_ptr<LayerEntries>> layers);

  // Records the entry at `path` of layer `layer` (see LayerEntries).
  bool Record(std::size_t layer, const std::string& path) {
    return layers_.at(layer)->Record(path);
  }

  // The first layer after `layer` that deletes or replaces `path`, or
  // nothing when the final filesystem still holds `layer`'s file.
  std::optional<std::size_t> RemovedIn(std::size_t layer, const std::string& path) const;

 private:
  std::vector<std::shared_ptr<LayerEntries>> layers_;
};

}  // namespace ctxscan
