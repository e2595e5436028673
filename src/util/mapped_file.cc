// A regular file mapped read-only; see src/util/mapped_file.h.
#include "util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "util/unique_fd.h"

namespace ctxscan {

MappedFile::MappedFile(void* map, std::size_t size)
    : map_(map), bytes_(static_cast<const char*>(map), size) {}

MappedFile::~MappedFile() {
  if (map_ != nullptr) ::munmap(map_, bytes_.size());
}

Result<std::shared_ptr<const MappedFile>> MappedFile::Open(const std::string& path) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return Status::Error(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Status::Error(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return Status::Error(path + ": not a regular file");
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) return std::shared_ptr<const MappedFile>(new MappedFile(nullptr, 0));
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (map == MAP_FAILED) return Status::Error(path + ": cannot be mapped: " + std::strerror(errno));
  return std::shared_ptr<const MappedFile>(new MappedFile(map, size));
}

}  // namespace ctxscan
