// Tests for src/util/parallel.h.
#include "util/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
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

// An exception on any thread (the caller's or a worker's) reaches the
// caller once every thread has returned, instead of ending the process.
TEST(Parallel, AnExceptionOnAnyThreadReachesTheCallerAfterAllReturn) {
  for (int thrower = 0; thrower < 3; ++thrower) {
    std::atomic<int> started{0};
    std::atomic<int> finished{0};
    EXPECT_THROW(RunOnThreads(3,
                              [&] {
                                const int me = started++;
                                if (me == thrower) throw std::runtime_error("boom");
                                ++finished;
                              }),
                 std::runtime_error);
    EXPECT_EQ(started.load(), 3);
    EXPECT_EQ(finished.load(), 2);
  }
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
