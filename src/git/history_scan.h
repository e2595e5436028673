// Turning a repository's history into scan items, and findings back into
// history: each unique blob is scanned once, at the path and commit that
// first introduced it; a finding in that blob is then reported at every
// commit and path that introduced the same blob, oldest first, each with its
// provenance (commit, author, date, summary, whether HEAD still holds it).
//
// Covered by tests/e2e/git_cli_test.py and tests/e2e/presence_diff_test.py.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/findings/scan.h"
#include "ctxscan/git/history.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

// The scan item of blob `i` of `history`, read from `blobs`
// (OpenBlobFileSystem), made when the scan reaches it (ScanItemsFrom), so
// that a history of millions of blobs never holds an item for each. A
// dangling blob's path is "(dangling blob ID)".
ScanItem HistoryItem(const History& history, std::size_t i, const FileSystem* blobs);

// The same item made from what the walk knows when it first meets the blob
// (HistoryOptions::on_new_blob): its index, id, and first path (empty for a
// dangling blob).
ScanItem HistoryBlobItem(std::uint32_t index, const ObjectId& id, std::string_view first_path,
                         const FileSystem* blobs);

// Adds to every location of `findings` that came from a history item the
// other occurrences of its blob, and orders each finding's locations oldest
// commit first (the first is the introducing commit).
void AddHistoryOccurrences(const History& history, std::vector<Finding>* findings);

// ISO 8601 local time of a commit with its offset: 2024-03-01T12:00:00+01:00.
std::string CommitDate(const HistoryCommit& c);

}  // namespace ctxscan
