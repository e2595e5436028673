// Reading and writing cache files; see src/match/cache_file.h.
#include "match/cache_file.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "util/unique_fd.h"
#include "util/write_all.h"

namespace ctxscan {
namespace {

// The payload's checksum: CRC-32 (libdeflate's, several GB/s; a 7 MB
// database is checked on every run), kept in the header's 8 bytes.
std::uint64_t Checksum(std::string_view payload) {
  return libdeflate_crc32(0, payload.data(), payload.size());
}

}  // namespace

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

std::optional<CachePayload> ReadCacheFile(const std::string& path, std::string_view magic,
                                          std::string_view fingerprint) {
  Result<std::shared_ptr<const MappedFile>> file = MappedFile::Open(path);
  if (!file.ok()) return std::nullopt;
  const std::string_view all = (*file)->bytes();
  const std::size_t header_size = magic.size() + fingerprint.size() + 8;
  if (all.size() < header_size || all.substr(0, magic.size()) != magic ||
      all.substr(magic.size(), fingerprint.size()) != fingerprint) {
    return std::nullopt;
  }
  std::uint64_t sum = 0;
  std::memcpy(&sum, all.data() + magic.size() + fingerprint.size(), 8);
  const std::string_view payload = all.substr(header_size);
  if (Checksum(payload) != sum) return std::nullopt;
  return CachePayload(std::move(file).value(), payload);
}

void WriteCacheFile(const std::string& dir, const std::string& path, std::string_view magic,
                    std::string_view fingerprint, std::string_view payload) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return;
  std::string header(magic);
  header += fingerprint;
  const std::uint64_t sum = Checksum(payload);
  header.append(reinterpret_cast<const char*>(&sum), 8);
  if (!WriteAll(fd.get(), header, tmp).ok() || !WriteAll(fd.get(), payload, tmp).ok()) {
    ::unlink(tmp.c_str());
    return;
  }
  fd.Reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

}  // namespace ctxscan
