// The one thread pool pattern of ctxscan: the walker and the scanner each
// run a work loop on N threads, the calling thread among them, and go on
// when all have returned. Work is shared by the loops themselves (a queue,
// an atomic index); results are put in order by the caller, so output does
// not depend on the thread count.
//
// Covered by tests/unit/parallel_test.cc.
#pragma once

#include <functional>

namespace ctxscan {

// The threads to use for `requested` (a --threads value): itself when
// positive, else one per core (at least one).
unsigned WorkerThreads(int requested);

// Runs `work` on `threads` threads (at least one: the caller's) and returns
// when every call has returned. If calls throw, the first exception is
// rethrown after all have returned.
void RunOnThreads(unsigned threads, const std::function<void()>& work);

}  // namespace ctxscan
