// Tests for include/ctxscan/util/parallel.h.
#include "ctxscan/util/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace ctxscan {
namespace {

TEST(Parallel, WorkerThreadsTakesAPositiveRequestAsIs) {
  EXPECT_EQ(WorkerThreads(3), 3u);
  EXPECT_GE(WorkerThreads(0), 1u);
  EXPECT_EQ(WorkerThreads(0), WorkerThreads(-1));
}

TEST(Parallel, RunsTheWorkOnEveryThreadTheCallersIncluded) {
  std::mutex mu;
  std::set<std::thread::id> seen;
  std::atomic<int> calls{0};
  RunOnThreads(4, [&] {
    ++calls;
    const std::lock_guard<std::mutex> lock(mu);
    seen.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(calls.load(), 4);
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen.count(std::this_thread::get_id()), 1u);
}

TEST(Parallel, SharedIndexCoversEveryItemOnce) {
  std::vector<std::atomic<int>> hits(1000);
  std::atomic<std::size_t> next{0};
  RunOnThreads(3, [&] {
    for (std::size_t i = next++; i < hits.size(); i = next++) ++hits[i];
  });
  for (const std::atomic<int>& h : hits) EXPECT_EQ(h.load(), 1);
}

}  // namespace
}  // namespace ctxscan
