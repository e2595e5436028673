// The history source of the scan pipeline: every blob of a repository's
// history, scanned, with where each finding was introduced, removed and is
// present. Internal to src/pipeline.
//
// Covered by tests/e2e/git_cli_test.py and tests/e2e/presence_diff_test.py.
#pragma once

#include <string>

#include "ctxscan/pipeline/scan_pipeline.h"

namespace ctxscan {

// Scans the history of the repository at or above `repo` with the request's
// engine and scan options; sets `*stats` to what the walk saw.
Result<ScanResult> ScanHistory(const std::string& repo, const ScanRequest& request,
                               HistoryStats* stats);

}  // namespace ctxscan
