// Threads; see src/util/parallel.h.
#include "util/parallel.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ctxscan {

unsigned WorkerThreads(int requested) {
  if (requested > 0) return static_cast<unsigned>(requested);
  return std::max(1U, std::thread::hardware_concurrency());
}

void RunOnThreads(unsigned threads, const std::function<void()>& work) {
  // An exception must not end the process (a worker's would call
  // std::terminate, and so would a joinable thread left behind by the
  // caller's): the first one is kept and rethrown once all have returned.
  std::mutex mu;
  std::exception_ptr first;
  auto guarded = [&] {
    try {
      work();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mu);
      if (!first) first = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(guarded);
  guarded();
  for (std::thread& t : pool) t.join();
  if (first) std::rethrow_exception(first);
}

}  // namespace ctxscan
