// A FileSystem over a repository's object database, so the scanner reads
// blobs as it reads files: OpenFile takes a blob's full hex id. The size
// comes from the object header (read without inflating, so an over-limit
// blob is skipped cheaply); the content is inflated on the first Read.
// Each thread opens its own handle on the repository, as libgit2 wants.
//
// Only OpenFile is meaningful; ListDir, TypeOf and ReadFile report that a
// repository is not a directory.
//
// Covered by tests/e2e/git_cli_test.py.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ctxscan/status.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

class BlobFileSystem : public FileSystem {
 public:
  // The ids of the blobs read so far that are Git LFS pointers (the file's
  // content lives in LFS storage, not in the repository), sorted.
  virtual std::vector<std::string> LfsPointers() const = 0;
};

// Opens the object database of the repository at or above `path`.
Result<std::unique_ptr<BlobFileSystem>> OpenBlobFileSystem(const std::string& path);

}  // namespace ctxscan
