// Files in ctxscan's cache directory: the compiled prefilter database and
// the rule widths, each named by the rule set's digest.
//
// Location: the configured directory, else $XDG_CACHE_HOME/ctxscan, else
// ~/.cache/ctxscan; none when none of these is set. Entries are written with
// mode 0600 in a 0700 directory, to a temporary name then renamed, so a
// reader never sees half a file. Each starts with a magic line, the exact
// fingerprint of what it was made from, and a CRC-32 of the payload; a
// file that does not match all three (corrupt, truncated, foreign) is
// ignored and the caller rebuilds it. Writing is best effort: where no cache
// directory is writable (read-only containers), nothing is cached.
//
// Covered by tests/unit/rules_test.cc (the caches) and tests/unit/hash_key_test.cc.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/mapped_file.h"

namespace ctxscan {

// The cache directory: `configured` when not empty, else the default above.
// Empty when there is none.
std::string CacheDirectory(std::string_view configured);

// A cache file's payload, mapped read-only: a compiled database is megabytes,
// read at every start, and neither copied nor zero-filled this way. Files are
// replaced by rename, never rewritten in place, so a mapping stays valid.
class CachePayload {
 public:
  std::string_view data() const { return data_; }

 private:
  friend std::optional<CachePayload> ReadCacheFile(const std::string& path, std::string_view magic,
                                                   std::string_view fingerprint);
  CachePayload(std::shared_ptr<const MappedFile> file, std::string_view data)
      : file_(std::move(file)), data_(data) {}
  std::shared_ptr<const MappedFile> file_;
  std::string_view data_;  // within file_
};

// The payload of the cache file at `path`, or nothing when it is absent or
// does not carry `magic` and `fingerprint` and a matching checksum.
std::optional<CachePayload> ReadCacheFile(const std::string& path, std::string_view magic,
                                          std::string_view fingerprint);

// Writes `payload` to `path` in `dir` (created 0700 if missing), atomically;
// silently does nothing when that fails.
void WriteCacheFile(const std::string& dir, const std::string& path, std::string_view magic,
                    std::string_view fingerprint, std::string_view payload);

}  // namespace ctxscan
