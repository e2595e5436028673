// One pack read without libgit2; see src/git/pack_file.h.
#include "git/pack_file.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstring>

#include "util/mapped_file.h"

namespace ctxscan::git {
namespace {

constexpr std::size_t kFanout = 8;                            // after magic and version
constexpr std::size_t kIds = kFanout + std::size_t{256} * 4;  // after the fan-out table
constexpr std::size_t kTrailer = 20;                          // a pack's closing checksum
constexpr std::uint64_t kMostExpansion = 1032;  // DEFLATE's largest ratio, about 1032:1

std::uint32_t Be32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<std::uint8_t>(s[at + i]);
  return v;
}

std::uint64_t Be64(std::string_view s, std::size_t at) {
  return (std::uint64_t{Be32(s, at)} << 32) | Be32(s, at + 4);
}

Status Corrupt(const std::string& what) { return Status::Error("corrupt pack: " + what); }

}  // namespace

Result<std::unique_ptr<PackFile>> PackFile::Open(const std::string& idx_path) {
  if (!idx_path.ends_with(".idx")) return Status::Error(idx_path + ": not a pack index");
  Result<std::shared_ptr<const MappedFile>> idx = MappedFile::Open(idx_path);
  if (!idx.ok()) return idx.status();
  const std::string pack_path = idx_path.substr(0, idx_path.size() - 4) + ".pack";
  Result<std::shared_ptr<const MappedFile>> pack = MappedFile::Open(pack_path);
  if (!pack.ok()) return pack.status();
  struct Both {
    std::shared_ptr<const MappedFile> idx;
    std::shared_ptr<const MappedFile> pack;
  };
  auto both = std::make_shared<const Both>(Both{*idx, *pack});
  Result<std::unique_ptr<PackFile>> opened =
      FromBytes((*idx)->bytes(), (*pack)->bytes(), std::move(both));
  if (!opened.ok()) return Status::Error(pack_path + ": " + opened.status().message());
  return opened;
}

Result<std::unique_ptr<PackFile>> PackFile::FromBytes(std::string_view idx, std::string_view pack,
                                                      std::shared_ptr<const void> owner) {
  std::unique_ptr<PackFile> p(new PackFile());
  p->owner_ = std::move(owner);
  p->idx_ = idx;
  p->pack_ = pack;
  if (Status s = p->Check(); !s.ok()) return s;
  return p;
}

Status PackFile::Check() {
  if (idx_.size() < kIds + 40 || idx_.substr(0, 4) != "\377tOc") {
    return Status::Error("not a version 2 pack index");
  }
  if (Be32(idx_, 4) != 2)
    return Status::Error("pack index version " + std::to_string(Be32(idx_, 4)));
  std::uint32_t previous = 0;
  for (std::size_t b = 0; b < 256; ++b) {
    const std::uint32_t n = Be32(idx_, kFanout + 4 * b);
    if (n < previous) return Corrupt("index fan-out decreases");
    previous = n;
  }
  count_ = previous;
  const std::uint64_t fixed = kIds + std::uint64_t{count_} * 28 + 40;
  if (idx_.size() < fixed || (idx_.size() - fixed) % 8 != 0) {
    return Corrupt("index size does not fit its " + std::to_string(count_) + " objects");
  }
  large_offsets_ = static_cast<std::uint32_t>((idx_.size() - fixed) / 8);
  if (pack_.size() < 12 + kTrailer || pack_.substr(0, 4) != "PACK")
    return Corrupt("no pack header");
  const std::uint32_t version = Be32(pack_, 4);
  if (version != 2 && version != 3) return Corrupt("pack version " + std::to_string(version));
  if (Be32(pack_, 8) != count_) return Corrupt("pack and index disagree on the object count");
  return Status::Ok();
}

RawId PackFile::IdAt(std::uint32_t i) const {
  RawId id;
  std::memcpy(id.data(), idx_.data() + kIds + std::size_t{i} * 20, 20);
  return id;
}

