// Checked writes to standard output; see src/cli/standard_output.h.
#include "cli/standard_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace ctxscan::cli {

Status WriteStandardOutput(std::string_view text) {
  errno = 0;
  const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  const int write_errno = errno;
  const bool flushed = std::fflush(stdout) == 0;
  if (written && flushed) return Status::Ok();
  const int reason = !written && write_errno != 0 ? write_errno : errno;
  std::clearerr(stdout);
  return Status::Error(std::string("writing standard output: ") +
                       (reason != 0 ? std::strerror(reason) : "write error"));
}

}  // namespace ctxscan::cli
