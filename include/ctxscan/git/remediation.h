// What to do after a leak found in history: `ctxscan git --remediate FILE`
// writes a plan to FILE and, beside it, FILE.replace-text.txt for
// `git filter-repo --replace-text` (both mode 0600; the secrets are in the
// second file only and are never printed).
//
// The plan, in order: rotate every secret first (purging history does not
// un-leak it), with each rule's remediation text; then rewrite history with
// the replacement file (each secret becomes ***REMOVED***) and, for
// sensitive files, drop their paths; then force-push the refs that hold the
// old commits; and remember that clones, forks, CI caches and pull-request
// refs keep the old objects.
#pragma once

#include <string>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/status.h"

namespace ctxscan {

// Lines for `git filter-repo --replace-text`: one "literal:SECRET==>***REMOVED***"
// per distinct secret line (a multi-line secret such as a private key is
// replaced line by line; lines under 8 bytes are left alone, as too common
// to replace safely). Sorted, so the file is the same at any thread count.
std::string ReplaceText(const std::vector<Finding>& findings);

// The plan for `findings` from the history of the repository at `repo`;
// `replace_text_path` is where the replacement file is written. Names the
// refs (branches, tags, remotes, stash) whose history holds an introducing
// commit.
Result<std::string> RemediationPlan(const std::string& repo, const std::vector<Finding>& findings,
                                    const std::string& replace_text_path);

}  // namespace ctxscan
