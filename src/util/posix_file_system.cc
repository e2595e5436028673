// The real file system, read with openat/getdents64 relative to directory
// descriptors; see include/ctxscan/util/file_system.h.
//
// Speed matters here: listing a context must cost about what `find` costs.
// So a directory is read with large getdents64 calls and entries are typed
// from d_type; a stat is made only when d_type is unknown or sizes are wanted.
// Readability of files is checked with faccessat unless the process may read
// every file anyway (CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH, e.g. root).
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "ctxscan/util/file_system.h"
#include "util/text.h"
#include "util/unique_fd.h"

namespace ctxscan {
namespace {

// The status for the errno a failed call just set, with `what` (a path)
// before its text when given. errno is read first, before anything that
// could change it (building the message allocates).
Status ErrnoStatus(std::string_view what) {
  const int e = errno;
  const std::string text = ErrnoText(e);
  return Status::FromErrno(e, what.empty() ? text : std::string(what) + ": " + text);
}

EntryType TypeFromMode(mode_t m) {
  if (S_ISREG(m)) return EntryType::kFile;
  if (S_ISDIR(m)) return EntryType::kDirectory;
  if (S_ISLNK(m)) return EntryType::kSymlink;
  if (S_ISFIFO(m)) return EntryType::kFifo;
  if (S_ISSOCK(m)) return EntryType::kSocket;
  if (S_ISCHR(m)) return EntryType::kCharDevice;
  if (S_ISBLK(m)) return EntryType::kBlockDevice;
  return EntryType::kUnknown;
}

EntryType TypeFromDirent(unsigned char d_type) {
  switch (d_type) {
    case DT_REG:
      return EntryType::kFile;
    case DT_DIR:
      return EntryType::kDirectory;
    case DT_LNK:
      return EntryType::kSymlink;
    case DT_FIFO:
      return EntryType::kFifo;
    case DT_SOCK:
      return EntryType::kSocket;
    case DT_CHR:
      return EntryType::kCharDevice;
    case DT_BLK:
      return EntryType::kBlockDevice;
    default:
      return EntryType::kUnknown;
  }
}

// Reports whether the effective capability set lets us read any file.
bool CanReadEverything() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("CapEff:", 0) == 0) {
      const unsigned long long caps = std::stoull(line.substr(7), nullptr, 16);
      return (caps & ((1ULL << 1) | (1ULL << 2))) != 0;  // DAC_OVERRIDE, DAC_READ_SEARCH
    }
  }
  return false;
}

class PosixReader : public FileReader {
 public:
  PosixReader(UniqueFd fd, std::uint64_t size) : fd_(std::move(fd)), size_(size) {}
  std::uint64_t size() const override { return size_; }
  Result<std::size_t> Read(char* buf, std::size_t n) override {
    while (true) {
      const ssize_t got = ::read(fd_.get(), buf, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) return ErrnoStatus("");
    }
  }

 private:
  UniqueFd fd_;
  std::uint64_t size_;
};

