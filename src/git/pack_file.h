// One pack of a repository's object database, read without libgit2: its
// index (`.idx`, version 2) and its data (`.pack`, version 2 or 3).
//
// libgit2 1.5 reads packs under one process-wide lock, so the blobs a
// history scan reads on several threads were inflated one at a time, and the
// history walk (which reads trees through libgit2) waited for them too.
// Reading the packs directly lets every scanning thread inflate on its own.
//
// Index v2: "\377tOc", version 2, 256 cumulative counts by first byte of the
// id, the ids sorted, a CRC-32 each, a 4-byte offset each (high bit set: an
// index into a table of 8-byte offsets that follows), then the pack's and
// the index's checksums. Pack: "PACK", version, object count, then each
// object as a header (type in bits 4-6 of the first byte, size in base-128
// little-endian from its low 4 bits on), for an offset delta the distance
// back to its base (base-128 big-endian, each continuation adding one), for
// a reference delta the base's 20-byte id, then the zlib data.
//
// The index is mapped; the pack is read with pread, each object's bytes as
// they are needed (an object ends where the next one in the pack starts), so
// that a pack of gigabytes adds nothing to the resident set beyond the
// objects being read. Every offset, size and count is checked: a corrupt or
// hostile pack is an error, never a read outside it.
//
// Thread safety: immutable after opening; share it between threads.
// Covered by tests/unit/pack_reader_test.cc (against git's own packs) and
// tests/fuzz/pack_fuzz.cc.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"
#include "util/unique_fd.h"

struct libdeflate_decompressor;

namespace ctxscan::git {

enum class PackType : std::uint8_t {
  kCommit = 1,
  kTree = 2,
  kBlob = 3,
  kTag = 4,
  kOffsetDelta = 6,
  kRefDelta = 7,
};

using RawId = std::array<std::uint8_t, 20>;

// An object's header in the pack.
struct PackEntry {
  PackType type = PackType::kBlob;
  std::uint64_t size = 0;         // of the object, or of the delta for a delta
  std::uint64_t data = 0;         // where its zlib data starts
  std::uint64_t end = 0;          // where the next object (or the trailer) starts; 0: not
                                  // looked up (objects up to 1 MiB, see EntryAt)
  std::uint64_t base_offset = 0;  // kOffsetDelta: the base's offset in this pack
  RawId base_id{};                // kRefDelta: the base's id
};

class PackFile {
 public:
  // How the pack's bytes are read: with pread, each object's bytes as they
  // are needed (nothing resident beyond the objects being read: the blob
  // scan), or mapped (no system call per object: the history walk, which
  // reads a few hundred thousand small trees, spent a fifth of its time in
  // pread; only the trees' and commits' pages become resident).
  enum class Access { kRead, kMapped };

  // Maps `idx_path` and opens the pack beside it (same name, ".pack");
  // neither may be a symbolic link. Fails for an index of another version,
  // and when the two disagree on the object count.
  static Result<std::unique_ptr<PackFile>> Open(const std::string& idx_path,
                                                Access access = Access::kRead);
  // The same over bytes in memory, which `owner` keeps alive.
  static Result<std::unique_ptr<PackFile>> FromBytes(std::string_view idx, std::string_view pack,
                                                     std::shared_ptr<const void> owner);
  PackFile(const PackFile&) = delete;
  PackFile& operator=(const PackFile&) = delete;

  std::uint32_t count() const { return count_; }
  // The offset of object `id`, or nothing when this pack does not hold it.
  std::optional<std::uint64_t> Find(const RawId& id) const;
  // The id and offset of the `i`th object of the index (sorted by id).
  RawId IdAt(std::uint32_t i) const;
  std::uint64_t OffsetAt(std::uint32_t i) const;
  // The object header at `offset`.
  Result<PackEntry> EntryAt(std::uint64_t offset) const;
  // Inflates the entry's zlib data into `*out`, which must come to exactly
  // entry.size bytes. `inflater` and `compressed` (a buffer for the
  // entry's bytes) are the caller's, one per thread.
  Status Inflate(const PackEntry& entry, libdeflate_decompressor* inflater, std::string* compressed,
                 std::string* out) const;

 private:
  PackFile() = default;
  Status Check();
  // Copies pack bytes [at, at + n) into `dst`; false when they cannot be read.
  bool ReadAt(std::uint64_t at, std::size_t n, char* dst) const;
  // Where the object starting at `offset` ends: the next object's offset.
  std::uint64_t EndOf(std::uint64_t offset) const;
  // Inflates the entry's data from the pack bytes [entry.data, end).
  Status InflateUpTo(const PackEntry& entry, std::uint64_t end, libdeflate_decompressor* inflater,
                     std::string* compressed, std::string* out) const;

  std::shared_ptr<const void> owner_;
  std::string_view idx_;
  std::string_view memory_;  // the pack when it is in memory
  UniqueFd fd_;              // the pack when it is a file
  std::uint64_t pack_size_ = 0;
  std::uint32_t count_ = 0;
  std::uint32_t large_offsets_ = 0;  // entries of the 8-byte offset table
  // Every object's offset, sorted: made on the first EndOf, not at opening
  // (sorting a 2-million-object pack's offsets took most of a `--staged`
  // run, which rarely reads a packed blob at all).
  mutable std::once_flag starts_made_;
  mutable std::vector<std::uint64_t> starts_;
};

}  // namespace ctxscan::git
