// libgit2 reading packs through the project's pack reader; see
// src/git/pack_backend.h.
#include "git/pack_backend.h"

#include <git2/sys/odb_backend.h>

#include <cstring>
#include <new>

#include "git/git_handle.h"

namespace ctxscan::git {
namespace {

// libgit2's own backends have priorities 1 (loose) and 2 (packs); higher
// is tried first.
constexpr int kPriority = 10;

// The backend libgit2 holds: its struct first, so that libgit2's pointer to
// it is a pointer to the whole (standard layout).
struct Backend {
  git_odb_backend base;
  PackReader* reader;
  std::shared_ptr<const PackStore>* packs;
};

Backend* Of(git_odb_backend* b) { return reinterpret_cast<Backend*>(b); }

RawId Raw(const git_oid* id) {
  RawId raw;
  std::memcpy(raw.data(), id->id, raw.size());
  return raw;
}

// A type the pack reader resolved, as libgit2 numbers it (the same
// numbers; deltas never come back from the reader).
git_object_t TypeOf(PackType type) { return static_cast<git_object_t>(type); }

int Read(void** data, std::size_t* size, git_object_t* type, git_odb_backend* b,
         const git_oid* id) {
  PackedObject object;
  Result<bool> found = Of(b)->reader->Read(Raw(id), &object);
  if (!found.ok() || !*found) return GIT_ENOTFOUND;  // libgit2 tries its own backends
  void* buffer = git_odb_backend_data_alloc(b, object.data->size());
  if (buffer == nullptr && !object.data->empty()) return GIT_ERROR;
  if (!object.data->empty()) std::memcpy(buffer, object.data->data(), object.data->size());
  *data = buffer;
  *size = object.data->size();
  *type = TypeOf(object.type);
  return 0;
}

int ReadHeader(std::size_t* size, git_object_t* type, git_odb_backend* b, const git_oid* id) {
  PackType packed = PackType::kBlob;
  std::uint64_t bytes = 0;
  Result<bool> found = Of(b)->reader->Header(Raw(id), &packed, &bytes);
  if (!found.ok() || !*found) return GIT_ENOTFOUND;
  *size = static_cast<std::size_t>(bytes);
  *type = TypeOf(packed);
  return 0;
}

int Exists(git_odb_backend* b, const git_oid* id) {
  std::uint64_t offset = 0;
  return (*Of(b)->packs)->Find(Raw(id), &offset) != nullptr ? 1 : 0;
}

// Lists nothing: libgit2's own pack backend lists the same packs' objects
// (git_odb_foreach calls every backend's without checking that it has one).
int Foreach(git_odb_backend*, git_odb_foreach_cb, void*) { return 0; }

void Free(git_odb_backend* b) {
  Backend* backend = Of(b);
  delete backend->reader;
  delete backend->packs;
  delete backend;
}

}  // namespace

Status AddPackBackend(git_repository* repo, std::shared_ptr<const PackStore> packs,
                      std::size_t cache_bytes) {
  if (packs == nullptr || packs->size() == 0) return Status::Ok();
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) return GitError("cannot open the object database");
  const Odb odb(raw_odb);
  auto* backend = new (std::nothrow) Backend{};
  if (backend == nullptr) return Status::Error("out of memory for the pack backend");
  if (git_odb_init_backend(&backend->base, GIT_ODB_BACKEND_VERSION) != 0) {
    delete backend;
    return GitError("cannot set up the pack backend");
  }
  backend->reader = new PackReader(*packs, cache_bytes);
  backend->packs = new std::shared_ptr<const PackStore>(std::move(packs));
  backend->base.read = Read;
  backend->base.read_header = ReadHeader;
  backend->base.exists = Exists;
  backend->base.foreach = Foreach;
  backend->base.free = Free;
  if (git_odb_add_backend(odb.get(), &backend->base, kPriority) != 0) {
    Free(&backend->base);
    return GitError("cannot add the pack backend");
  }
  return Status::Ok();
}

}  // namespace ctxscan::git
