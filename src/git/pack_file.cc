// One pack read without libgit2; see src/git/pack_file.h.
#include "git/pack_file.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <utility>

#include "util/mapped_file.h"

namespace ctxscan::git {
namespace {

constexpr std::size_t kFanout = 8;                            // after magic and version
constexpr std::size_t kIds = kFanout + std::size_t{256} * 4;  // after the fan-out table
constexpr std::size_t kTrailer = 20;                          // a pack's closing checksum
constexpr std::uint64_t kMostExpansion = 1032;  // DEFLATE's largest ratio, about 1032:1
constexpr std::uint64_t kBoundedSize = std::uint64_t{1} << 20;  // see EntryAt
constexpr int kGuesses = 3;  // interpolation steps of PackFile::Find

// The most bytes `size` bytes of object data take compressed as git and the
// libraries it uses write them: stored blocks add 5 bytes per 65,535,
// Huffman-coded blocks of data that does not compress at most an eighth,
// zlib's wrapper 6 bytes. A longer stream (valid, never written by git) is
// inflated again up to the next object (PackFile::Inflate).
std::uint64_t MostCompressed(std::uint64_t size) { return size + size / 8 + 64; }

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

Result<std::unique_ptr<PackFile>> PackFile::Open(const std::string& idx_path, Access access) {
  if (!idx_path.ends_with(".idx")) return Status::Error(idx_path + ": not a pack index");
  Result<std::shared_ptr<const MappedFile>> idx = MappedFile::Open(idx_path);
  if (!idx.ok()) return idx.status();
  const std::string pack_path = idx_path.substr(0, idx_path.size() - 4) + ".pack";
  if (access == Access::kMapped) {
    Result<std::shared_ptr<const MappedFile>> pack = MappedFile::Open(pack_path);
    if (!pack.ok()) return pack.status();
    const std::string_view idx_bytes = (*idx)->bytes();
    const std::string_view pack_bytes = (*pack)->bytes();
    auto both = std::make_shared<
        const std::pair<std::shared_ptr<const MappedFile>, std::shared_ptr<const MappedFile>>>(
        std::move(idx).value(), std::move(pack).value());
    Result<std::unique_ptr<PackFile>> p = FromBytes(idx_bytes, pack_bytes, std::move(both));
    if (!p.ok()) return Status::Error(pack_path + ": " + p.status().message());
    return p;
  }
  UniqueFd fd(::open(pack_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  struct stat st {};
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0) {
    return Status::Error(pack_path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return Status::Error(pack_path + ": not a regular file");
  std::unique_ptr<PackFile> p(new PackFile());
  p->idx_ = (*idx)->bytes();
  p->owner_ = std::move(idx).value();
  p->fd_ = std::move(fd);
  p->pack_size_ = static_cast<std::uint64_t>(st.st_size);
  if (Status s = p->Check(); !s.ok()) return Status::Error(pack_path + ": " + s.message());
  return p;
}

Result<std::unique_ptr<PackFile>> PackFile::FromBytes(std::string_view idx, std::string_view pack,
                                                      std::shared_ptr<const void> owner) {
  std::unique_ptr<PackFile> p(new PackFile());
  p->owner_ = std::move(owner);
  p->idx_ = idx;
  p->memory_ = pack;
  p->pack_size_ = pack.size();
  if (Status s = p->Check(); !s.ok()) return s;
  return p;
}

bool PackFile::ReadAt(std::uint64_t at, std::size_t n, char* dst) const {
  if (at > pack_size_ || n > pack_size_ - at) return false;
  if (!fd_.valid()) {
    std::memcpy(dst, memory_.data() + at, n);
    return true;
  }
  while (n > 0) {
    const ssize_t got = ::pread(fd_.get(), dst, n, static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    dst += got;
    n -= static_cast<std::size_t>(got);
    at += static_cast<std::uint64_t>(got);
  }
  return true;
}

std::uint64_t PackFile::EndOf(std::uint64_t offset) const {
  std::call_once(starts_made_, [this] {
    starts_.reserve(count_);
    for (std::uint32_t i = 0; i < count_; ++i) starts_.push_back(OffsetAt(i));
    std::sort(starts_.begin(), starts_.end());
  });
  auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return next == starts_.end() ? pack_size_ - kTrailer : *next;
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
  char header[12];
  if (pack_size_ < 12 + kTrailer || !ReadAt(0, sizeof header, header) ||
      std::string_view(header, 4) != "PACK") {
    return Corrupt("no pack header");
  }
  const std::string_view h(header, sizeof header);
  const std::uint32_t version = Be32(h, 4);
  if (version != 2 && version != 3) return Corrupt("pack version " + std::to_string(version));
  if (Be32(h, 8) != count_) return Corrupt("pack and index disagree on the object count");
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
  // Ids compare first by their leading 8 bytes as one number, and ids are
  // hashes, spread evenly: the first probes go where the id would lie if
  // they were, then the search halves what is left. In a pack of 2 million
  // objects each step of a binary search missed the cache, and the search
  // was a tenth of a history scan's time.
  const auto lead = [](const void* p) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
  };
  const std::uint64_t want = lead(id.data());
  std::uint64_t low = std::uint64_t{first} << 56;             // no id in [lo, hi) leads with less
  std::uint64_t high = low | ((std::uint64_t{1} << 56) - 1);  // nor with more
  for (int step = 0; lo < hi; ++step) {
    std::uint32_t mid = lo + (hi - lo) / 2;
    if (step < kGuesses && low <= want && want <= high) {
      // Both differences to 32 bits, so that the product fits in 64.
      const int shift = std::max(0, 32 - std::countl_zero(high - low));
      const std::uint64_t span = (high - low) >> shift;
      const std::uint64_t part = (want - low) >> shift;  // at most span
      mid = lo + static_cast<std::uint32_t>(part * (hi - lo) / (span + 1));
    }
    const char* at = ids + std::size_t{mid} * 20;
    const std::uint64_t have = lead(at);
    const int c = have != want ? (have < want ? -1 : 1) : std::memcmp(at + 8, id.data() + 8, 12);
    if (c == 0) return OffsetAt(mid);
    if (c < 0) {
      lo = mid + 1;
      low = have;
    } else {
      hi = mid;
      high = have;
    }
  }
  return std::nullopt;
}

Result<PackEntry> PackFile::EntryAt(std::uint64_t offset) const {
  const std::uint64_t end = pack_size_ - kTrailer;
  if (offset < 12 || offset >= end) return Corrupt("object offset " + std::to_string(offset));
  // The longest header: 10 size bytes and a 20-byte base id (or a 10-byte distance).
  char head[32];
  const auto have = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof head, end - offset));
  if (!ReadAt(offset, have, head))
    return Corrupt("object at " + std::to_string(offset) + " unreadable");
  std::size_t p = 0;
  auto next = [&](std::uint8_t* c) {
    if (p >= have) return false;
    *c = static_cast<std::uint8_t>(head[p++]);
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
    if (have - p < 20) return Corrupt("delta base id cut off");
    std::memcpy(e.base_id.data(), head + p, 20);
    p += 20;
  }
  if (p >= have) return Corrupt("object data cut off");
  e.data = offset + p;
  // Small objects (nearly all trees, most blobs) are inflated from a bound
  // on their compressed length; the next object's offset, a binary search
  // of every offset of the pack (most of the cost of reading a small tree
  // from a pack of millions), is looked up for large ones, where it also
  // checks the size against what the pack holds before memory is taken.
  if (e.size > kBoundedSize) e.end = std::max(EndOf(offset), e.data);
  return e;
}

Status PackFile::Inflate(const PackEntry& entry, libdeflate_decompressor* inflater,
                         std::string* compressed, std::string* out) const {
  const std::uint64_t limit = pack_size_ - kTrailer;
  if (entry.data >= limit || entry.end > limit || (entry.end != 0 && entry.end <= entry.data)) {
    return Corrupt("object data outside the pack");
  }
  if (entry.end != 0) return InflateUpTo(entry, entry.end, inflater, compressed, out);
  const std::uint64_t bound = std::min(limit, entry.data + MostCompressed(entry.size));
  Status s = InflateUpTo(entry, bound, inflater, compressed, out);
  if (s.ok()) return s;
  // A stream longer than git's compressors write: up to the next object.
  const std::uint64_t next = std::max(EndOf(entry.data), entry.data + 1);
  return next > bound ? InflateUpTo(entry, next, inflater, compressed, out) : s;
}

Status PackFile::InflateUpTo(const PackEntry& entry, std::uint64_t end,
                             libdeflate_decompressor* inflater, std::string* compressed,
                             std::string* out) const {
  const std::uint64_t length = end - entry.data;
  if (entry.size > length * kMostExpansion + 64) {
    return Corrupt("object size " + std::to_string(entry.size));
  }
  const char* in = nullptr;
  if (fd_.valid()) {
    compressed->resize(static_cast<std::size_t>(length));
    if (!ReadAt(entry.data, compressed->size(), compressed->data())) {
      return Corrupt("object data at " + std::to_string(entry.data) + " unreadable");
    }
    in = compressed->data();
  } else {
    in = memory_.data() + entry.data;  // mapped or in memory: no copy
  }
  out->resize(static_cast<std::size_t>(entry.size));
  std::size_t used = 0;
  std::size_t got = 0;
  const libdeflate_result r = libdeflate_zlib_decompress_ex(
      inflater, in, static_cast<std::size_t>(length), out->data(), out->size(), &used, &got);
  if (r != LIBDEFLATE_SUCCESS || got != entry.size) {
    return Corrupt("object data at " + std::to_string(entry.data) + " does not inflate to " +
                   std::to_string(entry.size) + " bytes");
  }
  return Status::Ok();
}

}  // namespace ctxscan::git
