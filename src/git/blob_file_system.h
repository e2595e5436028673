// A FileSystem over a repository's object database, so the scanner reads
// blobs as it reads files: OpenFile takes a blob's full hex id. The size
// comes from the object's header (for an object stored as a delta, from the
// delta's own header: the blob is not rebuilt, so an over-limit blob is
// skipped cheaply); the content is read on the first Read. Blobs are read
// from the pack files directly (git/pack_store.h), each reader keeping its
// recent delta bases; objects no pack holds, and any the pack reader cannot
// read, through libgit2. Readers, and their libgit2 handles on the
// repository (one user at a time, as libgit2 wants), are lent to one file
// at a time and kept for the next, whatever thread asks.
//
// In a partial clone (git clone --filter=...), a blob the clone has not
// fetched is reported as such, not as missing or corrupt.
//
// Only OpenFile is meaningful; ListDir, TypeOf and ReadFile report that a
// repository is not a directory.
//
// Covered by tests/e2e/git_cli_test.py (loose objects, packs with delta
// chains of both kinds, a partial clone) and tests/unit/pack_reader_test.cc.
#pragma once

#include <cstddef>
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
  // For a partial clone, the remote it fetches missing objects from (git's
  // extensions.partialclone, or a remote with promisor = true); empty for a
  // full repository. A blob such a clone has not fetched fails OpenFile with
  // StatusCode::kNotFetched: ctxscan never fetches.
  virtual const std::string& PromisorRemote() const = 0;
  // How many blobs OpenFile found missing from this partial clone.
  virtual std::size_t UnfetchedBlobs() const = 0;
};

// Opens the object database of the repository at or above `path`.
Result<std::unique_ptr<BlobFileSystem>> OpenBlobFileSystem(const std::string& path);

}  // namespace ctxscan
