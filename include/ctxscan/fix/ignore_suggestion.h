// The .dockerignore lines that stop files with findings from being sent to
// the builder (`ctxscan dockerignore suggest`).
//
// Lines use Docker's pattern syntax, relative to the context root, and are
// meant to be appended: in a .dockerignore the last matching line wins, so
// appended exclusions hold whatever `!` exceptions come before them. The
// suggestion is small:
//   - a directory whose sent files all have findings (two or more) gets one
//     line (`secrets`);
//   - a file name shared by two or more such files, when every sent file of
//     that name has findings, gets one `**/NAME` line;
//   - every other file gets its own path, with `\` before `*?[\` and a
//     leading `#` or `!`, and `?` for a leading or trailing blank (Docker
//     trims lines) and for a control character (a line cannot hold one).
// Files that cannot be stopped this way are kept, with the reason: a COPY
// of a stage the build runs names the file (excluding it would break the
// build: pass the secret as a build secret instead), or Docker sends it
// whatever the ignore file says (the Dockerfile, the ignore file itself).
//
// The suggestion is verified by recomputing the context with the new
// content: every file it means to stop is gone and every other file is
// still sent. A grouped line that would take anything else is replaced by
// the files' own paths; a suggestion that still fails verification is an
// error, never printed as a fix.
//
// Covered by tests/unit/ignore_suggestion_test.cc and tests/e2e/scan_cli_test.py.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ctxscan/context/build_context.h"
#include "ctxscan/context/file_system.h"
#include "ctxscan/status.h"

namespace ctxscan {

// A sent file with findings.
struct IgnoreTarget {
  std::string path;          // relative to the context root, slash-separated
  int needed_by_line = 0;    // > 0: the Dockerfile line of a COPY that names it
  bool always_sent = false;  // Docker sends it whatever the ignore file says
  // > 0: the Dockerfile line of a COPY that copies it with its directory;
  // excluding it keeps the build working, but the program may read it.
  int copied_by_line = 0;
};

struct IgnoreSuggestion {
  std::vector<std::string> lines;    // to append, in order
  std::vector<std::string> stopped;  // the files they stop, sorted
  struct Kept {
    std::string path;
    std::string reason;
  };
  std::vector<Kept> kept;  // files that stay sent, sorted by path
  // Stopped files that a directory COPY puts into a stage: check that the
  // program does not read them (then move the secret to a run-time secret).
  std::vector<Kept> check;
};

// The files (not directories) the build sends with ignore-file content
// `content`.
using RecomputeContext = std::function<Result<std::set<std::string>>(const std::string& content)>;

// The real recomputation: the walk of `fs` with rules made from the content
// (build_context.h), as `builder` would do it for this Dockerfile (path
// relative to the context, "" when outside). `fs` must outlive the result.
RecomputeContext ContextRecomputer(const FileSystem& fs, Builder builder, std::string ignore_name,
                                   std::string dockerfile);

// The files (not directories) of a context listing.
std::set<std::string> SentFiles(const ContextListing& listing);

// Suggests lines for `targets`, given the files sent now (`sent`) and the
// ignore file's current content (empty when there is none).
Result<IgnoreSuggestion> SuggestIgnoreLines(const std::vector<IgnoreTarget>& targets,
                                            const std::set<std::string>& sent,
                                            const std::string& content,
                                            const RecomputeContext& recompute);

// What appending `lines` to `content` adds: a newline if `content` lacks a
// final one, a blank line (unless `content` is empty), the comment header
// and the lines. Empty when `lines` is.
std::string IgnoreAppendix(const std::string& content, const std::vector<std::string>& lines);

// `path` as a pattern that matches exactly it (see above).
std::string EscapeIgnorePattern(std::string_view path);

}  // namespace ctxscan