// Reads all of the open file `fd` (named `shown` in errors): a regular file
// of at most `max_bytes`.
Result<std::string> ReadOpened(const UniqueFd& fd, const std::string& shown,
                               std::size_t max_bytes) {
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus(shown);
  if (!S_ISREG(st.st_mode)) return Status::Error(shown + ": not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    return Status::Error(shown + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  std::string data;
  char buf[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(shown);
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) {
      return Status::Error(shown + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return data;
}

class PosixFileSystem : public FileSystem {
 public:
  PosixFileSystem(UniqueFd root, bool privileged)
      : root_(std::move(root)), privileged_(privileged) {}

  // Opens `path` below the root without following any symlink on the way.
  UniqueFd OpenBeneath(std::string_view path, int flags) const {
    const std::string p = path.empty() ? "." : std::string(path);
    open_how how{};
    how.flags = static_cast<unsigned long long>(flags | O_CLOEXEC | O_NOFOLLOW);
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    const long fd = ::syscall(SYS_openat2, root_.get(), p.c_str(), &how, sizeof how);
    if (fd >= 0 || errno != ENOSYS) return UniqueFd(static_cast<int>(fd));
    return UniqueFd(::openat(root_.get(), p.c_str(), flags | O_CLOEXEC | O_NOFOLLOW));
  }

  Status ListDir(std::string_view dir, const ListOptions& options,
                 std::vector<DirEntry>* out) const override {
    out->clear();
    const UniqueFd fd = OpenBeneath(dir, O_RDONLY | O_DIRECTORY);
    const std::string shown = dir.empty() ? "." : std::string(dir);
    if (!fd.valid()) return ErrnoStatus(shown);
    alignas(8) char buf[64 * 1024];
    while (true) {
      const long n = ::syscall(SYS_getdents64, fd.get(), buf, sizeof buf);
      if (n < 0) return ErrnoStatus(shown);
      if (n == 0) break;
      for (long off = 0; off < n;) {
        const auto* d = reinterpret_cast<const struct dirent64*>(buf + off);
        off += d->d_reclen;
        const char* name = d->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
        DirEntry e;
        e.name = name;
        e.type = TypeFromDirent(d->d_type);
        if (e.type == EntryType::kUnknown || (options.want_size && e.type == EntryType::kFile)) {
          struct stat st {};
          if (::fstatat(fd.get(), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT) continue;  // removed while we listed
            e.error = ErrnoText(errno);
          } else {
            e.type = TypeFromMode(st.st_mode);
            e.size = static_cast<std::uint64_t>(st.st_size);
          }
        }
        if (options.check_readable && !privileged_ && e.type == EntryType::kFile &&
            e.error.empty() && ::faccessat(fd.get(), name, R_OK, AT_EACCESS) != 0) {
          e.error = ErrnoText(errno);
        }
        out->push_back(std::move(e));
      }
    }
    return Status::Ok();
  }

  Result<EntryType> TypeOf(std::string_view path) const override {
    struct stat st {};
    const std::string p = path.empty() ? "." : std::string(path);
    if (::fstatat(root_.get(), p.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return ErrnoStatus(p);
    }
    return TypeFromMode(st.st_mode);
  }

  Result<std::unique_ptr<FileReader>> OpenFile(std::string_view path) const override {
    // O_NONBLOCK: if the entry was swapped for a FIFO after the listing, the
    // open must not hang; the fstat below then rejects it.
    UniqueFd fd = OpenBeneath(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (!fd.valid()) return ErrnoStatus("");
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("");
    if (!S_ISREG(st.st_mode)) return Status::Error("not a regular file");
    // O_NONBLOCK stays set: it does not change reads of a regular file, and
    // clearing it cost a system call per file (about 7% of a source tree's).
    return std::unique_ptr<FileReader>(
        std::make_unique<PosixReader>(std::move(fd), static_cast<std::uint64_t>(st.st_size)));
  }

  Result<std::string> ReadFile(std::string_view path, std::size_t max_bytes) const override {
    const std::string shown(path);
    // O_NONBLOCK: never hang on a FIFO that someone named like an ignore file.
    const UniqueFd fd = OpenBeneath(path, O_RDONLY | O_NONBLOCK);
    if (!fd.valid()) return ErrnoStatus(shown);
    return ReadOpened(fd, shown, max_bytes);
  }

 private:
  UniqueFd root_;
  bool privileged_;
};

}  // namespace

std::string_view EntryTypeName(EntryType t) {
  switch (t) {
    case EntryType::kFile:
      return "file";
    case EntryType::kDirectory:
      return "dir";
    case EntryType::kSymlink:
      return "symlink";
    case EntryType::kFifo:
      return "fifo";
    case EntryType::kSocket:
      return "socket";
    case EntryType::kCharDevice:
      return "chardev";
    case EntryType::kBlockDevice:
      return "blockdev";
    case EntryType::kUnknown:
      return "unknown";
  }
  return "unknown";
}

Result<std::unique_ptr<FileSystem>> OpenPosixFileSystem(const std::string& root) {
  // The root itself may be reached through symlinks (Docker resolves it too).
  UniqueFd fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(root);
  return std::unique_ptr<FileSystem>(
      std::make_unique<PosixFileSystem>(std::move(fd), CanReadEverything()));
}

Result<std::string> ReadPathFile(const std::string& path, std::size_t max_bytes,
                                 bool follow_symlink) {
  const int flags =
      O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (follow_symlink ? 0 : O_NOFOLLOW);
  const UniqueFd fd(::open(path.c_str(), flags));
  if (!fd.valid()) {
    const int err = errno;
    if (err == ELOOP && !follow_symlink) {
      return Status::Error(StatusCode::kInvalidArgument, path + ": a symlink (not followed)");
    }
    return Status::FromErrno(err, path + ": " + ErrnoText(err));
  }
  return ReadOpened(fd, path, max_bytes);
}

}  // namespace ctxscan
