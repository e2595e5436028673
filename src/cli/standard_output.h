// Writing a command's output to standard output, checked: a full disk or a
// closed pipe is an error the command reports (exit 2), never a silently
// truncated report that lets a CI gate pass. Main also checks standard
// output once more after every command (see app.cc).
//
// Covered by tests/e2e/cli_usage_test.py (a full standard output).
#pragma once

#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan::cli {

// Writes all of `text` to stdout and flushes it. On failure returns an error
// naming standard output and the system's reason, and clears stdout's error
// indicator (the failure is reported once, by the caller).
Status WriteStandardOutput(std::string_view text);

}  // namespace ctxscan::cli
