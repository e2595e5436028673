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
// A file inside a directory whose sensitivity is the directory itself
// (SensitiveDirectory: `.git`, `.svn`, `.hg`, `.aws`, `.ssh`, `.gnupg`,
// `.azure`, `.terraform`) is stopped by excluding that directory whole: the
// rules report `.git/HEAD` and `.git/config`, but what leaks is `.git` with
// its objects. Not when a target inside it must stay sent, or a COPY names
// a file inside it (IgnoreTarget::keep_directory): then file by file.
// Files that cannot be stopped this way are kept, with the reason: a COPY
// of a stage the build runs names the file (excluding it would break the
// build: pass the secret as a build secret instead), or Docker sends it
// whatever the ignore file says (the Dockerfile, the ignore file itself).
// A file a `!` line of the ignore file re-includes by matching it (not a
// directory above it) is sent on purpose: it is listed as needing the
// user's decision and no line is suggested for it (appending one would
// silently fight that line).
// Stopped files the build may still need come with cautions naming the
// Dockerfile line: a COPY of a directory holding them or of the whole
// context (the program may read them), and, louder, a RUN whose command
// line names them (`RUN git ...` for `.git`).
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
#include <string_view>
#include <vector>

#include "ctxscan/context/build_context.h"
#include "ctxscan/status.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

// A sent file with findings.
struct IgnoreTarget {
  std::string path;  // relative to the context root, slash-separated
  // A COPY of a stage the build runs that names it, as "Dockerfile:3 (COPY
  // a.cfg ./)": excluding it would break the build. Empty when none.
  std::string needed_by;
  bool always_sent = false;  // Docker sends it whatever the ignore file says
  // The `!` line of the ignore file that re-includes it, as
  // ".dockerignore:4 (!keep.log)". Empty when none.
  std::string reincluded_by;
  // COPYs that carry it with a directory or the whole context, as
  // "Dockerfile:4 (COPY . .) copies it with the whole context": excluding it
  // keeps the build working, but the program may read it.
  std::vector<std::string> copied_by;
  // RUNs of a stage that holds it whose command line names it, as
  // "Dockerfile:7 (RUN git describe) reads .git": excluding it likely breaks
  // that step.
  std::vector<std::string> read_by;
  // A COPY names a file inside its SensitiveDirectory: exclude the file
  // alone, never the directory.
  bool keep_directory = false;
};

struct IgnoreSuggestion {
  std::vector<std::string> lines;    // to append, in order
  std::vector<std::string> stopped;  // the files with findings they stop, sorted
  // Sensitive directories the lines exclude whole (each also in `lines`),
  // with how many sent files under them have no finding of their own.
  struct Directory {
    std::string path;
    std::size_t other_files = 0;
  };
  std::vector<Directory> directories;
  struct Kept {
    std::string path;
    std::string reason;
  };
  std::vector<Kept> kept;  // files that stay sent, sorted by path
  // Files the ignore file re-includes on purpose: sent, no line suggested;
  // the user decides. Sorted by path.
  std::vector<Kept> decide;
  // Stopped files (or their sensitive directory) a RUN reads: excluding
  // them likely breaks the build. One entry per reason.
  std::vector<Kept> warn;
  // Stopped files that a COPY of a directory or of the whole context puts
  // into a stage: check that the program does not read them (then move
  // the secret to a run-time secret). One entry per reason.
  std::vector<Kept> check;
};

// The directory above `path` whose contents are sensitive as a whole (its
// first component named .git, .svn, .hg, .aws, .ssh, .gnupg, .azure or
// .terraform, with the components before it), or "" when there is none.
std::string SensitiveDirectory(std::string_view path);

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
