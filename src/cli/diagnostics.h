// The one way the command line tells the person running it about an error
// or a note: a line on stderr, "error: " or "note: " and the message with
// every hostile byte escaped (src/util/escape.h).
//
// Covered by tests/e2e/cli_usage_test.py and tests/e2e/scan_cli_test.py
// (hostile file names in errors), and tests/unit/usage_error_test.cc
// (RunGuarded).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "ctxscan/findings/scan.h"
#include "ctxscan/status.h"

namespace ctxscan::cli {

// "error: MESSAGE".
void PrintError(std::string_view message);

// "error: PATH: REASON" for each file or directory that could not be read.
void PrintFileErrors(const std::vector<SkippedFile>& errors);

// "note: MESSAGE".
void PrintNote(std::string_view message);

// Prints "warning: MESSAGE" (escaped) on stderr.
void PrintWarning(std::string_view message);

// Prints `s` as an error and returns the exit code of an error.
ExitCode Fail(const Status& s);

// Runs `body` and returns its exit code; an exception that escapes it (out
// of memory, or a library's) is printed as an error and gives the exit code
// of an error, never an abort.
int RunGuarded(const std::function<int()>& body);

}  // namespace ctxscan::cli
