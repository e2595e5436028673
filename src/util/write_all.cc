// Writing a whole buffer; see src/util/write_all.h.
#include "util/write_all.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ctxscan {

Status WriteAll(int fd, std::string_view text, const std::string& name) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Error(name + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

}  // namespace ctxscan
