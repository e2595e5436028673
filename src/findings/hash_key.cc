// Loading or creating the report hash key; see include/ctxscan/findings/hash_key.h.
#include "ctxscan/findings/hash_key.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/hmac.h"
#include "util/text.h"
#include "util/unique_fd.h"
#include "util/write_all.h"

namespace ctxscan {
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kMinTextKey = 16;
constexpr std::size_t kMaxKeyFile = 4096;

std::string Octal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Reads a key file: a regular file (never through a symlink) owned by us,
// with no group or other permissions.
Result<std::string> ReadKeyFile(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY));
  if (!fd.valid())
    return Status::Error(path + ": cannot read the hash key: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return Status::Error(path + ": the hash key is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    return Status::Error(path + ": the hash key file has mode " + Octal(st.st_mode) +
                         ": others may read it (chmod 600 it, or make a new key)");
  }
  if (st.st_uid != ::geteuid()) {
    return Status::Error(path + ": the hash key file belongs to another user");
  }
  if (st.st_size > static_cast<off_t>(kMaxKeyFile)) {
    return Status::Error(path + ": the hash key file is too large");
  }
  std::string data(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::read(fd.get(), data.data() + done, data.size() - done);
    if (n <= 0) return Status::Error(path + ": cannot read the hash key");
    done += static_cast<std::size_t>(n);
  }
  return data;
}

// Makes `dir` (and its parents) when missing; the last one with mode 0700.
// An existing directory that others may write to is refused: they could
// replace the key.
Status EnsureDirectory(const std::string& dir) {
  for (std::size_t at = dir.find('/', 1); at != std::string::npos; at = dir.find('/', at + 1)) {
    ::mkdir(dir.substr(0, at).c_str(), 0700);
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Error(dir + ": cannot create the cache directory: " + std::strerror(errno));
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::Error(dir + ": the cache directory is not a directory");
  }
  if (st.st_uid != ::geteuid() || (st.st_mode & 022) != 0) {
    return Status::Error(dir + ": the cache directory (mode " + Octal(st.st_mode) +
                         ") may be written by other users");
  }
  return Status::Ok();
}

// Creates `path` holding a new random key, atomically: written to a private
// temporary file, then linked to `path` (which fails if it exists; the
// caller then reads the winner's key).
Status CreateKeyFile(const std::string& dir, const std::string& path) {
  std::string key(kKeyBytes, '\0');
  if (::getrandom(key.data(), key.size(), 0) != static_cast<ssize_t>(key.size())) {
    return Status::Error("cannot get random bytes for a hash key: " +
                         std::string(std::strerror(errno)));
  }
  const std::string tmp = dir + "/.hash-key." + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid()) return Status::Error(tmp + ": " + std::strerror(errno));
    if (Status s = WriteAll(fd.get(), key, tmp); !s.ok()) {
      ::unlink(tmp.c_str());
      return s;
    }
    ::fsync(fd.get());
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return Status::Error(path + ": cannot create the hash key: " + std::strerror(link_errno));
  }
  return Status::Ok();
}

Result<HashKey> CacheKey(const std::string& dir) {
  if (Status s = EnsureDirectory(dir); !s.ok()) return s;
  const std::string path = dir + "/hash-key";
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT) {
    if (Status s = CreateKeyFile(dir, path); !s.ok()) return s;
  }
  Result<std::string> data = ReadKeyFile(path);
  if (!data.ok()) return data.status();
  if (data->size() != kKeyBytes) {
    return Status::Error(path + ": the hash key file holds " + std::to_string(data->size()) +
                         " bytes, not " + std::to_string(kKeyBytes) +
                         " (remove it to make a new key; baselines must then be recreated)");
  }
  return HashKey{std::move(data).value(), path};
}

}  // namespace

Result<HashKey> ParseHashKey(std::string_view text, std::string_view origin) {
  if (text.size() == 2 * kKeyBytes) {
    std::string bytes;
    for (std::size_t i = 0; i < text.size(); i += 2) {
      const int hi = HexDigit(text[i]);
      const int lo = HexDigit(text[i + 1]);
      if (hi < 0 || lo < 0) break;
      bytes.push_back(static_cast<char>(hi * 16 + lo));
    }
    if (bytes.size() == kKeyBytes) return HashKey{std::move(bytes), std::string(origin)};
  }
  if (text.size() < kMinTextKey) {
    return Status::Error(std::string(origin) + ": the hash key is too short (" +
                         std::to_string(text.size()) + " bytes; at least " +
                         std::to_string(kMinTextKey) + ", or 64 hex digits)");
  }
  return HashKey{std::string(text), std::string(origin)};
}

Result<HashKey> LoadHashKey(const HashKeySource& source) {
  if (!source.key_file.empty()) {
    Result<std::string> data = ReadKeyFile(source.key_file);
    if (!data.ok()) return data.status();
    std::string_view text = *data;
    // A 32-byte file is a raw key (a copy of the cache key); else text,
    // without its line break.
    if (text.size() != kKeyBytes && text.ends_with('\n')) text.remove_suffix(1);
    if (text.size() != kKeyBytes && text.ends_with('\r')) text.remove_suffix(1);
    return ParseHashKey(text, source.key_file);
  }
  if (source.env) return ParseHashKey(*source.env, "CTXSCAN_HASH_KEY");
  if (source.cache_dir.empty()) {
    return Status::Error(
        "no hash key: set CTXSCAN_HASH_KEY or give --hash-key-file (no cache directory: HOME "
        "and XDG_CACHE_HOME are not set)");
  }
  return CacheKey(source.cache_dir);
}

std::string HashKeyId(const HashKey& key) {
  return HmacSha256Hex(key.bytes, "ctxscan report hash key id v1").substr(0, 16);
}

}  // namespace ctxscan
