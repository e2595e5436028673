// The three kinds of image store; see image_store.h.
#include "image/image_store.h"

#include <archive_entry.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "image/archive_handle.h"
#include "image/image_reference.h"
#include "image/registry_store.h"
#include "util/go_path.h"
#include "util/unique_fd.h"

namespace ctxscan {

struct BlobReader::Hasher {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  Hasher() { EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(ctx); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
};

BlobReader::BlobReader() : hasher_(std::make_shared<Hasher>()) {}

void BlobReader::Hash(const void* data, std::size_t size) {
  EVP_DigestUpdate(hasher_->ctx, data, size);
}

Status BlobReader::Drain() {
  const void* data = nullptr;
  for (;;) {
    const long n = Read(&data);
    if (n < 0) return Status::Error(error_);
    if (n == 0) return Status::Ok();
  }
}

std::string BlobReader::digest() const {
  EVP_MD_CTX* copy = EVP_MD_CTX_new();
  EVP_MD_CTX_copy_ex(copy, hasher_->ctx);
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(copy, md.data(), &length);
  EVP_MD_CTX_free(copy);
  static const char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

namespace {

constexpr std::size_t kMaxDocument = 4U << 20;
constexpr std::size_t kChunk = 1U << 16;

// A blob that is a file of its own.
class FileBlob : public BlobReader {
 public:
  explicit FileBlob(UniqueFd fd) : fd_(std::move(fd)) {}
  long Read(const void** data) override {
    ssize_t n = -1;
    do {
      n = ::read(fd_.get(), buffer_.data(), buffer_.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      error_ = std::string("read: ") + std::strerror(errno);
      return -1;
    }
    Hash(buffer_.data(), static_cast<std::size_t>(n));
    *data = buffer_.data();
    return n;
  }

 private:
  UniqueFd fd_;
  std::array<char, kChunk> buffer_{};
};

// A blob that is the current member of an outer tar archive.
class MemberBlob : public BlobReader {
 public:
  explicit MemberBlob(struct archive* outer) : outer_(outer) {}
  long Read(const void** data) override {
    const la_ssize_t n = archive_read_data(outer_, buffer_.data(), buffer_.size());
    if (n < 0) {
      error_ = ArchiveError(outer_, "cannot read the archive");
      return -1;
    }
    Hash(buffer_.data(), static_cast<std::size_t>(n));
    *data = buffer_.data();
    return static_cast<long>(n);
  }

 private:
  struct archive* outer_;
  std::array<char, kChunk> buffer_{};
};

// Whether `name` is a blob path a layout may hold: blobs/<alg>/<hex>.
bool IsBlobPath(const std::string& name) {
  if (name.rfind("blobs/", 0) != 0 || name.find("..") != std::string::npos) return false;
  const std::size_t slash = name.find('/', 6);
  return slash != std::string::npos && slash + 1 < name.size() &&
         name.find('/', slash + 1) == std::string::npos;
}

class LayoutStore : public ImageStore {
 public:
  explicit LayoutStore(std::string root) : root_(std::move(root)) {}
  std::string kind() const override { return "oci-layout"; }

  std::optional<std::string> Document(const std::string& name) const override {
    if (name != "index.json" && name != "oci-layout" && !IsBlobPath(name)) return std::nullopt;
    Result<UniqueFd> fd = OpenMember(name);
    if (!fd.ok()) return std::nullopt;
    std::string out;
    std::array<char, kChunk> buffer{};
    for (;;) {
      const ssize_t n = ::read(fd->get(), buffer.data(), buffer.size());
      if (n <= 0 || out.size() + static_cast<std::size_t>(n) > kMaxDocument) {
        return n == 0 ? std::optional<std::string>(out) : std::nullopt;
      }
      out.append(buffer.data(), static_cast<std::size_t>(n));
    }
  }

  Status StreamBlob(const std::string& name,
                    const std::function<Status(BlobReader&)>& use) const override {
    if (!IsBlobPath(name)) return Status::Error("not a blob path: " + name);
    Result<UniqueFd> fd = OpenMember(name);
    if (!fd.ok()) return fd.status();
    FileBlob blob(std::move(fd).value());
    return use(blob);
  }

 private:
  Result<UniqueFd> OpenMember(const std::string& name) const {
    const std::string path = root_ + "/" + name;
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!fd.valid()) return Status::Error(path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
      return Status::Error(path + ": not a regular file");
    }
    return fd;
  }
  std::string root_;
};

// Reads the current member of `a` whole, up to kMaxDocument bytes; nothing
// when it is larger or does not look like JSON.
std::optional<std::string> ReadDocumentMember(struct archive* a, std::int64_t size) {
  if (size <= 0 || static_cast<std::uint64_t>(size) > kMaxDocument) return std::nullopt;
  std::string out(static_cast<std::size_t>(size), '\0');
  const la_ssize_t n = archive_read_data(a, out.data(), out.size());
  if (n != static_cast<la_ssize_t>(size)) return std::nullopt;
  const std::size_t first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (out[first] != '{' && out[first] != '[')) return std::nullopt;
  return out;
}

// The member names of `name` after following symbolic links in the archive
// (docker save links <id>/layer.tar to the layer's blob).
std::string ResolveLink(const std::map<std::string, std::string>& links, std::string name) {
  for (int hops = 0; hops < 8; ++hops) {
    auto it = links.find(name);
    if (it == links.end()) return name;
    const std::string& target = it->second;
    const std::size_t slash = name.rfind('/');
    const bool absolute = !target.empty() && target[0] == '/';
    const std::string joined =
        absolute ? target : (slash == std::string::npos ? "" : name.substr(0, slash + 1)) + target;
    name = go::Clean(joined);
    if (name.rfind('/', 0) == 0) name.erase(0, 1);
  }
  return name;
}

std::string MemberName(std::string name) {
  while (name.rfind("./", 0) == 0) name.erase(0, 2);
  return name;
}

class ArchiveStore : public ImageStore {
 public:
  explicit ArchiveStore(UniqueFd fd) : fd_(std::move(fd)) {}
  std::string kind() const override { return kind_; }

  // Reads every member's header once: documents and links are kept.
  Status Index(const std::string& path) {
    UniqueFd fd;
    std::string error;
    ArchiveHandle a = OpenOuter(&fd, &error);
    if (!a) {
      return Status::Error(path +
                           ": not an image: neither a tar archive (docker save, OCI archive) nor "
                           "an OCI image layout directory (" +
                           error + ")");
    }
    struct archive_entry* entry = nullptr;
    int rc = ARCHIVE_OK;
    while (NextEntry(a.get(), &entry, &rc)) {
      const std::string name = MemberName(EntryPath(entry));
      if (archive_entry_filetype(entry) == AE_IFLNK && archive_entry_symlink(entry) != nullptr) {
        links_[name] = archive_entry_symlink(entry);
        continue;
      }
      if (archive_entry_filetype(entry) != AE_IFREG) continue;
      members_[name] = true;
      if (std::optional<std::string> doc = ReadDocumentMember(a.get(), archive_entry_size(entry))) {
        documents_[name] = std::move(*doc);
      }
    }
    if (rc != ARCHIVE_EOF) {
      return Status::Error(path + ": " + ArchiveError(a.get(), "cannot read the archive") +
                           " (truncated or not a tar archive?)");
    }
    if (documents_.count("manifest.json") != 0) {
      kind_ = "docker-archive";
    } else if (documents_.count("index.json") != 0) {
      kind_ = "oci-archive";
    } else {
      return Status::Error(path +
                           ": not an image archive (no manifest.json, as docker save writes, "
                           "and no index.json, as an OCI archive holds)");
    }
    return Status::Ok();
  }

  std::optional<std::string> Document(const std::string& name) const override {
    auto it = documents_.find(ResolveLink(links_, name));
    if (it == documents_.end()) return std::nullopt;
    return it->second;
  }

  Status StreamBlob(const std::string& name,
                    const std::function<Status(BlobReader&)>& use) const override {
    const std::string member = ResolveLink(links_, name);
    if (members_.count(member) == 0) return Status::Error("the archive holds no " + name);
    UniqueFd fd;
    std::string error;
    ArchiveHandle a = OpenOuter(&fd, &error);
    if (!a) return Status::Error(error);
    struct archive_entry* entry = nullptr;
    int rc = ARCHIVE_OK;
    while (NextEntry(a.get(), &entry, &rc)) {
      if (archive_entry_filetype(entry) != AE_IFREG || MemberName(EntryPath(entry)) != member) {
        continue;
      }
      MemberBlob blob(a.get());
      return use(blob);
    }
    return Status::Error(name + ": " + ArchiveError(a.get(), "not found in the archive"));
  }

 private:
  // A reader of the archive from its start, through a handle of its own
  // (a new open file description of the same file, so readers on several
  // threads do not share an offset); `*fd` keeps the handle open.
  ArchiveHandle OpenOuter(UniqueFd* fd, std::string* error) const {
    const std::string self = "/proc/self/fd/" + std::to_string(fd_.get());
    *fd = UniqueFd(::open(self.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd->valid()) {
      *error = "cannot open the archive again: " + std::string(std::strerror(errno));
      return nullptr;
    }
    ArchiveHandle a = NewTarReader();
    if (!a || archive_read_open_fd(a.get(), fd->get(), kChunk) != ARCHIVE_OK) {
      *error = ArchiveError(a.get(), "cannot open the archive");
      return nullptr;
    }
    return a;
  }

  UniqueFd fd_;
  std::string kind_;
  std::map<std::string, std::string> documents_;
  std::map<std::string, std::string> links_;
  std::map<std::string, bool> members_;
};

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 || errno != ENOENT;
}

// Standard input copied to an unlinked file of mode 0600.
Result<UniqueFd> SpoolStdin() {
  const char* dir = std::getenv("TMPDIR");
  std::string templ =
      std::string(dir != nullptr && dir[0] != 0 ? dir : "/tmp") + "/ctxscan-image-XXXXXX";
  UniqueFd fd(::mkstemp(templ.data()));
  if (!fd.valid())
    return Status::Error("cannot make a temporary file for standard input: " +
                         std::string(std::strerror(errno)));
  ::unlink(templ.c_str());
  std::array<char, kChunk> buffer{};
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Error(std::string("reading standard input: ") + std::strerror(errno));
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(fd.get(), buffer.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0)
        return Status::Error("spooling standard input: " + std::string(std::strerror(errno)));
      done += w;
    }
  }
  return fd;
}

}  // namespace

