// Which RUN steps of a build are likely to read a context file, for the
// cautions of `ctxscan dockerignore suggest`: excluding a file a step
// reads breaks that step (or silently changes what it makes).
//
// A RUN of a stage the build runs is taken to read context path P when the
// stage holds the file (ImageFiles::Place: a COPY put it there, in this
// stage or a stage it builds on) or the RUN bind-mounts the context
// (`--mount=type=bind` without `from=`, bind being the default type), and
// its command line (arguments and heredoc bodies) names P or P's base name
// as a word (bounded by anything but letters, digits, `_`, `-` and `.`),
// or, when P is or lies inside a `.git` directory, runs `git` (`git
// describe`, `git rev-parse` read .git). A heuristic by design: a program
// that reads a file it is not told about is not seen; a step that names a
// file of the same base name elsewhere is.
//
// Covered by tests/unit/ignore_suggestion_test.cc and tests/e2e/scan_cli_test.py.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "dockerfile/image_files.h"

namespace ctxscan {

// The RUN instructions (indices into Dockerfile::instructions, in order)
// that read `path` (a file, or a directory such as ".git") as above; `file`
// is `path` or a file under it, whose placements say which stages hold it.
std::vector<std::size_t> RunsThatRead(const Dockerfile& df, const Build& build,
                                      const ImageFiles& files, std::string_view file,
                                      std::string_view path);

// Whether `command` names `path` or its base name as a word, or runs `git`
// when `path` has a `.git` component (the test above, on one command line).
bool CommandMentions(std::string_view command, std::string_view path);

// Instruction `i` of `df` for a message: "Dockerfile:7 (RUN git describe)",
// the file as `df.name`, the instruction's text with runs of blanks made one
// space and cut at 60 characters ("..."). Raw: callers escape it.
std::string CiteInstruction(const Dockerfile& df, std::size_t i);

}  // namespace ctxscan
