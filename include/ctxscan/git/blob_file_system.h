// A FileSystem over a repository's object database, so the scanner reads
// blobs as it reads files: OpenFile takes a blob's full hex id. The size
// comes from the object header (read without inflating, so an over-limit
// blob is skipped cheaply); the content is inflated on the first Read.
// Each thread opens its own handle on the repository, as libgit2 wants.
//
// Only OpenFile is meaningful; ListDir, TypeOf and ReadFile report that a
// repository is not a directory.
#pragma once

#include <memory>
#include <string>

#include "ctxscan/context/file_system.h"
#include "ctxscan/status.h"

namespace ctxscan {

// Opens the object database of the repository at or above `path`.
Result<std::unique_ptr<FileSystem>> OpenBlobFileSystem(const std::string& path);

}  // namespace ctxscan
