// Reading blobs through the FileSystem seam; see
// src/git/blob_file_system.h.
#include "git/blob_file_system.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>

#include "git/git_handle.h"
#include "git/pack_store.h"
#include "util/text.h"

namespace ctxscan {
namespace {

// Delta bases each reader keeps (git/pack_store.h). `ctxscan git` on
// trufflehog's history (57k blobs, 800 MB, two threads): no cache 4.19 s,
// 4 MiB 3.40-3.75 s, 8 MiB 3.40-3.48 s, 16 MiB 3.45-3.68 s, 64 MiB 3.61 s,
// peak RSS growing from 249 MB by about twice the budget and more.
constexpr std::size_t kDeltaCacheBytes = std::size_t{8} << 20;

// Blobs up to this size are read when opened (their size comes with them);
// larger ones are read when the scan asks for their bytes, so that one over
// the scan's size limit is skipped without being rebuilt.
constexpr std::uint64_t kReadAtOnce = std::uint64_t{16} << 20;

// Collects the ids of the LFS pointers the readers meet.
struct IdLog {
  std::mutex mu;
  std::vector<std::string> ids;

  void Add(std::string id) {
    const std::lock_guard<std::mutex> lock(mu);
    ids.push_back(std::move(id));
  }
  std::vector<std::string> Sorted() {
    const std::lock_guard<std::mutex> lock(mu);
    std::vector<std::string> out = ids;
    std::sort(out.begin(), out.end());
    return out;
  }
};

// The remote a partial clone fetches missing objects from: git's
// extensions.partialclone, else the first remote with promisor = true
// (config order); empty when `repo` is not a partial clone.
std::string FindPromisorRemote(git_repository* repo) {
  git_config* config = nullptr;
  if (git_repository_config_snapshot(&config, repo) != 0) return "";
  const git::Config owned(config);
  git_buf value = GIT_BUF_INIT;
  std::string remote;
  if (git_config_get_string_buf(&value, config, "extensions.partialclone") == 0) {
    remote.assign(value.ptr, value.size);
  }
  git_buf_dispose(&value);
  if (!remote.empty()) return remote;
  // Every entry, matched here: libgit2's regex-matching iteration leaks PCRE2
  // match data per call (seen by the git_objects fuzz target).
  git_config_iterator* it = nullptr;
  if (git_config_iterator_new(&it, config) != 0) return "";
  const git::ConfigIterator owned_it(it);
  constexpr std::string_view kPrefix = "remote.";
  constexpr std::string_view kSuffix = ".promisor";
  git_config_entry* e = nullptr;
  while (remote.empty() && git_config_next(&e, it) == 0) {
    const std::string_view key(e->name);
    int yes = 0;
    if (key.size() > kPrefix.size() + kSuffix.size() && key.starts_with(kPrefix) &&
        key.ends_with(kSuffix) && git_config_parse_bool(&yes, e->value) == 0 && yes != 0) {
      remote = key.substr(kPrefix.size(), key.size() - kPrefix.size() - kSuffix.size());
    }
  }
  return remote;
}

// What one thread at a time reads with: a reader of the packs, and a
// libgit2 handle on the repository for objects no pack holds (loose ones,
// those of alternates) and for packs the reader cannot use.
struct Worker {
  std::unique_ptr<git::PackReader> packs;
  git::Repository repo;  // opened when first needed
};

// Workers are lent to one reader at a time and kept for the next, so a
// reader's delta bases outlive the scan's batches (each runs on new threads).
class WorkerPool {
 public:
  WorkerPool(std::string path, std::unique_ptr<const git::PackStore> packs)
      : path_(std::move(path)), packs_(std::move(packs)) {}

  std::unique_ptr<Worker> Take() {
    {
      const std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Worker> w = std::move(idle_.back());
        idle_.pop_back();
        return w;
      }
    }
    auto w = std::make_unique<Worker>();
    w->packs = std::make_unique<git::PackReader>(*packs_, kDeltaCacheBytes);
    return w;
  }
  void Give(std::unique_ptr<Worker> w) {
    const std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(w));
  }
  // The worker's libgit2 handle, opened on first use.
  Result<git_repository*> Repository(Worker* w) const {
    if (w->repo == nullptr) {
      Result<git::Repository> repo = git::OpenRepository(path_);
      if (!repo.ok()) return repo.status();
      w->repo = std::move(repo).value();
    }
    return w->repo.get();
  }

 private:
  std::string path_;
  std::unique_ptr<const git::PackStore> packs_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Worker>> idle_;
};

// A worker for the length of a scope.
class Lease {
 public:
  explicit Lease(WorkerPool* pool) : pool_(pool), worker_(pool->Take()) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { pool_->Give(std::move(worker_)); }
  Worker* operator->() const { return worker_.get(); }
  Worker* get() const { return worker_.get(); }

 private:
  WorkerPool* pool_;
  std::unique_ptr<Worker> worker_;
};

git::RawId ToRaw(const git_oid& id) {
  git::RawId raw;
  std::memcpy(raw.data(), id.id, raw.size());
  return raw;
}

// The blob through libgit2.
Result<std::shared_ptr<const std::string>> ReadThroughLibgit2(WorkerPool* pool, const git_oid& id) {
  const Lease w(pool);
  Result<git_repository*> repo = pool->Repository(w.get());
  if (!repo.ok()) return repo.status();
  git_blob* b = nullptr;
  if (git_blob_lookup(&b, *repo, &id) != 0) {
    return git::GitError("blob " + git::OidHex(id) + ": cannot be read");
  }
  const git::Blob blob(b);
  return std::make_shared<const std::string>(static_cast<const char*>(git_blob_rawcontent(b)),
                                             static_cast<std::size_t>(git_blob_rawsize(b)));
}

