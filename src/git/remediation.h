// What to do after a leak found in history: `ctxscan git --remediate PLAN`
// writes a plan to PLAN and, beside it, PLAN.replace-text.txt for
// `git filter-repo --replace-text` (both mode 0600; the secrets are in the
// second file only, which is its purpose, and are never printed).
//
// The plan, in order: rotate every secret first (purging history does not
// un-leak it); rewrite history in fresh mirror clones (one per server that
// has a leaked ref, one of this repository for refs only it has), removing
// whole secret files and replacing each other secret's own bytes; force-push
// the server's branches and tags; replace every clone; and what no rewrite
// reaches (forks, pull-request refs, caches).
//
// Its commands are in fenced ```bash blocks, meant to be run as written, in
// order, from any directory: every path in them is absolute and
// shell-quoted, and none changes the scanned repository (but when only
// unreachable commits hold the findings, the one block prunes it instead).
// tests/e2e/git_remediate_test.py extracts them and runs them on a
// repository and a stand-in server.
//
// Covered by tests/unit/remediation_test.cc and tests/e2e/git_remediate_test.py.
#pragma once

#include <string>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/status.h"

namespace ctxscan {

// The --replace-text file for `findings`: one line per secret that is to be
// replaced by its own bytes (see src/git/rewrite_scope.h: not the secrets of
// files the plan removes whole, not secrets under 8 bytes; a multi-line key
// is one expression for the whole block, never its lines). Sorted, so the
// file is the same at any thread count.
std::string ReplaceText(const std::vector<Finding>& findings);

// Where the replacement file for the plan at `plan_path` goes.
std::string ReplaceTextPath(const std::string& plan_path);

// The plan for `findings` from the history of the repository at or above
// `repo`. `plan_path` must be absolute: the mirrors the plan clones into and
// the replacement file are named after it (PLAN.remote-NAME.git,
// PLAN.local.git, PLAN.replace-text.txt). Fails if the repository cannot be
// opened or its refs listed.
Result<std::string> RemediationPlan(const std::string& repo, const std::vector<Finding>& findings,
                                    const std::string& plan_path);

}  // namespace ctxscan
