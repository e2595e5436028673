// Where a secret found in history still is: for each location of a
// finding from `ctxscan git` (a blob at a path), the branches whose tip
// still has that blob at that path, and for each branch that had it and no
// longer does, the commit that removed it (the first commit along the
// branch's first-parent line without it); and whether the working tree's
// file at that path still holds the secret.
//
// Only the findings' blobs and paths are looked up: one walk of each
// branch's first-parent line, one tree lookup per commit and path.
#pragma once

#include <string>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/status.h"

namespace ctxscan {

// Fills GitProvenance::present_on, removed_in and in_worktree for every
// history location of `findings`. Branches are refs/heads/* and
// refs/remotes/* (tags do not move; their content is reported by `at_head`
// and the refs of the remediation plan).
Status AddPresence(const std::string& repo, std::vector<Finding>* findings);

}  // namespace ctxscan
