// BlobCollector: the compact blob records of a history walk
// (src/git/blob_collector.h).
#include "git/blob_collector.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace ctxscan::git {
namespace {

git_oid Oid(int n) {
  git_oid id{};
  std::memcpy(id.id, &n, sizeof n);
  id.id[19] = static_cast<unsigned char>(n);
  return id;
}

TEST(BlobCollector, GroupsOccurrencesByBlobInWalkOrder) {
  History h;
  BlobCollector c(&h);
  // Interleaved: blob 0 at commits 0, 2, 5; blob 1 at 1, 3; blob 2 at 4.
  c.Add(Oid(10), 0, "a");
  c.Add(Oid(11), 1, "b");
  c.Add(Oid(10), 2, "c");
  c.Add(Oid(11), 3, "b");
  c.Add(Oid(12), 4, "d");
  c.Add(Oid(10), 5, "a");
  c.AddDangling(Oid(13));
  c.AddDangling(Oid(10));  // already known: not dangling
  EXPECT_TRUE(c.Seen(Oid(12)));
  EXPECT_FALSE(c.Seen(Oid(14)));
  c.Finish();
  ASSERT_EQ(h.blobs.size(), 4u);
  EXPECT_EQ(h.blobs[0].id.bytes[19], 10);
  auto describe = [&](std::size_t i) {
    std::string s;
    for (const BlobOccurrence& o : h.Occurrences(i)) {
      s += std::to_string(o.commit) + std::string(h.paths[o.path]) + " ";
    }
    return s;
  };
  EXPECT_EQ(describe(0), "0a 2c 5a ");
  EXPECT_EQ(describe(1), "1b 3b ");
  EXPECT_EQ(describe(2), "4d ");
  EXPECT_EQ(describe(3), "");
  EXPECT_EQ(h.FirstPath(2), "d");
  EXPECT_EQ(h.FirstPath(3), "");
  EXPECT_EQ(h.paths.size(), 4u);  // a, b, c, d: each once
}

TEST(BlobCollector, ManyBlobsWithCollidingHashes) {
  History h;
  BlobCollector c(&h);
  // Ids that share their first eight bytes land in one probe chain.
  for (int n = 0; n < 4000; ++n) {
    git_oid id{};
    id.id[18] = static_cast<unsigned char>(n >> 8);
    id.id[19] = static_cast<unsigned char>(n);
    if (n % 1000 == 0) id.id[0] = 1;  // and a few elsewhere
    c.Add(id, static_cast<std::uint32_t>(n), n % 2 == 0 ? "p" : "r");
    c.Add(id, static_cast<std::uint32_t>(n + 1), "q");
  }
  c.Finish();
  ASSERT_EQ(h.blobs.size(), 4000u);
  EXPECT_EQ(h.occurrences.size(), 8000u);
  EXPECT_EQ(h.Occurrences(3999).size(), 2u);
  EXPECT_EQ(h.Occurrences(3999)[1].commit, 4000u);
  EXPECT_EQ(h.blobs[1234].id.Hex(), std::string(36, '0') + "04d2");
  EXPECT_LE(h.HeapBytes() / h.blobs.size(), 64u);
}

}  // namespace
}  // namespace ctxscan::git
