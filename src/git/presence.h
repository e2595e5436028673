// Where a secret found in history still is: for each location of a
// finding from `ctxscan git` (a blob at a path), the branches whose tip
// still has that blob at that path, and for each branch that had it and no
// longer does, the commit that removed it (the newest commit along the
// branch's first-parent line whose parent had it and which does not); and
// whether the working tree's file at that path still holds the secret.
//
// One pass over the branches' first-parent lines, with what changed along
// the findings' paths taken from the history walk (or, when the walk did not
// cover the lines, from comparing only the subtrees along those paths):
// linear in the size of history plus the size of the answer, whatever the
// number of findings and branches (the essay is in src/git/presence.cc).
//
// Thread safety: a free function; it opens its own repository handle.
//
// Covered by tests/e2e/presence_diff_test.py (against git on generated
// repositories) and tests/e2e/git_cli_test.py.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/findings/scan.h"
#include "ctxscan/git/history.h"
#include "ctxscan/status.h"

namespace ctxscan {

struct PresenceOptions {
  // Working-tree files larger than this are not read (and are reported in
  // PresenceReport::worktree_unchecked).
  std::uint64_t max_file_size = 50ULL << 20;
  // The paths `docker build` of the working tree `workdir` would send (the
  // scan pipeline walks the build context for it). Called at most once, and
  // only when a finding's secret is still in the working tree. Unset:
  // in_context stays false.
  std::function<std::set<std::string>(const std::string& workdir)> context_paths;
};

struct PresenceReport {
  // Working-tree files that could not be checked for the findings' secrets
  // (too large, unreadable), sorted by path, each with the reason; their
  // locations have in_worktree false.
  std::vector<SkippedFile> worktree_unchecked;
};

// Fills GitProvenance::branches, in_worktree and in_context
// for every history location of `findings`. Branches are refs/heads/* and
// refs/remotes/* but not a remote's HEAD (tags do not move; their content is
// reported by `at_head` and the refs of the remediation plan).
// in_worktree: the working tree's file at the location's path holds the
// finding's secret (a whole-file finding: the file is there), read without
// following symlinks. Fails only when the repository cannot be opened.
//
// `history`, when given, is the history the findings came from (ReadHistory
// of the same repository): if its walk holds every commit of every branch's
// first-parent line, the changes it recorded against each commit's first
// parent are used and no tree is read again; else (or without it) the
// branches' lines and trees are read from the repository.
Result<PresenceReport> AddPresence(const std::string& repo, const PresenceOptions& options,
                                   std::vector<Finding>* findings,
                                   const History* history = nullptr);

}  // namespace ctxscan
