// `ctxscan image --cache`: layers scanned before with nothing found are not
// scanned again. An entry is keyed by the layer's digest and the scan's
// digest (ScanDigest: the ctxscan binary itself, every field of every rule,
// and the options that change what a file yields), and holds what the
// report needs of the layer without reading it: its summary counts, its
// skipped files, and the paths it adds and deletes (for telling whether a
// lower layer's file is still in the final filesystem).
//
// Only clean layers are cached: a layer with a finding or an error is
// scanned again each time, so no secret is ever stored, and its findings
// are always reported fresh. Entries are files of mode 0600 in a 0700
// directory (cache_file.h); a damaged entry is ignored.
//
// Covered by tests/e2e/image_cli_test.py.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ctxscan/findings/scan.h"
#include "ctxscan/match/engine.h"

namespace ctxscan {

// A digest of what a layer's scan result depends on besides the layer.
std::string ScanDigest(const Engine& engine, const FileScanOptions& options);

class LayerCache {
 public:
  struct Entry {
    ScanSummary summary;
    std::vector<SkippedFile> skipped;
    std::vector<std::string> paths;  // every entry's image path, in order
  };

  // Entries under `dir` for scans of digest `scan_digest`.
  LayerCache(std::string dir, std::string scan_digest);

  const std::string& dir() const { return dir_; }
  // The entry of the layer with `layer_digest`, if one was stored.
  std::optional<Entry> Find(const std::string& layer_digest) const;
  // Stores `entry` for the layer (best effort: nothing when not writable).
  void Store(const std::string& layer_digest, const Entry& entry) const;

 private:
  std::string PathOf(const std::string& layer_digest) const;
  std::string dir_;
  std::string scan_digest_;
};

}  // namespace ctxscan
