// The parallel walk of a build context; see include/ctxscan/context/build_context.h.
//
// Phase 1 (parallel): worker threads take directories from a shared queue,
// list them, decide every entry with the parent's per-pattern results, and
// queue the subdirectories the builder would enter. Each directory's result
// is its children sorted by name, with '/' appended to directory names.
// Phase 2 (one thread): a depth-first pass emits the entries. Sorting
// siblings by name+'/' makes depth-first order equal to byte order of the
// printed paths, so no global sort is needed, and the output does not depend
// on which thread listed what.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "ctxscan/context/build_context.h"
#include "util/parallel.h"

namespace ctxscan {
namespace {

enum class State : std::uint8_t {
  kSent,            // included
  kExcluded,        // excluded file, or excluded directory not entered
  kExcludedWalked,  // excluded directory that the walk still enters
};

struct DirNode;

struct Child {
  std::string name;
  EntryType type;
  State state;
  std::uint64_t size;
  std::unique_ptr<DirNode> dir;  // for directories the walk entered
};

struct DirNode {
  std::vector<Child> children;
};

// The sort key of an entry: its name, with '/' appended for a directory.
// Sorting siblings by it makes depth-first order equal to byte order.
struct SortKey {
  std::uint64_t head;  // first 8 key bytes, big-endian, zero-padded
  std::uint32_t index;
};

std::uint64_t KeyHead(const DirEntry& e) {
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    unsigned char b = 0;
    if (i < e.name.size()) {
      b = static_cast<unsigned char>(e.name[i]);
    } else if (i == e.name.size() && e.type == EntryType::kDirectory) {
      b = '/';
    }
    head = (head << 8) | b;
  }
  return head;
}

// Compares two entries by their full sort keys.
bool KeyLess(const DirEntry& a, const DirEntry& b) {
  const std::size_t n = std::min(a.name.size(), b.name.size());
  const int c = a.name.compare(0, n, b.name, 0, n);
  if (c != 0) return c < 0;
  auto at = [](const DirEntry& e, std::size_t i) -> int {
    if (i < e.name.size()) return static_cast<unsigned char>(e.name[i]);
    return e.type == EntryType::kDirectory ? '/' : -1;
  };
  return at(a, n) < at(b, n);
}

// Fills `order` with the indices of `entries` in sort-key order.
void SortEntries(const std::vector<DirEntry>* entries, std::vector<std::uint32_t>* order) {
  std::vector<SortKey> keys;
  keys.reserve(entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    keys.push_back({KeyHead((*entries)[i]), static_cast<std::uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (a.head != b.head) return a.head < b.head;
    return KeyLess((*entries)[a.index], (*entries)[b.index]);
  });
  order->clear();
  for (const SortKey& k : keys) order->push_back(k.index);
}

struct Task {
  DirNode* node;
  std::string path;
  MatchInfo info;
  bool excluded;  // the directory itself is excluded
};

// What one worker thread reuses from directory to directory, and its tallies.
struct WorkerState {
  std::vector<DirEntry> entries;
  std::vector<std::uint32_t> order;
  MatchInfo scratch;
  std::string path;
  std::vector<Task> found;  // subdirectories to queue
  std::vector<ContextListing::PathError> errors;
  std::uint64_t excluded = 0;
  std::uint64_t pruned = 0;
  std::uint64_t skipped_sockets = 0;
};

}  // namespace

namespace internal {

// The walk; the one writer of a ContextListing.
class ContextWalker {
 public:
  ContextWalker(const FileSystem& fs, const ContextRules& rules, const WalkOptions& options)
      : fs_(fs), rules_(rules), options_(options) {}

  Result<ContextListing> Run() {
    DirNode root;
    {
      std::vector<DirEntry> probe;
      const Status s = fs_.ListDir("", ListOptions{false, false}, &probe);
      if (!s.ok()) return s;
    }
    queue_.push_back({&root, "", {}, false});
    pending_ = 1;
    RunOnThreads(WorkerThreads(options_.threads), [this] { Work(); });
    if (!fatal_.ok()) return fatal_;

    MarkSent(&root);
    std::string prefix;
    Emit(root, &prefix);
    listing_.SortErrors();
    return std::move(listing_);
  }

 private:
  void Work() {
    WorkerState w;
    while (true) {
      Task task;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return !queue_.empty() || pending_ == 0; });
        if (queue_.empty()) break;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      w.found.clear();
      ListOne(task, &w);
      {
        std::lock_guard lock(mu_);
        for (Task& t : w.found) queue_.push_back(std::move(t));
        pending_ += w.found.size();
        --pending_;
      }
      cv_.notify_all();
    }
    std::lock_guard lock(mu_);
    for (auto& e : w.errors) listing_.AddError(std::move(e.path), std::move(e.message));
    listing_.CountExcluded(w.excluded);
    listing_.CountPruned(w.pruned);
    listing_.CountSkippedSockets(w.skipped_sockets);
  }

