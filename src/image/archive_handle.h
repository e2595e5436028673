// RAII around libarchive's read handle, and the one place that sets up a
// reader for image material: every format libarchive reads is refused but
// tar (plain, gzip, zstd, and whatever filter libarchive detects), so a
// layer is read as shipped and nothing is ever written to disk.
//
// Covered by tests/e2e/image_cli_test.py.
#pragma once

#include <archive.h>

#include <memory>
#include <string>

namespace ctxscan {

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchiveHandle = std::unique_ptr<struct archive, ArchiveDeleter>;

// A new reader of tar archives behind any compression filter.
ArchiveHandle NewTarReader();

// Moves `a` to its next entry: true with `*entry` set, false at the end or
// on an error (`*rc` tells which: ARCHIVE_EOF at the end). A warning (a
// name not convertible to the locale's character set, say) is not an
// error: the entry is read.
bool NextEntry(struct archive* a, struct archive_entry** entry, int* rc);

// The entry's path as the archive stores it: UTF-8 when the archive says
// so (PAX), else its raw bytes; never converted to the locale's charset.
std::string EntryPath(struct archive_entry* entry);

// libarchive's message for its last error on `a`, or `fallback`.
std::string ArchiveError(struct archive* a, const std::string& fallback);

}  // namespace ctxscan