Result<std::unique_ptr<ImageStore>> ImageStore::Open(const std::string& path,
                                                     const ImageSourceOptions& options) {
  if (path.rfind("docker://", 0) == 0 || (path != "-" && !Exists(path) && !LooksLikePath(path))) {
    const std::optional<ImageReference> ref = ParseImageReference(path);
    if (!ref) {
      return Status::Error(StatusCode::kNotFound,
                           path + ": no such file or directory, and not an image reference");
    }
    return OpenRegistryImage(*ref, options.insecure_registry);
  }
  UniqueFd fd;
  if (path == "-") {
    Result<UniqueFd> spooled = SpoolStdin();
    if (!spooled.ok()) return spooled.status();
    fd = std::move(spooled).value();
  } else {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      return Status::Error(path + ": " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
      auto store = std::make_unique<LayoutStore>(path);
      if (!store->Document("index.json")) {
        return Status::Error(path + ": not an OCI image layout (no readable index.json)");
      }
      return std::unique_ptr<ImageStore>(std::move(store));
    }
    if (!S_ISREG(st.st_mode)) {
      return Status::Error(path + ": not a regular file or a directory");
    }
    fd = UniqueFd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) return Status::Error(path + ": " + std::strerror(errno));
  }
  auto store = std::make_unique<ArchiveStore>(std::move(fd));
  if (Status s = store->Index(path == "-" ? "standard input" : path); !s.ok()) return s;
  return std::unique_ptr<ImageStore>(std::move(store));
}

}  // namespace ctxscan
