// What a scan of a build context reads: the entries `docker build` would
// send (or every entry, or also the ignored ones), plus the Dockerfile the
// build reads even when it is not sent, and the directories the walk could
// not list. An unreadable directory that is sent makes `docker build` fail,
// so it is an error of the scan, as an unreadable file is (ScanResult::errors).
//
// Covered by tests/unit/context_items_test.cc and tests/e2e/scan_cli_test.py.
// Thread safety: CollectContextItems is re-entrant; `fs` must outlive the items.
#pragma once

#include <string>
#include <vector>

#include "ctxscan/context/build_context.h"
#include "ctxscan/findings/scan.h"
#include "ctxscan/status.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

struct ContextItemsOptions {
  bool all_files = false;        // every entry, ignoring the ignore file (all sent)
  bool include_ignored = false;  // also the entries present but not sent (sent: false)
  int threads = 0;               // for the walk; 0: one per core
};

struct ContextItems {
  std::vector<ScanItem> items;      // in walk order, the Dockerfile last if not sent
  std::vector<SkippedFile> errors;  // directories that cannot be listed, sorted by path
};

// Walks the context in `fs` under `rules` and returns what a scan reads.
// Unreadable files are not checked here (reading them reports them); an
// unreadable directory is an error unless the build would not enter it.
// Fails only when the walk fails (the root cannot be listed, an invalid
// ignore pattern).
Result<ContextItems> CollectContextItems(const FileSystem& fs, const ContextRules& rules,
                                         const ContextItemsOptions& options);

// Adds `more` to `result->errors`, keeping them sorted by path, one per path.
void MergeScanErrors(std::vector<SkippedFile> more, ScanResult* result);

}  // namespace ctxscan
