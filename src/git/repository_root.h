// Finding the working tree of the git repository that holds a directory, so
// that reports can name files as the repository does (GitHub code scanning
// and GitLab resolve report paths against the repository's root).
//
// Covered by tests/e2e/scan_cli_test.py (the CI report path tests).
// Thread safety: a free function; it opens and closes its own handle.
#pragma once

#include <optional>
#include <string>

#include "ctxscan/status.h"

namespace ctxscan {

// Returns the absolute, symlink-free root of the working tree of the
// repository at or above `dir` (found as `ctxscan git` finds it: a `.git`
// directory or file, not across file systems), or nullopt when `dir` is in
// no repository or the repository is bare. Fails when a repository is found
// but cannot be opened (a `.git` file naming a missing directory).
Result<std::optional<std::string>> FindWorktreeRoot(const std::string& dir);

}  // namespace ctxscan
