// Reading and writing cache files; see src/match/cache_file.h.
#include "match/cache_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctxscan/util/unique_fd.h"
#include "util/text.h"

namespace ctxscan {

std::string CacheDirectory(std::string_view configured) {
  if (!configured.empty()) return std::string(configured);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/ctxscan";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    return std::string(home) + "/.cache/ctxscan";
  }
  return "";
}

std::optional<std::string> ReadCacheFile(const std::string& path, std::string_view magic,
                                         std::string_view fingerprint) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string data = buf.str();
  std::string_view rest = data;
  if (!rest.starts_with(magic)) return std::nullopt;
  rest.remove_prefix(magic.size());
  if (rest.size() < fingerprint.size() + 8 || rest.substr(0, fingerprint.size()) != fingerprint) {
    return std::nullopt;
  }
  rest.remove_prefix(fingerprint.size());
  std::uint64_t sum = 0;
  std::memcpy(&sum, rest.data(), 8);
  rest.remove_prefix(8);
  if (Fnv1a64(rest) != sum) return std::nullopt;
  return std::string(rest);
}

void WriteCacheFile(const std::string& dir, const std::string& path, std::string_view magic,
                    std::string_view fingerprint, std::string_view payload) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return;
  std::string out(magic);
  out += fingerprint;
  const std::uint64_t sum = Fnv1a64(payload);
  out.append(reinterpret_cast<const char*>(&sum), 8);
  out += payload;
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(fd.get(), out.data() + done, out.size() - done);
    if (n <= 0) {
      ::unlink(tmp.c_str());
      return;
    }
    done += static_cast<std::size_t>(n);
  }
  fd.Reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

}  // namespace ctxscan
