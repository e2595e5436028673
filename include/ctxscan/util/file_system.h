// The file-system seam of the context walker. The walker only ever lists a
// directory and reads a small file (the ignore file), so that is the whole
// interface; tests use MemoryFileSystem, the binary PosixFileSystem.
//
// Paths are relative to the file system's root, slash-separated, without a
// leading "./"; "" is the root itself. Names are bytes: anything but '/' and
// NUL, valid UTF-8 or not.
//
// Thread safety: every implementation must allow concurrent calls.
//
// Covered by tests/unit/build_context_test.cc, tests/unit/read_path_file_test.cc
// and tests/unit/status_test.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

enum class EntryType : std::uint8_t {
  kFile,
  kDirectory,
  kSymlink,
  kFifo,
  kSocket,
  kCharDevice,
  kBlockDevice,
  kUnknown,
};

// Returns "file", "dir", "symlink", "fifo", "socket", "chardev", "blockdev", "unknown".
std::string_view EntryTypeName(EntryType t);

struct DirEntry {
  std::string name;
  EntryType type = EntryType::kUnknown;
  std::uint64_t size = 0;  // bytes; filled only when sizes were asked for
  // Non-empty when this entry cannot be used: a file that cannot be read, a
  // directory that cannot be opened or listed. Says what is wrong.
  std::string error;
};

struct ListOptions {
  bool want_size = false;      // fill DirEntry::size (costs a stat per entry)
  bool check_readable = true;  // set DirEntry::error on unreadable files
};

// An open regular file, read sequentially.
class FileReader {
 public:
  virtual ~FileReader() = default;
  // The file's size when it was opened. A reader whose read comes back
  // short once this many bytes were read is taken to be at its end
  // (FileScanner stops there); a file that grew meanwhile is scanned up to
  // that read.
  virtual std::uint64_t size() const = 0;
  // Reads up to `n` bytes into `buf`; returns 0 at the end. Fails with the
  // reason (the caller knows the path).
  virtual Result<std::size_t> Read(char* buf, std::size_t n) = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Lists directory `dir` (never following a symlink), in no particular order.
  // Fails when `dir` cannot be opened or read; the message names the path.
  virtual Status ListDir(std::string_view dir, const ListOptions& options,
                         std::vector<DirEntry>* out) const = 0;
  // Returns the type of `path` without following a final symlink; fails when
  // it does not exist.
  virtual Result<EntryType> TypeOf(std::string_view path) const = 0;
  // Reads a whole regular file of at most `max_bytes`; fails if it does not
  // exist, is not a regular file, cannot be read, or is larger.
  virtual Result<std::string> ReadFile(std::string_view path, std::size_t max_bytes) const = 0;
  // Opens regular file `path` for reading, never following a symlink and
  // never opening anything that is not a regular file.
  virtual Result<std::unique_ptr<FileReader>> OpenFile(std::string_view path) const = 0;
  // Reports whether `path` exists (without following a final symlink).
  bool Exists(std::string_view path) const { return TypeOf(path).ok(); }
};

// The real file system below `root` (a directory path as given by the user).
// Opens directories with O_NOFOLLOW relative to their parent, never follows a
// symlink, never opens a FIFO, socket or device.
Result<std::unique_ptr<FileSystem>> OpenPosixFileSystem(const std::string& root);

// Reads the whole regular file at `path`, a path of the process (absolute or
// relative to the current directory): the one way ctxscan reads a file it is
// pointed at rather than one it scans (the configuration, a baseline, rule
// files). Never blocks on a FIFO; refuses anything but a regular file and
// files over `max_bytes`; with `follow_symlink` false, refuses a symlink as
// the last component (a file found inside a scanned tree). Errors name
// `path` and have codes (not found, permission denied, ...).
Result<std::string> ReadPathFile(const std::string& path, std::size_t max_bytes,
                                 bool follow_symlink);

// An in-memory tree for tests. Paths are added with their parents implied.
class MemoryFileSystem : public FileSystem {
 public:
  MemoryFileSystem();
  ~MemoryFileSystem() override;
  void AddFile(std::string_view path, std::string content = "");
  void AddDir(std::string_view path);
  void AddSymlink(std::string_view path);
  void AddSpecial(std::string_view path, EntryType type);
  // Makes `path` unreadable: ListDir/ReadFile fail on it, and its entry in the
  // parent's listing carries an error.
  void MakeUnreadable(std::string_view path);

  Status ListDir(std::string_view dir, const ListOptions& options,
                 std::vector<DirEntry>* out) const override;
  Result<EntryType> TypeOf(std::string_view path) const override;
  Result<std::string> ReadFile(std::string_view path, std::size_t max_bytes) const override;
  Result<std::unique_ptr<FileReader>> OpenFile(std::string_view path) const override;

 private:
  struct Node;
  Node* Ensure(std::string_view path, EntryType type);
  const Node* Find(std::string_view path) const;
  std::unique_ptr<Node> root_;
};

}  // namespace ctxscan