std::uint64_t PackFile::OffsetAt(std::uint32_t i) const {
  const std::size_t offsets = kIds + std::size_t{count_} * 24;
  const std::uint32_t v = Be32(idx_, offsets + std::size_t{i} * 4);
  if ((v & 0x80000000u) == 0) return v;
  const std::uint32_t j = v & 0x7fffffffu;
  if (j >= large_offsets_) return UINT64_MAX;  // EntryAt refuses it
  return Be64(idx_, offsets + std::size_t{count_} * 4 + std::size_t{j} * 8);
}

std::optional<std::uint64_t> PackFile::Find(const RawId& id) const {
  const std::size_t first = id[0];
  std::uint32_t lo = first == 0 ? 0 : Be32(idx_, kFanout + 4 * (first - 1));
  std::uint32_t hi = Be32(idx_, kFanout + 4 * first);
  const char* ids = idx_.data() + kIds;
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const int c = std::memcmp(ids + std::size_t{mid} * 20, id.data(), 20);
    if (c == 0) return OffsetAt(mid);
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

Result<PackEntry> PackFile::EntryAt(std::uint64_t offset) const {
  const std::uint64_t end = pack_.size() - kTrailer;
  if (offset < 12 || offset >= end) return Corrupt("object offset " + std::to_string(offset));
  std::uint64_t p = offset;
  auto next = [&](std::uint8_t* c) {
    if (p >= end) return false;
    *c = static_cast<std::uint8_t>(pack_[p++]);
    return true;
  };
  std::uint8_t c = 0;
  next(&c);
  PackEntry e;
  const unsigned type = (c >> 4) & 7;
  e.size = c & 15;
  for (unsigned shift = 4; (c & 0x80) != 0; shift += 7) {
    if (shift > 57 || !next(&c)) return Corrupt("object header at " + std::to_string(offset));
    e.size |= std::uint64_t{c & 0x7fu} << shift;
  }
  if (type == 0 || type == 5) return Corrupt("object type " + std::to_string(type));
  e.type = static_cast<PackType>(type);
  if (e.type == PackType::kOffsetDelta) {
    if (!next(&c)) return Corrupt("delta base cut off");
    std::uint64_t distance = c & 0x7fu;
    while ((c & 0x80) != 0) {
      if (distance >= (std::uint64_t{1} << 56) || !next(&c)) return Corrupt("delta base distance");
      distance = ((distance + 1) << 7) | (c & 0x7fu);
    }
    if (distance == 0 || distance > offset) return Corrupt("delta base outside the pack");
    e.base_offset = offset - distance;
  } else if (e.type == PackType::kRefDelta) {
    if (end - p < 20) return Corrupt("delta base id cut off");
    std::memcpy(e.base_id.data(), pack_.data() + p, 20);
    p += 20;
  }
  if (p >= end) return Corrupt("object data cut off");
  e.data = p;
  return e;
}

Status PackFile::Inflate(std::uint64_t data, std::uint64_t size, libdeflate_decompressor* inflater,
                         std::string* out) const {
  const std::uint64_t end = pack_.size() - kTrailer;
  if (data >= end) return Corrupt("object data outside the pack");
  const std::uint64_t available = end - data;
  if (size > available * kMostExpansion + 64) return Corrupt("object size " + std::to_string(size));
  out->resize(static_cast<std::size_t>(size));
  std::size_t got = 0;
  const libdeflate_result r = libdeflate_zlib_decompress_ex(
      inflater, pack_.data() + data, static_cast<std::size_t>(available), out->data(), out->size(),
      nullptr, &got);
  if (r != LIBDEFLATE_SUCCESS || got != size) {
    return Corrupt("object data at " + std::to_string(data) + " does not inflate to " +
                   std::to_string(size) + " bytes");
  }
  return Status::Ok();
}

}  // namespace ctxscan::git
