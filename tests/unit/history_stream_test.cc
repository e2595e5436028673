// HistoryBlobStream: blobs handed from a history walk to the scan while the
// walk goes on (src/pipeline/history_stream.h).
#include "pipeline/history_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace ctxscan {
namespace {

ObjectId Id(std::uint32_t n) {
  ObjectId id{};
  for (std::size_t i = 0; i < 4; ++i) id.bytes[i] = static_cast<std::uint8_t>(n >> (8 * i));
  return id;
}

TEST(HistoryBlobStream, HandsOverEveryBlobInOrderWhileTheWalkRuns) {
  MemoryFileSystem fs;
  HistoryBlobStream stream(&fs);
  // More than the stream holds: the walk must wait for the scan to take some.
  const std::uint32_t n = HistoryBlobStream::kMaxQueued * 2 + 77;
  std::thread walk([&] {
    for (std::uint32_t i = 0; i < n; ++i) {
      stream.Push(i, Id(i), i % 3 == 0 ? std::string() : "dir/file" + std::to_string(i));
    }
    stream.Close();
  });
  std::vector<ScanItem> batch;
  std::uint32_t next = 0;
  while (stream.Next(&batch)) {
    EXPECT_LE(batch.size(), kScanBatchItems);
    for (const ScanItem& item : batch) {
      ASSERT_EQ(item.origin, std::uint64_t{next} + 1);
      EXPECT_EQ(item.fs_path, Id(next).Hex());
      EXPECT_EQ(item.fs, &fs);
      EXPECT_EQ(item.path, next % 3 == 0 ? "(dangling blob " + Id(next).Hex() + ")"
                                         : "dir/file" + std::to_string(next));
      ++next;
    }
    batch.clear();
  }
  walk.join();
  EXPECT_EQ(next, n);
  bool complete = false;
  EXPECT_EQ(stream.Produced(&complete), n);
  EXPECT_TRUE(complete);
}

TEST(HistoryBlobStream, AWalkWithNoBlobsEndsTheScan) {
  MemoryFileSystem fs;
  HistoryBlobStream stream(&fs);
  bool complete = true;
  EXPECT_EQ(stream.Produced(&complete), 0u);
  EXPECT_FALSE(complete);
  stream.Close();
  std::vector<ScanItem> batch;
  EXPECT_FALSE(stream.Next(&batch));
  EXPECT_TRUE(batch.empty());
}

TEST(HistoryBlobStream, AFewBlobsAreHandedOverWhenTheWalkEnds) {
  MemoryFileSystem fs;
  HistoryBlobStream stream(&fs);
  for (std::uint32_t i = 0; i < 5; ++i) stream.Push(i, Id(i), "f");
  stream.Close();
  std::vector<ScanItem> batch;
  ASSERT_TRUE(stream.Next(&batch));
  EXPECT_EQ(batch.size(), 5u);
  batch.clear();
  EXPECT_FALSE(stream.Next(&batch));
}

}  // namespace
}  // namespace ctxscan