class BlobReader : public FileReader {
 public:
  // `content`, when not null, is the blob already read (its size `size`).
  BlobReader(WorkerPool* pool, const git_oid& id, std::uint64_t size, IdLog* lfs,
             std::shared_ptr<const std::string> content)
      : pool_(pool), id_(id), size_(size), lfs_(lfs), content_(std::move(content)) {}

  std::uint64_t size() const override { return size_; }

  Result<std::size_t> Read(char* buf, std::size_t n) override {
    if (!loaded_) {
      if (Status s = Load(); !s.ok()) return s;
      loaded_ = true;
    }
    const std::size_t left = content_->size() - static_cast<std::size_t>(offset_);
    const std::size_t take = std::min(n, left);
    if (take > 0) std::memcpy(buf, content_->data() + offset_, take);
    offset_ += take;
    return take;
  }

 private:
  // Reads the blob: from the packs, or through libgit2 when no pack the
  // reader can use holds it (or the pack cannot be read: libgit2 names the
  // problem).
  Status Load() {
    if (!content_) {
      const Lease w(pool_);
      git::PackedObject object;
      Result<bool> packed = w->packs->Read(ToRaw(id_), &object);
      if (packed.ok() && *packed && object.type == git::PackType::kBlob) {
        content_ = std::move(object.data);
      }
    }
    if (!content_) {
      Result<std::shared_ptr<const std::string>> read = ReadThroughLibgit2(pool_, id_);
      if (!read.ok()) return read.status();
      content_ = std::move(read).value();
    }
    size_ = content_->size();
    if (IsGitLfsPointer(*content_)) {
      lfs_->Add(git::OidHex(id_));
    }
    return Status::Ok();
  }

  WorkerPool* pool_;
  git_oid id_;
  std::uint64_t size_;
  std::uint64_t offset_ = 0;
  IdLog* lfs_;
  std::shared_ptr<const std::string> content_;
  bool loaded_ = false;
};

class RepositoryBlobs : public BlobFileSystem {
 public:
  RepositoryBlobs(std::string path, std::unique_ptr<const git::PackStore> packs,
                  std::string promisor)
      : pool_(std::move(path), std::move(packs)), promisor_(std::move(promisor)) {}

  std::vector<std::string> LfsPointers() const override { return lfs_.Sorted(); }
  const std::string& PromisorRemote() const override { return promisor_; }
  std::size_t UnfetchedBlobs() const override { return unfetched_.load(); }

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
    git_oid id;
    if (hex.size() != 40 || git_oid_fromstrn(&id, hex.data(), hex.size()) != 0) {
      return Status::Error("not an object id: " + std::string(hex));
    }
    {
      // From the packs: the blob itself when it is not large (the scan reads
      // it next), else its size and type only.
      const Lease w(&pool_);
      git::PackedObject object;
      std::uint64_t size = 0;
      Result<bool> packed = w->packs->ReadUpTo(ToRaw(id), kReadAtOnce, &object, &size);
      if (packed.ok() && *packed) {
        if (object.type != git::PackType::kBlob) {
          return Status::Error("object " + std::string(hex) + " is not a blob");
        }
        return std::unique_ptr<FileReader>(
            std::make_unique<BlobReader>(&pool_, id, size, &lfs_, std::move(object.data)));
      }
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (Status s = ReadHeader(id, &size, &type); !s.ok()) return s;
    if (type != GIT_OBJECT_BLOB)
      return Status::Error("object " + std::string(hex) + " is not a blob");
    return std::unique_ptr<FileReader>(
        std::make_unique<BlobReader>(&pool_, id, size, &lfs_, nullptr));
  }

 private:
  // The object's size and type: from the packs, else through libgit2.
  Status ReadHeader(const git_oid& id, std::size_t* size, git_object_t* type) const {
    const Lease w(&pool_);
    git::PackType packed_type = git::PackType::kBlob;
    std::uint64_t packed_size = 0;
    Result<bool> packed = w->packs->Header(ToRaw(id), &packed_type, &packed_size);
    if (packed.ok() && *packed) {
      *size = static_cast<std::size_t>(packed_size);
      *type = static_cast<git_object_t>(packed_type);  // the same numbers as libgit2's
      return Status::Ok();
    }
    Result<git_repository*> repo = pool_.Repository(w.get());
    if (!repo.ok()) return repo.status();
    git_odb* odb = nullptr;
    if (git_repository_odb(&odb, *repo) != 0)
      return git::GitError("cannot open the object database");
    const git::Odb owned(odb);
    const int rc = git_odb_read_header(size, type, odb, &id);
    if (rc == GIT_ENOTFOUND && !promisor_.empty()) {
      ++unfetched_;
      return Status::Error(StatusCode::kNotFetched,
                           "blob " + git::OidHex(id) + ": not in this partial clone (its remote " +
                               promisor_ + " has it; ctxscan does not fetch objects)");
    }
    if (rc != 0) return git::GitError("blob " + git::OidHex(id) + ": missing or corrupt");
    return Status::Ok();
  }

  mutable WorkerPool pool_;
  const std::string promisor_;
  mutable IdLog lfs_;
  mutable std::atomic<std::size_t> unfetched_{0};
};

}  // namespace

Result<std::unique_ptr<BlobFileSystem>> OpenBlobFileSystem(const std::string& path) {
  Result<git::Repository> probe = git::OpenRepository(path);
  if (!probe.ok()) return probe.status();
  std::unique_ptr<const git::PackStore> packs = git::OpenPacks(probe->get());
  std::string promisor = FindPromisorRemote(probe->get());
  return std::unique_ptr<BlobFileSystem>(
      std::make_unique<RepositoryBlobs>(path, std::move(packs), std::move(promisor)));
}

}  // namespace ctxscan
