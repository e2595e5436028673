// Threads; see include/ctxscan/util/parallel.h.
#include "ctxscan/util/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace ctxscan {

unsigned WorkerThreads(int requested) {
  if (requested > 0) return static_cast<unsigned>(requested);
  return std::max(1U, std::thread::hardware_concurrency());
}

void RunOnThreads(unsigned threads, const std::function<void()>& work) {
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace ctxscan
