// Reading blobs through the FileSystem seam; see
// src/git/blob_file_system.h.
#include "git/blob_file_system.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "git/git_handle.h"

namespace ctxscan {
namespace {

constexpr std::string_view kLfsPointer = "version https://git-lfs.github.com/spec/v1\n";

// Collects the LFS pointers the readers see.
struct LfsLog {
  std::mutex mu;
  std::vector<std::string> ids;
};

class BlobReader : public FileReader {
 public:
  BlobReader(git_repository* repo, const git_oid& id, std::uint64_t size, LfsLog* lfs)
      : repo_(repo), id_(id), size_(size), lfs_(lfs) {}

  std::uint64_t size() const override { return size_; }

  Result<std::size_t> Read(char* buf, std::size_t n) override {
    if (!blob_) {
      git_blob* b = nullptr;
      if (git_blob_lookup(&b, repo_, &id_) != 0) {
        return git::GitError("blob " + git::OidHex(id_) + ": cannot be read");
      }
      blob_.reset(b);
      size_ = static_cast<std::uint64_t>(git_blob_rawsize(b));
      const std::string_view content(static_cast<const char*>(git_blob_rawcontent(b)),
                                     static_cast<std::size_t>(size_));
      if (size_ < 1024 && content.starts_with(kLfsPointer)) {
        const std::lock_guard<std::mutex> lock(lfs_->mu);
        lfs_->ids.push_back(git::OidHex(id_));
      }
    }
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob_.get()));
    const std::size_t left = static_cast<std::size_t>(size_ - offset_);
    const std::size_t take = std::min(n, left);
    if (take > 0) std::memcpy(buf, data + offset_, take);
    offset_ += take;
    return take;
  }

 private:
  git_repository* repo_;
  git_oid id_;
  std::uint64_t size_;
  std::uint64_t offset_ = 0;
  LfsLog* lfs_;
  git::Blob blob_;
};

class RepositoryBlobs : public BlobFileSystem {
 public:
  explicit RepositoryBlobs(std::string path) : path_(std::move(path)) {}

  std::vector<std::string> LfsPointers() const override {
    const std::lock_guard<std::mutex> lock(lfs_.mu);
    std::vector<std::string> ids = lfs_.ids;
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  Status ListDir(std::string_view, const ListOptions&, std::vector<DirEntry>*) const override {
    return Status::Error("a repository's objects cannot be listed as a directory");
  }
  Result<EntryType> TypeOf(std::string_view) const override {
    return Status::Error("a repository's objects have no file types");
  }
  Result<std::string> ReadFile(std::string_view, std::size_t) const override {
    return Status::Error("read blobs with OpenFile");
  }

  Result<std::unique_ptr<FileReader>> OpenFile(std::string_view hex) const override {
    Result<git_repository*> repo = ThreadRepository();
    if (!repo.ok()) return repo.status();
    git_oid id;
    if (git_oid_fromstrn(&id, hex.data(), hex.size()) != 0) {
      return Status::Error("not an object id: " + std::string(hex));
    }
    git_odb* odb = nullptr;
    if (git_repository_odb(&odb, *repo) != 0)
      return git::GitError("cannot open the object database");
    const git::Odb owned(odb);
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb, &id) != 0) {
      return git::GitError("blob " + std::string(hex) + ": missing or corrupt");
    }
    if (type != GIT_OBJECT_BLOB)
      return Status::Error("object " + std::string(hex) + " is not a blob");
    return std::unique_ptr<FileReader>(std::make_unique<BlobReader>(*repo, id, size, &lfs_));
  }

 private:
  // This thread's own handle on the repository.
  Result<git_repository*> ThreadRepository() const {
    const std::lock_guard<std::mutex> lock(mu_);
    auto it = repos_.find(std::this_thread::get_id());
    if (it != repos_.end()) return it->second.get();
    Result<git::Repository> repo = git::OpenRepository(path_);
    if (!repo.ok()) return repo.status();
    git_repository* r = repo->get();
    repos_.emplace(std::this_thread::get_id(), std::move(repo).value());
    return r;
  }

  std::string path_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::thread::id, git::Repository> repos_;
  mutable LfsLog lfs_;
};

}  // namespace

Result<std::unique_ptr<BlobFileSystem>> OpenBlobFileSystem(const std::string& path) {
  Result<git::Repository> probe = git::OpenRepository(path);
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<BlobFileSystem>(std::make_unique<RepositoryBlobs>(path));
}

}  // namespace ctxscan