  void Fail(Status s) {
    std::lock_guard lock(fatal_mu_);
    if (fatal_.ok()) fatal_ = std::move(s);
    failed_.store(true, std::memory_order_relaxed);
  }

  void ListOne(Task& task, WorkerState* w) {
    std::vector<DirEntry>* entries = &w->entries;
    std::string* path = &w->path;
    if (failed_.load(std::memory_order_relaxed)) return;
    const Status listed =
        fs_.ListDir(task.path, ListOptions{options_.want_sizes, options_.check_readable}, entries);
    if (!listed.ok()) {
      // BuildKit ignores an unreadable directory that is excluded anyway.
      if (!task.excluded) {
        // The message names the directory ("dir: reason"); keep the reason.
        std::string_view reason = listed.message();
        const std::string shown = task.path.empty() ? "." : task.path;
        if (reason.starts_with(shown + ": ")) reason.remove_prefix(shown.size() + 2);
        w->errors.push_back({task.path, std::string(reason)});
      }
      return;
    }
    SortEntries(entries, &w->order);
    std::vector<Child>& children = task.node->children;
    children.reserve(entries->size());
    for (const std::uint32_t index : w->order) {
      DirEntry& e = (*entries)[index];
      path->assign(task.path);
      if (!path->empty()) path->push_back('/');
      path->append(e.name);
      const bool is_dir = e.type == EntryType::kDirectory;
      MatchInfo* info = &w->scratch;
      MatchInfo dir_info;
      if (is_dir) info = &dir_info;
      Result<MatchDecision> d = rules_.matcher.MatchUsingParent(*path, task.info, info);
      if (!d.ok()) {
        Fail(d.status());
        return;
      }
      Child child{std::move(e.name), e.type, State::kSent, e.size, nullptr};
      if (!d->excluded && e.type == EntryType::kSocket && rules_.builder == Builder::kLegacy) {
        // The classic client's tar writer cannot store sockets and leaves
        // them out (with a warning); the build goes on.
        ++w->skipped_sockets;
        child.state = State::kExcluded;
      } else if (d->excluded) {
        ++w->excluded;
        child.state = State::kExcluded;
        if (is_dir) {
          if (PrunesExcludedDir(rules_, *path)) {
            ++w->pruned;
          } else {
            child.state = State::kExcludedWalked;
          }
        }
      } else if (!e.error.empty()) {
        w->errors.push_back({*path, e.error});
      }
      if (is_dir && child.state != State::kExcluded) {
        child.dir = std::make_unique<DirNode>();
        w->found.push_back(
            {child.dir.get(), *path, std::move(dir_info), child.state == State::kExcludedWalked});
      }
      children.push_back(std::move(child));
    }
  }

  // Computes, bottom-up, whether anything below each directory is sent.
  bool MarkSent(DirNode* node) {
    bool any = false;
    for (Child& c : node->children) {
      if (c.state == State::kSent) {
        if (c.dir) MarkSent(c.dir.get());
        any = true;
      } else if (c.state == State::kExcludedWalked && c.dir) {
        const bool below = MarkSent(c.dir.get());
        // BuildKit sends the parents of anything it sends.
        if (below && rules_.builder == Builder::kBuildKit) c.state = State::kSent;
        any = any || below;
      }
    }
    return any;
  }

  void Emit(const DirNode& node, std::string* prefix) {
    const std::size_t base = prefix->size();
    for (const Child& c : node.children) {
      prefix->resize(base);
      prefix->append(c.name);
      if (c.state == State::kSent) listing_.Add(*prefix, c.type, c.size);
      if (c.dir && c.state != State::kExcluded) {
        prefix->push_back('/');
        Emit(*c.dir, prefix);
      }
    }
    prefix->resize(base);
  }

  const FileSystem& fs_;
  const ContextRules& rules_;
  const WalkOptions& options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  std::size_t pending_ = 0;
  std::mutex fatal_mu_;
  Status fatal_ = Status::Ok();
  std::atomic<bool> failed_{false};
  ContextListing listing_;
};

}  // namespace internal

Result<ContextListing> WalkContext(const FileSystem& fs, const ContextRules& rules,
                                   const WalkOptions& options) {
  internal::ContextWalker walker(fs, rules, options);
  return walker.Run();
}

}  // namespace ctxscan
