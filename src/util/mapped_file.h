// A regular file mapped read-only into memory, unmapped when the last owner
// lets go. The file is opened without following a symbolic link (the last
// component); its size is taken at opening.
//
// Thread safety: immutable; share it between threads.
// Covered by its users' tests: tests/unit/pack_reader_test.cc (pack
// indexes) and tests/unit/rules_test.cc (the cache files, match/cache_file.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

class MappedFile {
 public:
  // Maps `path`; fails, naming it, when it cannot be opened, is not a
  // regular file (a link, a directory), or cannot be mapped. An empty file
  // maps to no bytes.
  static Result<std::shared_ptr<const MappedFile>> Open(const std::string& path);

  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return bytes_; }

 private:
  MappedFile(void* map, std::size_t size);
  void* map_;
  std::string_view bytes_;
};

}  // namespace ctxscan
