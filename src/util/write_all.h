// Writing a whole buffer to a file descriptor, retrying short writes and
// interrupted calls. Thread safety: re-entrant.
//
// Covered by its users' tests: tests/unit/hash_key_test.cc (key files) and
// tests/e2e/cli_usage_test.py (reports to a full disk).
#pragma once

#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

// Writes all of `text` to `fd`; an error names `name` and the system's reason.
Status WriteAll(int fd, std::string_view text, const std::string& name);

}  // namespace ctxscan
