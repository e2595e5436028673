// Scanning a set of entries (the files a build sends, or a whole directory)
// with the content and file rules, and turning matches into findings: worker
// threads take entries in turn, each with its own FileScanner; results are
// assembled in entry order, so the output is the same at any thread count.
//
// Covered by tests/unit/scan_test.cc and tests/e2e/scan_cli_test.py.
// Thread safety: Scan is re-entrant; it shares the engine read-only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ctxscan/findings/file_scanner.h"
#include "ctxscan/findings/finding.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

// One path to check: file rules apply to every item, content rules to
// regular files.
struct ScanItem {
  std::string path;
  EntryType type = EntryType::kFile;
  bool sent = true;                          // false: present but not sent (reported as info)
  const FileSystem* fs = nullptr;            // where to read it
  std::string fs_path;                       // its path within `fs` (default: `path`)
  std::shared_ptr<const GitProvenance> git;  // copied to the item's locations
  std::uint64_t origin = 0;  // copied to the item's locations (see Location::origin)
  std::shared_ptr<const ImageProvenance> image = nullptr;  // copied to the item's locations
};

// Progress of a running scan, for a status line.
struct ScanProgress {
  std::uint64_t files = 0;
  std::uint64_t total_files = 0;  // known so far: more may come unless total_known
  bool total_known = true;
  std::uint64_t bytes = 0;
  double seconds = 0;
};

struct ScanOptions {
  int threads = 0;  // 0: one per core
  // Called about four times a second from a helper thread while the scan
  // runs, starting after one second; and once with `done` at the end if it
  // was called at all. Empty: no progress reports.
  std::function<void(const ScanProgress&, bool done)> on_progress;
  FileScanOptions file;
  bool dedup = true;  // one finding per (rule, secret), with every location
};

struct SkippedFile {
  std::string path;
  std::string reason;  // "binary", "larger than the size limit", or the read error
};

struct ScanSummary {
  std::uint64_t files_scanned = 0;
  std::uint64_t bytes_scanned = 0;
  std::uint64_t entries_checked = 0;  // every item, for file rules
  std::uint64_t skipped_binary = 0;
  std::uint64_t skipped_too_large = 0;
  std::uint64_t suppressed_inline = 0;    // matches on lines marked ctxscan:allow etc.
  std::uint64_t suppressed_config = 0;    // findings dropped by .ctxscan.yaml
  std::uint64_t suppressed_baseline = 0;  // findings whose fingerprint the baseline holds
  double seconds = 0;
};

struct ScanResult {
  std::vector<Finding> findings;     // sorted by (path, line, column, rule id)
  std::vector<SkippedFile> skipped;  // sorted by path
  std::vector<SkippedFile> errors;   // unreadable files, sorted by path
  // What the user should know about how the scan went that is neither a
  // finding nor an error (an analysis skipped, LFS pointers, a shallow
  // clone): one sentence each, in the order they arose; every report format
  // carries them.
  std::vector<std::string> notes;
  ScanSummary summary;
};

// Scans `items` with `engine`'s rules.
ScanResult ScanItems(const std::vector<ScanItem>& items, const Engine& engine,
                     const ScanOptions& options);

// The findings of several scans of disjoint items, as one scan of them all
// would give them (for a source that cannot count its items beforehand and
// scans them in batches): with `dedup`, one finding per (rule, secret)
// holding every location, as credible as its most credible part (its
// confidence, lowered bits and detail) and as severe as its most severe;
// sorted. Fingerprints are made afterwards, from the merged findings.
void MergeFindings(bool dedup, std::vector<Finding>* findings);

// The most items a ScanItemSource hands over at a time.
inline constexpr std::size_t kScanBatchItems = 16384;

// Items that are produced while the scan runs (a history walk hands over
// each blob as it first meets it), so that the scan need not wait for all of
// them. Next is called from the scanning call's thread only; Produced from
// the progress thread too.
class ScanItemSource {
 public:
  virtual ~ScanItemSource() = default;
  // Fills `batch` (empty on entry) with the next items in order, at most
  // kScanBatchItems, blocking until some are ready; returns false, leaving it
  // empty, when there are no more.
  virtual bool Next(std::vector<ScanItem>* batch) = 0;
  // How many items the source has produced so far; sets `*complete` to
  // whether that is all of them. For the progress total only.
  virtual std::uint64_t Produced(bool* complete) const = 0;
};

// Scans the items of `source` in batches as they come: the same result as
// ScanItems on all of them, with at most a few batches held at once.
ScanResult ScanItemsFromSource(ScanItemSource& source, const Engine& engine,
                               const ScanOptions& options);

}  // namespace ctxscan
