// Reading and writing cache files; see src/match/cache_file.h.
#include "match/cache_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "util/text.h"
#include "util/unique_fd.h"
#include "util/write_all.h"

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

CachePayload::CachePayload(CachePayload&& other) noexcept
    : map_(other.map_), map_size_(other.map_size_), data_(other.data_) {
  other.map_ = nullptr;
  other.map_size_ = 0;
  other.data_ = {};
}

CachePayload& CachePayload::operator=(CachePayload&& other) noexcept {
  if (this != &other) {
    if (map_ != nullptr) ::munmap(map_, map_size_);
    map_ = other.map_;
    map_size_ = other.map_size_;
    data_ = other.data_;
    other.map_ = nullptr;
    other.map_size_ = 0;
    other.data_ = {};
  }
  return *this;
}

CachePayload::~CachePayload() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

std::optional<CachePayload> ReadCacheFile(const std::string& path, std::string_view magic,
                                          std::string_view fingerprint) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const std::size_t header_size = magic.size() + fingerprint.size() + 8;
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size < header_size) return std::nullopt;
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (map == MAP_FAILED) return std::nullopt;
  CachePayload mapped(map, size, {});
  const std::string_view all(static_cast<const char*>(map), size);
  if (all.substr(0, magic.size()) != magic ||
      all.substr(magic.size(), fingerprint.size()) != fingerprint) {
    return std::nullopt;
  }
  std::uint64_t sum = 0;
  std::memcpy(&sum, all.data() + magic.size() + fingerprint.size(), 8);
  const std::string_view payload = all.substr(header_size);
  if (Fnv1a64(payload) != sum) return std::nullopt;
  mapped.data_ = payload;
  return mapped;
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
  const std::uint64_t sum = Fnv1a64(payload);
  header.append(reinterpret_cast<const char*>(&sum), 8);
  if (!WriteAll(fd.get(), header, tmp).ok() || !WriteAll(fd.get(), payload, tmp).ok()) {
    ::unlink(tmp.c_str());
    return;
  }
  fd.Reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

}  // namespace ctxscan
