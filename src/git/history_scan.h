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

// The scan item of blob `index` of a history, read from `blobs`
// (OpenBlobFileSystem), made from what the walk knows when it first meets
// the blob (HistoryOptions::on_new_blob): its id and first path, empty for
// a dangling blob, whose item is named "(dangling blob ID)". Made as the
// scan reaches it (pipeline/history_stream.h), so that a history of
// millions of blobs never holds an item for each.
ScanItem HistoryBlobItem(std::uint32_t index, const ObjectId& id, std::string_view first_path,
                         const FileSystem* blobs);

// Adds to every location of `findings` that came from a history item the
// other occurrences of its blob, and orders each finding's locations oldest
// commit first (the first is the introducing commit).
void AddHistoryOccurrences(const History& history, std::vector<Finding>* findings);

// ISO 8601 local time of a commit with its offset: 2024-03-01T12:00:00+01:00.
std::string CommitDate(const HistoryCommit& c);

}  // namespace ctxscan
