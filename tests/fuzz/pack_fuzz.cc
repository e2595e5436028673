// libFuzzer target: the pack reader (src/git/pack_file.h,
// src/git/pack_store.h) and the delta format (src/git/git_delta.h) on any
// bytes.
//
// The input is a pack with a table of where its objects start: one byte N
// (at most 16 objects), N little-endian 4-byte offsets, then the pack's
// bytes. The harness writes the pack's header ("PACK", version 2, N) over
// its first 12 bytes and a version 2 index naming object i by the id
// (i, 0, 0, ...) at the i-th offset, so a mutated input reaches the object
// headers, delta chains by offset and by id (including cycles), and zlib
// data, not only the format checks.
//
// Oracles: no crash, hang or sanitizer report; reading an object either
// fails with a message or succeeds, and then its header agrees on the type
// (never a delta) and the size. ApplyDelta on the raw input either fails or
// makes exactly the size the delta names.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_fail.h"
#include "git/git_delta.h"
#include "git/pack_file.h"
#include "git/pack_store.h"

namespace {

using ctxscan::git::PackType;
using ctxscan::git::RawId;

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("pack_fuzz", what); }

void PutBe32(std::string* s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s->push_back(static_cast<char>((v >> shift) & 0xff));
}

// A version 2 index of `offsets`, object i named (i, 0, 0, ...).
std::string MakeIndex(const std::vector<std::uint32_t>& offsets) {
  std::string idx("\377tOc", 4);
  PutBe32(&idx, 2);
  const auto n = static_cast<std::uint32_t>(offsets.size());
  for (std::uint32_t b = 0; b < 256; ++b) PutBe32(&idx, b < n ? b + 1 : n);
  for (std::uint32_t i = 0; i < n; ++i) {
    idx.push_back(static_cast<char>(i));
    idx.append(19, '\0');
  }
  for (std::uint32_t i = 0; i < n; ++i) PutBe32(&idx, 0);  // CRC-32s, unread
  for (const std::uint32_t o : offsets) PutBe32(&idx, o & 0x7fffffffu);
  idx.append(40, '\0');  // the checksums, unread
  return idx;
}

void CheckDelta(std::string_view base, std::string_view delta) {
  std::string out;
  if (!ctxscan::git::ApplyDelta(base, delta, &out).ok()) return;
  const ctxscan::Result<ctxscan::git::DeltaSizes> sizes = ctxscan::git::ReadDeltaSizes(delta);
  if (!sizes.ok() || sizes->result != out.size()) Fail("a delta made a size it does not name");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  CheckDelta(in.substr(0, size / 3), in.substr(size / 3));
  const std::size_t n = std::min<std::size_t>(static_cast<std::uint8_t>(in[0]) % 17, 16);
  if (size < 1 + 4 * n) return 0;
  std::vector<std::uint32_t> offsets;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t o = 0;
    std::memcpy(&o, in.data() + 1 + 4 * i, 4);
    offsets.push_back(o);
  }
  std::string pack(in.substr(1 + 4 * n));
  if (pack.size() < 12) pack.resize(12, '\0');
  std::string header("PACK", 4);
  PutBe32(&header, 2);
  PutBe32(&header, static_cast<std::uint32_t>(n));
  pack.replace(0, 12, header);
  pack.append(20, '\0');  // the trailing checksum
  const std::string idx = MakeIndex(offsets);
  ctxscan::Result<std::unique_ptr<ctxscan::git::PackFile>> file =
      ctxscan::git::PackFile::FromBytes(idx, pack, nullptr);
  if (!file.ok()) Fail("a well-formed index and pack header were refused");
  std::vector<std::unique_ptr<ctxscan::git::PackFile>> packs;
  packs.push_back(std::move(file).value());
  const ctxscan::git::PackStore store(std::move(packs));
  for (const std::size_t budget : {std::size_t{0}, std::size_t{1} << 16}) {
    ctxscan::git::PackReader reader(store, budget);
    for (std::size_t i = 0; i < n; ++i) {
      RawId id{};
      id[0] = static_cast<std::uint8_t>(i);
      ctxscan::git::PackedObject object;
      const ctxscan::Result<bool> read = reader.Read(id, &object);
      if (!read.ok()) continue;
      if (!*read) Fail("an object the index names was not found");
      if (object.type == PackType::kOffsetDelta || object.type == PackType::kRefDelta) {
        Fail("a read object is still a delta");
      }
      PackType type = PackType::kBlob;
      std::uint64_t object_size = 0;
      const ctxscan::Result<bool> header = reader.Header(id, &type, &object_size);
      if (header.ok() && (type != object.type || object_size != object.data->size())) {
        Fail("header and content disagree");
      }
    }
  }
  return 0;
}
