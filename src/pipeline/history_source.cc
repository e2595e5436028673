// The history source: every blob of a repository's history, scanned, with
// where each finding was introduced, removed and is present. See
// src/pipeline/source_reader.h.

#include <algorithm>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "ctxscan/context/build_context.h"
#include "ctxscan/context/context_source.h"
#include "git/blob_file_system.h"
#include "git/history_scan.h"
#include "git/presence.h"
#include "pipeline/history_stream.h"
#include "pipeline/source_reader.h"
#include "util/escape.h"

namespace ctxscan {
namespace {

// Seconds since the last lap (or since construction).
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

void SortSkipped(std::vector<SkippedFile>* skipped) {
  std::sort(skipped->begin(), skipped->end(),
            [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
}

// LFS pointers: the content is elsewhere; say so rather than pass them as scanned.
void ReportLfsPointers(const History& history, const BlobFileSystem& blobs, ScanResult* result) {
  const std::vector<std::string> lfs = blobs.LfsPointers();
  if (lfs.empty()) return;
  for (std::size_t i = 0; i < history.blobs.size(); ++i) {
    const std::string_view path = history.FirstPath(i);
    if (!path.empty() && std::binary_search(lfs.begin(), lfs.end(), history.blobs[i].id.Hex())) {
      result->skipped.push_back({std::string(path),
                                 "Git LFS pointer: the content is in LFS storage, not in the "
                                 "repository, and was not scanned"});
    }
  }
  SortSkipped(&result->skipped);
  result->notes.push_back(std::to_string(lfs.size()) +
                          " Git LFS pointer(s): their content is not in the repository");
}

// What a partial clone has not fetched: each blob is already an error of
// its path, each tree or commit the walk could not read an error of the
// repository; one note says how many and how to fetch them.
void ReportUnfetched(const std::string& repo, const BlobFileSystem& blobs, const History& history,
                     ScanResult* result) {
  if (blobs.PromisorRemote().empty()) return;
  const std::size_t n = blobs.UnfetchedBlobs();
  const std::size_t walk = history.errors.size();
  if (n + walk == 0) return;
  const std::string remote = ShellQuote(blobs.PromisorRemote());
  const std::string git = "git -C " + ShellQuote(repo) + " ";
  std::string what = n > 0 ? std::to_string(n) + " blob(s)" : "";
  if (walk > 0) {
    what += (what.empty() ? "" : " and ") + std::to_string(walk) + " tree(s) or commit(s)";
  }
  result->notes.push_back(what +
                          " of history are not in this partial clone and were not scanned; "
                          "fetch them, then scan again: " +
                          git + "config --unset remote." + remote + ".partialclonefilter && " +
                          git + "fetch --refetch " + remote);
}

// The paths `docker build` of `workdir` would send, or nothing when that
// cannot be computed (an invalid .dockerignore, say).
std::set<std::string> ContextPaths(const std::string& workdir) {
  std::set<std::string> out;
  Result<ContextSource> src = OpenContext(ContextRequest{workdir, "", Builder::kBuildKit});
  if (!src.ok()) return out;
  WalkOptions walk;
  walk.check_readable = false;
  Result<ContextListing> listing = WalkContext(*src->fs, src->rules, walk);
  if (!listing.ok()) return out;
  for (std::size_t i = 0; i < listing->size(); ++i) out.emplace(listing->path(i));
  return out;
}

// The notes and errors about what the walk could not see.
void ReportGaps(const History& history, ScanResult* result) {
  for (const std::string& e : history.errors) result->errors.push_back({"(repository)", e});
  if (history.shallow) {
    result->notes.push_back("shallow clone: history before the clone's depth is not scanned");
  }
  if (history.submodules > 0) {
    result->notes.push_back(std::to_string(history.submodules) +
                            (history.submodules == 1 ? " submodule entry" : " submodule entries") +
                            " not entered (scan each submodule itself)");
  }
}

// Reads the history of `repo` on a thread of its own while the calling
// thread scans the blobs the walk hands over (pipeline/history_stream.h).
// Sets `*walk_seconds` to how long the walk took.
Result<History> ReadAndScanHistory(const std::string& repo, const ScanRequest& request,
                                   const FileSystem* blob_fs, ScanResult* result,
                                   double* walk_seconds) {
  HistoryBlobStream stream(blob_fs);
  HistoryOptions options = request.history;
  options.on_new_blob = [&stream](std::uint32_t index, const ObjectId& id, std::string_view path) {
    stream.Push(index, id, path);
  };
  std::optional<Result<History>> history;
  std::exception_ptr failed;
  std::thread walk([&] {
    Stopwatch clock;
    try {
      history.emplace(ReadHistory(repo, options));
    } catch (...) {
      failed = std::current_exception();
    }
    *walk_seconds = clock.Lap();
    stream.Close();  // even after a failure: the scan must not wait forever
  });
  try {
    *result = ScanItemsFromSource(stream, *request.engine, request.scan);
  } catch (...) {
    // The walk may wait for room in the stream: drain it, then let it end.
    std::vector<ScanItem> rest;
    while (stream.Next(&rest)) rest.clear();
    walk.join();
    throw;
  }
  walk.join();
  if (failed) std::rethrow_exception(failed);
  return std::move(*history);
}

// Scans the history of the repository at or above `repo` with the request's
// engine and scan options; sets `*stats` to what the walk saw.
Result<ScanResult> ScanHistory(const std::string& repo, const ScanRequest& request,
                               HistoryStats* stats) {
  auto step = [&](std::string_view s) {
    if (request.on_step) request.on_step(s);
  };
  Stopwatch clock;
  Result<std::unique_ptr<BlobFileSystem>> blobs = OpenBlobFileSystem(repo);
  if (!blobs.ok()) return blobs.status();
  step("reading history and scanning its blobs...");
  ScanResult result;
  Result<History> history =
      ReadAndScanHistory(repo, request, blobs->get(), &result, &stats->walk_seconds);
  step("");
  if (!history.ok()) return history.status();
  stats->scan_seconds = clock.Lap();
  step("where the findings are: " + std::to_string(result.findings.size()) +
       " finding(s) on the branches...");
  AddHistoryOccurrences(*history, &result.findings);
  PresenceOptions presence;
  presence.max_file_size = request.scan.file.max_file_size;
  presence.context_paths = ContextPaths;
  Result<PresenceReport> where = AddPresence(repo, presence, &result.findings, &*history);
  step("");
  if (!where.ok()) return where.status();
  stats->presence_seconds = clock.Lap();
  for (SkippedFile& s : where->worktree_unchecked) {
    s.reason = "working-tree file not checked for the secrets history holds: " + s.reason;
    result.skipped.push_back(std::move(s));
  }
  SortSkipped(&result.skipped);
  ReportLfsPointers(*history, **blobs, &result);
  ReportUnfetched(repo, **blobs, *history, &result);
  ReportGaps(*history, &result);
  stats->commits = history->commits.size();
  stats->blobs = history->blobs.size();
  stats->all_objects = request.history.all_objects;
  stats->unreachable_commits = history->unreachable_commits;
  stats->dangling_blobs = history->dangling_blobs;
  return result;
}

class HistorySourceReader : public SourceReader {
 public:
  Status Read(ScanRequest& request, ScanReport* report) const override {
    HistoryStats stats;
    Result<ScanResult> history = ScanHistory(request.context.dir, request, &stats);
    if (!history.ok()) return history.status();
    report->history = stats;
    AppendScanResult(std::move(history).value(), &report->result);
    return Status::Ok();
  }
};

}  // namespace

const SourceReader& HistoryReader() {
  static const HistorySourceReader reader;
  return reader;
}

}  // namespace ctxscan
