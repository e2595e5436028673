// Writing a whole buffer to a file descriptor, retrying short writes and
// interrupted calls. Thread safety: re-entrant.
#pragma once

#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

// Writes all of `text` to `fd`; an error names `name` and the system's reason.
Status WriteAll(int fd, std::string_view text, const std::string& name);

}  // namespace ctxscan
