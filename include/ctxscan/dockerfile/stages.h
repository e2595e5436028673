// The build a Dockerfile describes: its stages, which of them a build of
// `target` needs, and the variables each instruction sees.
//
// BuildKit's rules:
//   - ARG before the first FROM declares a global build argument, usable in
//     FROM lines only; a stage sees it after re-declaring it (`ARG NAME`).
//     FROM lines also see the automatic platform ARGs (BUILDPLATFORM,
//     TARGETARCH, ...) when `build_args` gives them.
//   - ARG NAME[=default] in a stage: the --build-arg value if given, else
//     the default, else (for a re-declared global) the global's value.
//   - ENV in a stage sets a variable for the rest of the stage and for
//     stages built on it; ENV wins over ARG of the same name. The pairs of
//     one ENV are expanded with the values from before it (`ENV A=1 B=$A`
//     gives B the old A).
//   - FROM base [AS name] [--platform=p]: a base naming an earlier stage
//     builds on it; names are case-insensitive; stages are also numbered.
//   - WORKDIR: relative paths join the previous one; a stage based on an
//     earlier stage starts in its WORKDIR, one based on an image in "/"
//     (an image's own WORKDIR is not known here).
//   - A build of `target` (default: the last stage) needs the target, the
//     stages it builds on, and every stage a needed stage copies from
//     (COPY --from, RUN --mount=...,from=); other stages are skipped.
//
// Covered by tests/unit/dockerfile_parser_test.cc.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/words.h"
#include "ctxscan/status.h"

namespace ctxscan {

using Vars = std::map<std::string, std::string>;

// A COPY or ADD: where its files come from and where they go.
struct CopyOp {
  std::size_t instruction = 0;  // index into Dockerfile::instructions
  bool from_context = true;     // false for --from (a stage or an image)
  int from_stage = -1;          // the stage of --from=<stage>, or -1
  bool add = false;             // ADD: a local tar archive source is extracted
  bool parents = false;         // --parents: sources keep their directories
  // Cleaned sources ("./a/" -> "a", "." and "/" -> ""): context paths, or
  // paths in the --from stage's filesystem without the leading '/'. With
  // --parents a "/./" pivot is kept ("a/./b"). Variables expanded; heredoc
  // and URL sources left out.
  std::vector<std::string> sources;
  std::vector<std::string> excludes;  // --exclude patterns, cleaned
  // The destination made absolute with the WORKDIR; "/" or without a
  // trailing '/'.
  std::string dest;
  // The destination is a directory: written with a trailing '/' or as ".",
  // several sources, or a directory the stage (or its base) already has: a
  // WORKDIR or one above it, one above an earlier copy's destination, or an
  // earlier copy's destination that was a directory (or received a context
  // directory's contents).
  bool dest_is_dir = false;
};

struct Stage {
  int index = 0;
  std::string name;      // lower-cased AS name, or empty
  std::string base;      // the FROM image or stage, expanded
  std::string platform;  // --platform, expanded
  int base_stage = -1;   // the stage it builds on, or -1 for an image
  int from_line = 0;
  std::vector<std::size_t> instructions;  // indices into Dockerfile::instructions, after FROM
  std::vector<int> copies_from;           // stages it COPY/ADD --from's (into its image)
  std::vector<int> mounts_from;           // stages it RUN --mount's from (not into its image)
  std::vector<CopyOp> copies;             // every COPY and ADD, in order
  std::string workdir = "/";              // at the end of the stage (inherited from a stage base)
  bool needed = false;                    // built for the target
};

struct Build {
  std::vector<Stage> stages;
  int target = -1;  // index of the target stage
  // The variables each instruction sees (by index into
  // Dockerfile::instructions; empty for instructions outside stages).
  std::vector<Vars> vars;
  // The stage of each instruction, or -1 (global ARGs).
  std::vector<int> stage_of;
};

// A lookup of the variables in `vars` (which must outlive it).
VarLookup LookupIn(const Vars& vars);

// Whether a context path (cleaned, relative) is a directory.
using ContextDirTest = std::function<bool(std::string_view path)>;

// Resolves the stages of `df` for a build of `target` (a stage name or
// number; empty: the last stage) with `build_args` (--build-arg).
// `is_context_dir`, when given, tells which COPY sources are directories
// (their destination is then a directory for later copies). Fails,
// naming the file and line, on a Dockerfile without FROM, an instruction
// before the first FROM other than ARG, an unknown target, or a --from
// naming a later stage.
Result<Build> ResolveBuild(const Dockerfile& df, const Vars& build_args, std::string_view target,
                           const ContextDirTest& is_context_dir = {});

}  // namespace ctxscan
