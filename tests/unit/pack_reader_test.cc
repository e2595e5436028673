// Reading packs without libgit2 (src/git/pack_file.h, src/git/pack_store.h,
// src/git/git_delta.h): every object of packs git itself wrote, with deltas
// by offset and by id, read back and compared with `git cat-file`; and
// damaged packs and deltas refused.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "git/git_delta.h"
#include "git/pack_file.h"
#include "git/pack_store.h"

namespace ctxscan::git {
namespace {

namespace fs = std::filesystem;

// Runs a shell command; its standard output.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0) << command;
  return out;
}

RawId FromHex(const std::string& hex) {
  RawId id{};
  for (std::size_t i = 0; i < 20; ++i)
    id[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return id;
}

struct Expected {
  PackType type;
  std::string data;
};

// Every object of the repository, from `git cat-file --batch-all-objects`.
std::map<std::string, Expected> AllObjects(const std::string& dir) {
  const std::string batch =
      Shell("git -C " + dir + " cat-file --batch-all-objects --batch --unordered");
  std::map<std::string, Expected> all;
  std::size_t at = 0;
  while (at < batch.size()) {
    const std::size_t nl = batch.find('\n', at);
    std::istringstream header(batch.substr(at, nl - at));
    std::string id, type;
    std::size_t size = 0;
    header >> id >> type >> size;
    const PackType t = type == "blob"     ? PackType::kBlob
                       : type == "tree"   ? PackType::kTree
                       : type == "commit" ? PackType::kCommit
                                          : PackType::kTag;
    all[id] = {t, batch.substr(nl + 1, size)};
    at = nl + 1 + size + 1;
  }
  return all;
}

class PackReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "pack_reader_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    const std::string git =
        "GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@example.com "
        "GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@example.com git -C " +
        dir_;
    Shell(git + " init -q -b main");
    // Versions of two files, so that most blobs and trees become deltas.
    std::vector<std::string> lines;
    lines.reserve(300);
    for (int i = 0; i < 300; ++i) lines.push_back("line " + std::to_string(i) + " of some text\n");
    for (int v = 0; v < 40; ++v) {
      lines[static_cast<std::size_t>(v * 13 % 300)] = "version " + std::to_string(v) + "\n";
      {
        std::ofstream a(dir_ + "/a.txt");
        for (const std::string& l : lines) a << l;
        fs::create_directories(dir_ + "/sub");
        std::ofstream(dir_ + "/sub/b.txt", std::ios::app) << "entry " << v << "\n";
      }  // written before git reads them
      std::string commit = git;
      commit += " add -A && ";
      commit += git;
      commit += " commit -q -m v";
      commit += std::to_string(v);
      Shell(commit);
    }
    git_ = git;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Repacks everything into one pack, deltas by offset or by id.
  void Repack(bool by_offset) {
    Shell(git_ + " -c repack.useDeltaBaseOffset=" + (by_offset ? "true" : "false") +
          " repack -q -a -d -f --depth=50 --window=50 && " + git_ + " prune-packed");
  }

  // How many objects of the pack are stored as `type`.
  std::size_t CountEntries(PackType type) {
    const std::unique_ptr<const PackStore> store = PackStore::Open(dir_ + "/.git/objects");
    std::size_t n = 0;
    for (const auto& [hex, want] : AllObjects(dir_)) {
      std::uint64_t offset = 0;
      const PackFile* pack = store->Find(FromHex(hex), &offset);
      if (pack == nullptr) continue;
      Result<PackEntry> e = pack->EntryAt(offset);
      if (e.ok() && e->type == type) ++n;
    }
    return n;
  }

  // Reads every object both ways and compares; returns how many were read.
  std::size_t CheckAll(std::size_t cache_bytes) {
    const std::unique_ptr<const PackStore> store = PackStore::Open(dir_ + "/.git/objects");
    EXPECT_EQ(store->size(), 1u);
    EXPECT_TRUE(store->skipped().empty());
    PackReader reader(*store, cache_bytes);
    std::size_t read = 0;
    for (const auto& [hex, want] : AllObjects(dir_)) {
      PackType type = PackType::kBlob;
      std::uint64_t size = 0;
      Result<bool> header = reader.Header(FromHex(hex), &type, &size);
      EXPECT_TRUE(header.ok() && *header) << hex;
      EXPECT_EQ(type, want.type) << hex;
      EXPECT_EQ(size, want.data.size()) << hex;
      PackedObject got;
      Result<bool> r = reader.Read(FromHex(hex), &got);
      EXPECT_TRUE(r.ok() && *r) << hex << (r.ok() ? "" : r.status().message());
      if (!r.ok() || !*r) continue;
      EXPECT_EQ(got.type, want.type) << hex;
      EXPECT_EQ(*got.data, want.data) << hex;
      // Both in one, with room for the object and without (a reader of its
      // own, so that it starts without the bases the reads above kept).
      for (const std::uint64_t most : {std::uint64_t{0}, want.data.size() / 2, UINT64_MAX}) {
        // From `reader` too, whose kept bases answer some of these.
        PackedObject kept;
        std::uint64_t kept_size = 0;
        Result<bool> k = reader.ReadUpTo(FromHex(hex), most, &kept, &kept_size);
        EXPECT_TRUE(k.ok() && *k) << hex;
        EXPECT_EQ(kept_size, want.data.size()) << hex;
        EXPECT_EQ(kept.type, want.type) << hex;
        EXPECT_EQ(kept.data != nullptr, want.data.size() <= most) << hex;
        PackReader once(*store, cache_bytes);
        PackedObject both;
        std::uint64_t both_size = 0;
        Result<bool> b = once.ReadUpTo(FromHex(hex), most, &both, &both_size);
        EXPECT_TRUE(b.ok() && *b) << hex;
        if (!b.ok() || !*b) continue;
        EXPECT_EQ(both.type, want.type) << hex;
        EXPECT_EQ(both_size, want.data.size()) << hex;
        if (want.data.size() <= most) {
          EXPECT_TRUE(both.data != nullptr && *both.data == want.data) << hex;
        } else {
          EXPECT_EQ(both.data, nullptr) << hex;
        }
      }
      ++read;
    }
    EXPECT_LE(reader.cached_bytes(), cache_bytes);
    return read;
  }

  std::string dir_;
  std::string git_;
};

TEST_F(PackReaderTest, ReadsEveryObjectOfAPackWithOffsetDeltas) {
  Repack(true);
  EXPECT_GT(CountEntries(PackType::kOffsetDelta), 50u);
  EXPECT_EQ(CountEntries(PackType::kRefDelta), 0u);
  EXPECT_EQ(CheckAll(8 << 20), AllObjects(dir_).size());
  EXPECT_EQ(CheckAll(0), AllObjects(dir_).size());  // no bases kept: every chain rebuilt
}

TEST_F(PackReaderTest, ReadsEveryObjectOfAPackWithReferenceDeltas) {
  Repack(false);
  EXPECT_GT(CountEntries(PackType::kRefDelta), 50u);
  EXPECT_EQ(CountEntries(PackType::kOffsetDelta), 0u);
  EXPECT_EQ(CheckAll(8 << 20), AllObjects(dir_).size());
  EXPECT_EQ(CheckAll(4096), AllObjects(dir_).size());
}

TEST_F(PackReaderTest, AnObjectInNoPackIsAbsentNotAnError) {
  Repack(true);
  const std::unique_ptr<const PackStore> store = PackStore::Open(dir_ + "/.git/objects");
  PackReader reader(*store, 1 << 20);
  PackedObject got;
  Result<bool> r = reader.Read(FromHex(std::string(40, 'f')), &got);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
}

TEST_F(PackReaderTest, DamagedPacksAreErrorsNotCrashes) {
  Repack(true);
  std::string idx_path;
  for (const auto& e : fs::directory_iterator(dir_ + "/.git/objects/pack")) {
    if (e.path().extension() == ".idx") idx_path = e.path().string();
  }
  std::ifstream idx_in(idx_path, std::ios::binary);
  const std::string idx((std::istreambuf_iterator<char>(idx_in)), {});
  std::ifstream pack_in(idx_path.substr(0, idx_path.size() - 4) + ".pack", std::ios::binary);
  const std::string pack((std::istreambuf_iterator<char>(pack_in)), {});
  const std::map<std::string, Expected> all = AllObjects(dir_);
  // Every object read from the pack cut short at many lengths, and with
  // bytes flipped: each read either gives the right bytes or fails.
  for (std::size_t cut = 12; cut < pack.size(); cut += pack.size() / 97 + 1) {
    for (int flip = 0; flip < 2; ++flip) {
      std::string damaged = flip == 0 ? pack.substr(0, cut) + std::string(20, '\0') : pack;
      if (flip == 1) damaged[cut] = static_cast<char>(damaged[cut] ^ 0x5a);
      Result<std::unique_ptr<PackFile>> p = PackFile::FromBytes(idx, damaged, nullptr);
      if (!p.ok()) continue;  // the count in the header was cut off or changed
      std::vector<std::unique_ptr<PackFile>> packs;
      packs.push_back(std::move(p).value());
      const PackStore store(std::move(packs));
      PackReader reader(store, 1 << 20);
      for (const auto& [hex, want] : all) {
        PackedObject got;
        Result<bool> r = reader.Read(FromHex(hex), &got);
        if (r.ok() && *r && *got.data != want.data) {
          // A flipped byte inside compressed data can still inflate (zlib's
          // checksum is not checked by every path): only the size is sure.
          EXPECT_EQ(flip, 1) << hex << " cut at " << cut;
        }
      }
    }
  }
  EXPECT_FALSE(PackFile::FromBytes(idx.substr(0, 100), pack, nullptr).ok());
  EXPECT_FALSE(PackFile::FromBytes(idx, pack.substr(0, 30), nullptr).ok());
  EXPECT_FALSE(PackFile::FromBytes("", "", nullptr).ok());
}

// A zlib stream as no git writes it: `text` after `padding` empty stored
// blocks (5 bytes each), so the stream is far longer than its content.
std::string PaddedZlib(const std::string& text, int padding) {
  std::string z("\x78\x01", 2);
  for (int i = 0; i < padding; ++i) z.append("\x00\x00\x00\xff\xff", 5);
  const auto n = static_cast<std::uint16_t>(text.size());
  z.push_back('\x01');  // the final block, stored
  z.push_back(static_cast<char>(n & 0xff));
  z.push_back(static_cast<char>(n >> 8));
  z.push_back(static_cast<char>(~n & 0xff));
  z.push_back(static_cast<char>((~n >> 8) & 0xff));
  z += text;
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (const char c : text) {
    a = (a + static_cast<std::uint8_t>(c)) % 65521;
    b = (b + a) % 65521;
  }
  const std::uint32_t adler = (b << 16) | a;
  for (int shift = 24; shift >= 0; shift -= 8)
    z.push_back(static_cast<char>((adler >> shift) & 0xff));
  return z;
}

void PutBe32(std::string* s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s->push_back(static_cast<char>((v >> shift) & 0xff));
}

TEST(PackFile, InflatesAStreamLongerThanGitWritesIt) {
  // Two blobs of under 16 bytes (a one-byte header each): the first's stream
  // is 1,000 bytes of empty blocks before its 11 bytes, beyond the bound the
  // reader first inflates from; it must go on to the next object's start.
  const std::string first = "hello world";
  const std::string second = "second";
  std::string pack("PACK", 4);
  PutBe32(&pack, 2);
  PutBe32(&pack, 2);
  const auto first_at = static_cast<std::uint32_t>(pack.size());
  pack.push_back(static_cast<char>(0x30 | first.size()));  // a blob of 11 bytes
  pack += PaddedZlib(first, 200);
  const auto second_at = static_cast<std::uint32_t>(pack.size());
  pack.push_back(static_cast<char>(0x30 | second.size()));
  pack += PaddedZlib(second, 0);
  pack.append(20, '\0');  // the checksum, unread
  std::string idx("\377tOc", 4);
  PutBe32(&idx, 2);
  for (std::uint32_t b = 0; b < 256; ++b) PutBe32(&idx, b == 0 ? 1 : 2);
  idx.append(20, '\0');                    // object (0, 0, ...)
  idx.append(1, '\x01').append(19, '\0');  // object (1, 0, ...)
  idx.append(8, '\0');                     // two CRC-32s, unread
  PutBe32(&idx, first_at);
  PutBe32(&idx, second_at);
  idx.append(40, '\0');
  Result<std::unique_ptr<PackFile>> p = PackFile::FromBytes(idx, pack, nullptr);
  ASSERT_TRUE(p.ok()) << p.status().message();
  std::vector<std::unique_ptr<PackFile>> packs;
  packs.push_back(std::move(p).value());
  const PackStore store(std::move(packs));
  PackReader reader(store, 1 << 20);
  RawId id{};
  for (const auto& [byte, want] : {std::pair{0, first}, std::pair{1, second}}) {
    id[0] = static_cast<std::uint8_t>(byte);
    PackedObject got;
    Result<bool> r = reader.Read(id, &got);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(*r);
    EXPECT_EQ(*got.data, want);
  }
}

TEST(PackFile, FindsEveryIdOfALargeIndexAndNoOther) {
  // An index of 60,000 ids: random ones, runs sharing their first 8 bytes
  // (where the leading number ties), and ids at the ends of the first and
  // last fan-out buckets. Find must agree with a search of the sorted list.
  std::mt19937_64 rng(20261208);
  std::vector<RawId> ids;
  auto random_id = [&] {
    RawId id;
    for (auto& b : id) b = static_cast<std::uint8_t>(rng());
    return id;
  };
  for (int i = 0; i < 50000; ++i) ids.push_back(random_id());
  for (int i = 0; i < 200; ++i) {
    RawId base = random_id();
    for (int k = 0; k < 40; ++k) {
      base[19] = static_cast<std::uint8_t>(k * 5);
      base[12] = static_cast<std::uint8_t>(rng() % 3);
      ids.push_back(base);
    }
  }
  for (std::uint8_t edge : {std::uint8_t{0}, std::uint8_t{255}}) {
    RawId low{};
    RawId high;
    high.fill(0xff);
    low[0] = edge;
    high[0] = edge;
    ids.push_back(low);
    ids.push_back(high);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const auto n = static_cast<std::uint32_t>(ids.size());
  std::string idx("\377tOc", 4);
  PutBe32(&idx, 2);
  std::uint32_t count = 0;
  for (std::uint32_t b = 0; b < 256; ++b) {
    while (count < n && ids[count][0] == b) ++count;
    PutBe32(&idx, count);
  }
  for (const RawId& id : ids) idx.append(reinterpret_cast<const char*>(id.data()), id.size());
  idx.append(std::size_t{n} * 4, '\0');                         // CRC-32s, unread
  for (std::uint32_t i = 0; i < n; ++i) PutBe32(&idx, 12 + i);  // offsets, unread here
  idx.append(40, '\0');
  std::string pack("PACK", 4);
  PutBe32(&pack, 2);
  PutBe32(&pack, n);
  pack.append(20, '\0');
  Result<std::unique_ptr<PackFile>> p = PackFile::FromBytes(idx, pack, nullptr);
  ASSERT_TRUE(p.ok()) << p.status().message();
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::optional<std::uint64_t> at = (*p)->Find(ids[i]);
    ASSERT_TRUE(at.has_value()) << i;
    ASSERT_EQ(*at, 12u + i);
  }
  for (int i = 0; i < 50000; ++i) {
    RawId probe = random_id();
    if (i % 2 == 0) {  // a near miss: a held id with its last byte changed
      probe = ids[rng() % n];
      probe[19] = static_cast<std::uint8_t>(probe[19] + 1 + rng() % 4);
    }
    const bool held = std::binary_search(ids.begin(), ids.end(), probe);
    ASSERT_EQ((*p)->Find(probe).has_value(), held);
  }
}

TEST(GitDelta, RebuildsFromCopiesAndInserts) {
  const std::string base = "0123456789abcdef";
  // base 16, result 9: copy 4 bytes from offset 2, insert "XYZ", copy 2 from 14.
  const std::string delta =
      std::string("\x10\x09", 2) + "\x91\x02\x04" + "\x03XYZ" + "\x91\x0e\x02";
  std::string out;
  ASSERT_TRUE(ApplyDelta(base, delta, &out).ok());
  EXPECT_EQ(out, "2345XYZef");
}

TEST(GitDelta, RefusesWhatGitWouldRefuse) {
  const std::string base = "0123456789abcdef";
  std::string out;
  // The base size disagrees.
  EXPECT_FALSE(ApplyDelta(base, std::string("\x11\x01\x01Z", 4), &out).ok());
  // A copy past the base's end.
  EXPECT_FALSE(ApplyDelta(base, std::string("\x10\x04\x91\x0e\x04", 5), &out).ok());
  // The reserved instruction 0.
  EXPECT_FALSE(ApplyDelta(base, std::string("\x10\x01\x00", 3), &out).ok());
  // An insert cut off.
  EXPECT_FALSE(ApplyDelta(base,
                          std::string("\x10\x05\x05"
                                      "ab",
                                      5),
                          &out)
                   .ok());
  // More or less than the result size it names.
  EXPECT_FALSE(ApplyDelta(base,
                          std::string("\x10\x01\x02"
                                      "ab",
                                      5),
                          &out)
                   .ok());
  EXPECT_FALSE(ApplyDelta(base,
                          std::string("\x10\x03\x02"
                                      "ab",
                                      5),
                          &out)
                   .ok());
  // A header cut off in a size.
  EXPECT_FALSE(ReadDeltaSizes(std::string("\x80\x80", 2)).ok());
  // A copy of size 0 means 0x10000 bytes: past this base.
  EXPECT_FALSE(ApplyDelta(base, std::string("\x10\x80\x80\x04\x80", 5), &out).ok());
}

}  // namespace
}  // namespace ctxscan::git
