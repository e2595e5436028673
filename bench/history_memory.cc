// What a history costs in memory: reads the history of the repository
// given (ReadHistory, as `ctxscan git` does) and prints the bytes its blob
// records, occurrences and paths hold on the heap, per unique blob, with the
// process's resident memory split into heap (anonymous) and mapped pack
// files. bench/run's history-memory workload runs it on a generated
// repository of two million objects (bench/gen_many_objects.py). Usage:
//   history_memory REPOSITORY
#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "ctxscan/git/history.h"

namespace {

// A field of /proc/self/status in kB ("VmHWM", "RssAnon", "RssFile").
long StatusKb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: history_memory REPOSITORY\n");
    return 2;
  }
  ctxscan::Result<ctxscan::History> h = ctxscan::ReadHistory(argv[1], {});
  if (!h.ok()) {
    std::fprintf(stderr, "history_memory: %s\n", h.status().message().c_str());
    return 2;
  }
  const std::size_t blobs = h->blobs.size();
  const std::size_t bytes = h->HeapBytes();
  std::printf("commits %zu, unique blobs %zu, occurrences %zu, changes %zu, paths %zu\n",
              h->commits.size(), blobs, h->occurrences.size(), h->changes.size(), h->paths.size());
  std::printf("blob records, occurrences and paths: %zu bytes, %.1f bytes per blob\n", bytes,
              blobs == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(blobs));
  std::printf("resident now: heap %ld kB, mapped files %ld kB; peak %ld kB\n", StatusKb("RssAnon"),
              StatusKb("RssFile"), StatusKb("VmHWM"));
  const struct mallinfo2 m = mallinfo2();
  std::printf("malloc: %zu kB in use, %zu kB free in the heap\n", m.uordblks / 1024,
              m.fordblks / 1024);
  return 0;
}
