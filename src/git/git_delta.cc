// Git's delta format; see src/git/git_delta.h.
#include "git/git_delta.h"

namespace ctxscan::git {
namespace {

// Reads a base-128 size at `*at`, at most 10 bytes.
bool ReadSize(std::string_view d, std::size_t* at, std::uint64_t* out) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (*at >= d.size()) return false;
    const auto c = static_cast<std::uint8_t>(d[(*at)++]);
    v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
    if ((c & 0x80) == 0) {
      *out = v;
      return true;
    }
  }
  return false;
}

// A copy instruction's offset and size: the bytes its low 7 bits select.
bool ReadCopy(std::string_view d, std::size_t* at, std::uint8_t op, std::uint64_t* offset,
              std::uint64_t* size) {
  *offset = 0;
  *size = 0;
  for (int i = 0; i < 7; ++i) {
    if ((op & (1u << i)) == 0) continue;
    if (*at >= d.size()) return false;
    const auto byte = static_cast<std::uint64_t>(static_cast<std::uint8_t>(d[(*at)++]));
    if (i < 4) {
      *offset |= byte << (8 * i);
    } else {
      *size |= byte << (8 * (i - 4));
    }
  }
  if (*size == 0) *size = 0x10000;
  return true;
}

}  // namespace

Result<DeltaSizes> ReadDeltaSizes(std::string_view delta) {
  DeltaSizes s;
  std::size_t at = 0;
  if (!ReadSize(delta, &at, &s.base) || !ReadSize(delta, &at, &s.result)) {
    return Status::Error("delta header cut off");
  }
  s.header = at;
  return s;
}

Status ApplyDelta(std::string_view base, std::string_view delta, std::string* out) {
  Result<DeltaSizes> sizes = ReadDeltaSizes(delta);
  if (!sizes.ok()) return sizes.status();
  if (sizes->base != base.size()) {
    return Status::Error("delta base is " + std::to_string(base.size()) +
                         " bytes, the delta names " + std::to_string(sizes->base));
  }
  out->clear();
  // The named size bounds the allocation only as far as the delta can
  // reach: each instruction byte makes at most 0x10000 (a copy) bytes.
  if (sizes->result <= delta.size() * std::uint64_t{0x10000}) {
    out->reserve(static_cast<std::size_t>(sizes->result));
  }
  std::size_t at = sizes->header;
  while (at < delta.size()) {
    const auto op = static_cast<std::uint8_t>(delta[at++]);
    if ((op & 0x80) != 0) {
      std::uint64_t offset = 0;
      std::uint64_t size = 0;
      if (!ReadCopy(delta, &at, op, &offset, &size)) return Status::Error("delta copy cut off");
      if (offset > base.size() || size > base.size() - offset) {
        return Status::Error("delta copies from outside its base");
      }
      out->append(base.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(size)));
    } else if (op != 0) {
      if (op > delta.size() - at) return Status::Error("delta insert cut off");
      out->append(delta.substr(at, op));
      at += op;
    } else {
      return Status::Error("reserved delta instruction 0");
    }
    if (out->size() > sizes->result) return Status::Error("delta makes more than it names");
  }
  if (out->size() != sizes->result) return Status::Error("delta makes less than it names");
  return Status::Ok();
}

}  // namespace ctxscan::git
