// Setting up libarchive readers; see archive_handle.h.
#include "image/archive_handle.h"

#include <archive_entry.h>

namespace ctxscan {

ArchiveHandle NewTarReader() {
  ArchiveHandle a(archive_read_new());
  if (!a) return a;
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  return a;
}

bool NextEntry(struct archive* a, struct archive_entry** entry, int* rc) {
  *rc = archive_read_next_header(a, entry);
  return *rc == ARCHIVE_OK || *rc == ARCHIVE_WARN;
}

std::string EntryPath(struct archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  if (utf8 != nullptr) return utf8;
  const char* raw = archive_entry_pathname(entry);
  return raw != nullptr ? raw : "";
}

std::string ArchiveError(struct archive* a, const std::string& fallback) {
  const char* message = a != nullptr ? archive_error_string(a) : nullptr;
  return message != nullptr ? std::string(message) : fallback;
}

}  // namespace ctxscan
