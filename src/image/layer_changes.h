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

class LayerChanges {
 public:
  explicit LayerChanges(std::size_t layers);

  // Records the entry at `path` (an ImagePath) of layer `layer`. Returns
  // true when it is a whiteout marker rather than a file of the image.
  bool Record(std::size_t layer, const std::string& path);

  // The first layer after `layer` that deletes or replaces `path`, or
  // nothing when the final filesystem still holds `layer`'s file.
  std::optional<std::size_t> RemovedIn(std::size_t layer, const std::string& path) const;

 private:
  struct Layer {
    std::set<std::string> added;
    std::set<std::string> deleted;  // whiteouts: these paths and all under them
    std::set<std::string> emptied;  // opaque whiteouts: all under these
  };
  std::vector<Layer> layers_;
};

}  // namespace ctxscan
