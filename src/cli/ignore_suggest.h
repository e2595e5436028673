// `ctxscan dockerignore suggest`: the output and the --write step, after a
// context scan (src/cli/scan_command.cc runs the scan).
//
// Prints the suggested lines (src/fix/ignore_suggestion.h), the
// files they stop (and the sensitive directories excluded whole), warnings
// about files a RUN reads and cautions about files a COPY carries (each
// citing the Dockerfile line), the files the ignore file re-includes on
// purpose (left to the user: no line) and the files that stay sent with the
// reason. The files are those of SentFilesWithFindings, as for `scan`. With
// `write`, prints the change as a unified diff and appends it to the ignore
// file the build reads (created when there is none), never through a
// symlink and never removing or reordering a line.
// Exit: 0 when no file with findings is sent after the change (or there was
// none), 1 when some still is (lines not written, files kept or left to the
// user), 2 on errors.
//
// Covered by tests/e2e/scan_cli_test.py and tests/e2e/cli_usage_test.py.
#pragma once

#include <optional>
#include <vector>

#include "ctxscan/context/context_source.h"
#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/finding.h"

namespace ctxscan::cli {

struct SuggestRequest {
  const ContextSource* context = nullptr;
  const Dockerfile* dockerfile = nullptr;  // null when there is none or it did not parse
  const Build* build = nullptr;
  const std::vector<Finding>* findings = nullptr;  // after suppressions
  bool write = false;
};

ExitCode RunIgnoreSuggest(const SuggestRequest& request);

}  // namespace ctxscan::cli
