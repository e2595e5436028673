// A repository's packs, read without libgit2 (git/pack_file.h), and a reader
// that rebuilds objects stored as deltas, keeping the bases it rebuilt.
//
// In a pack, most versions of a file are deltas of another version (git
// keeps the newest whole), in chains up to 50 deep by default. Rebuilding
// an old version rebuilds every version between it and the whole one; the
// reader keeps those (the bases) up to a byte budget, so that reading the
// versions of a file one after another, as a history scan does, rebuilds
// each about once.
//
// Thread safety: a PackStore is immutable after opening and shared; a
// PackReader is one thread's at a time.
// Covered by tests/unit/pack_reader_test.cc and tests/fuzz/pack_fuzz.cc.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ctxscan/status.h"
#include "git/pack_file.h"

struct git_repository;

namespace ctxscan::git {

class PackStore {
 public:
  // The packs of the object directory `objects_dir` (its pack/*.idx with
  // their .pack). A pack that cannot be used (an old index version, a link,
  // a corrupt index) is left out and named in skipped(): its objects are
  // read some other way.
  static std::unique_ptr<const PackStore> Open(const std::string& objects_dir,
                                               PackFile::Access access = PackFile::Access::kRead);
  // Over packs already open (tests, fuzzing).
  explicit PackStore(std::vector<std::unique_ptr<PackFile>> packs) : packs_(std::move(packs)) {}

  std::size_t size() const { return packs_.size(); }
  const std::vector<std::string>& skipped() const { return skipped_; }
  // The pack holding `id`, with its offset there; null when none does.
  const PackFile* Find(const RawId& id, std::uint64_t* offset) const;

 private:
  PackStore() = default;
  std::vector<std::unique_ptr<PackFile>> packs_;
  std::vector<std::string> skipped_;
};

// The packs of `repo`'s object directory (none when libgit2 cannot name
// it).
std::unique_ptr<const PackStore> OpenPacks(git_repository* repo,
                                           PackFile::Access access = PackFile::Access::kRead);

// An object read from a pack: its type (never a delta) and content.
struct PackedObject {
  PackType type = PackType::kBlob;
  std::shared_ptr<const std::string> data;
};

class PackReader {
 public:
  // The longest delta chain followed (git writes at most 4095).
  static constexpr int kMostDepth = 10000;

  // Reads from `store`, which outlives the reader, keeping up to
  // `cache_bytes` of rebuilt delta bases.
  PackReader(const PackStore& store, std::size_t cache_bytes);
  PackReader(const PackReader&) = delete;
  PackReader& operator=(const PackReader&) = delete;

  // Sets `*type` and `*size` of object `id` without rebuilding it (a
  // delta's chain is followed for the type and its own data inflated for the
  // size). Returns false when no pack holds it; an error, naming the
  // problem, when a pack holds it but it cannot be read.
  Result<bool> Header(const RawId& id, PackType* type, std::uint64_t* size);
  // Sets `*out` to object `id`; false and errors as for Header.
  Result<bool> Read(const RawId& id, PackedObject* out);
  // Header and Read in one: sets `*size`, and `*out` to object `id` when it
  // is at most `most` bytes (else only out->type, out->data null). A blob
  // scan learns each blob's size before reading it; asking twice followed
  // each delta chain twice and inflated each delta twice (5% of a history
  // scan's samples on trufflehog).
  Result<bool> ReadUpTo(const RawId& id, std::uint64_t most, PackedObject* out,
                        std::uint64_t* size);

  // What the kept bases cost: their bytes and 64 for each (at most the
  // budget).
  std::size_t cached_bytes() const { return cached_bytes_; }

 private:
  struct Key {
    const PackFile* pack;
    std::uint64_t offset;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  struct Cached {
    Key key;
    PackedObject object;
  };
  // A delta met on the way to its base.
  struct Step {
    const PackFile* pack;
    std::uint64_t offset;
    PackEntry entry;
  };

  // Rebuilds the object at (pack, offset); `top_delta`, when not null, is
  // its own delta already inflated (moved from).
  Status Resolve(const PackFile* pack, std::uint64_t offset, PackedObject* out,
                 std::string* top_delta);
  // Follows deltas from (pack, offset) to a whole object or a cached one,
  // pushing the deltas met onto `chain`; sets `*base` to where it stopped.
  Status FindBase(const PackFile* pack, std::uint64_t offset, std::vector<Step>* chain,
                  PackedObject* base);
  static std::size_t Cost(const PackedObject& object);
  const PackedObject* Lookup(const Key& key);
  void Keep(const Key& key, const PackedObject& object);

  struct InflaterFree {
    void operator()(libdeflate_decompressor* d) const;
  };

  const PackStore& store_;
  std::size_t budget_;
  std::unique_ptr<libdeflate_decompressor, InflaterFree> inflater_;
  std::string compressed_;   // the bytes of the object being inflated
  std::list<Cached> order_;  // most recently used first
  std::unordered_map<Key, std::list<Cached>::iterator, KeyHash> index_;
  std::size_t cached_bytes_ = 0;
};

}  // namespace ctxscan::git
