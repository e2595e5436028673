// The floor of a context scan: a bare parallel walk that reads every regular
// file under DIR and does nothing with the bytes. No ignore rules, no
// sorting, no matching, no output but one summary line. bench/scan_tree.sh
// compares `ctxscan scan` with it in files/s.
//
// usage: walk_read DIR [THREADS=2]
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

class Walk {
 public:
  explicit Walk(std::string root) { queue_.push_back(std::move(root)); }

  void Worker() {
    std::vector<char> buffer(256 * 1024);
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
    for (;;) {
      std::string dir;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty() || busy_ == 0; });
        if (queue_.empty()) break;
        dir = std::move(queue_.front());
        queue_.pop_front();
        ++busy_;
      }
      std::vector<std::string> subdirs;
      const int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (DIR* d = dfd >= 0 ? fdopendir(dfd) : nullptr) {
        while (const dirent* e = readdir(d)) {
          const std::string_view name = e->d_name;
          if (name == "." || name == "..") continue;
          if (e->d_type == DT_DIR) {
            subdirs.push_back(dir + "/" + e->d_name);
          } else if (e->d_type == DT_REG) {
            const int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) continue;
            ssize_t n;
            while ((n = read(fd, buffer.data(), buffer.size())) > 0)
              bytes += static_cast<std::uint64_t>(n);
            close(fd);
            ++files;
          }
        }
        closedir(d);
      }
      std::lock_guard<std::mutex> lock(mu_);
      for (std::string& s : subdirs) queue_.push_back(std::move(s));
      --busy_;
      cv_.notify_all();
    }
    files_ += files;
    bytes_ += bytes;
  }

  std::uint64_t files() const { return files_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  int busy_ = 0;
  std::atomic<std::uint64_t> files_{0};
  std::atomic<std::uint64_t> bytes_{0};
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: walk_read DIR [THREADS=2]\n");
    return 2;
  }
  const int threads = argc == 3 ? std::atoi(argv[2]) : 2;
  const auto start = std::chrono::steady_clock::now();
  Walk walk(argv[1]);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back([&] { walk.Worker(); });
  for (std::thread& t : pool) t.join();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("walk_read: %llu files, %.1f MB in %.3f s: %.0f files/s, %.0f MB/s\n",
              static_cast<unsigned long long>(walk.files()),
              static_cast<double>(walk.bytes()) / 1e6, took.count(),
              static_cast<double>(walk.files()) / took.count(),
              static_cast<double>(walk.bytes()) / 1e6 / took.count());
  return 0;
}
