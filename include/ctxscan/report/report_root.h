// The directory CI reports name files against. GitHub code scanning, GitHub
// workflow annotations and GitLab resolve a report's paths against the
// repository's root, while a scan names context files relative to the build
// context: `docker-compose.test.yml` for what the repository has at
// `result/docker-compose.test.yml`. The report root is
//   - the working tree of the git repository holding the context, when there
//     is one (FindWorktreeRoot in ctxscan/git/repository_root.h);
//   - else the current directory, when the context lies under it (a CI job
//     runs from the checkout's root);
//   - else the context itself;
// and `prefix` is the context's path below it, prepended to the paths of
// context files. History paths (`ctxscan git`, `scan --git`) are relative to
// the repository's root already and are left as they are.
//
// The text, json and jsonl reports keep context-relative `path`s; json adds
// `root_path` (docs/json-schema.md).
//
// Covered by tests/e2e/scan_cli_test.py (the CI report path tests).
// Thread safety: values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ctxscan/findings/finding.h"

namespace ctxscan {

enum class RootKind : std::uint8_t { kNone, kRepository, kWorkingDirectory, kContext };
// "none" (standard input, a bare repository), "repository",
// "working-directory", "context".
std::string_view RootKindName(RootKind kind);

struct ReportRoot {
  RootKind kind = RootKind::kNone;
  std::string dir;     // absolute, no trailing '/'; empty for kNone
  std::string prefix;  // the context's path below `dir`: "" or ending in '/'
};

// Chooses the root for the context at `context` (absolute, symlink-free),
// given the working tree holding it (`repository`, or nullopt) and the
// current directory `cwd` (absolute), in the order above.
ReportRoot ChooseReportRoot(const std::string& context,
                            const std::optional<std::string>& repository, const std::string& cwd);

// Returns `location`'s path relative to `root`: `prefix` + path for a context
// file, the path as it is for a location in git history.
std::string RootPath(const Location& location, const ReportRoot& root);

}  // namespace ctxscan
