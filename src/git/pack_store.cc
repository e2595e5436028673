// A repository's packs and a delta-rebuilding reader; see
// src/git/pack_store.h.
#include "git/pack_store.h"

#include <git2.h>
#include <libdeflate.h>

#include <algorithm>
#include <filesystem>

#include "git/git_delta.h"

namespace ctxscan::git {

std::unique_ptr<const PackStore> PackStore::Open(const std::string& objects_dir,
                                                 PackFile::Access access) {
  std::unique_ptr<PackStore> store(new PackStore());
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> indexes;
  for (fs::directory_iterator it(fs::path(objects_dir) / "pack", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".idx") indexes.push_back(it->path().string());
  }
  std::sort(indexes.begin(), indexes.end());  // a stable order, whatever the directory's
  for (const std::string& idx : indexes) {
    Result<std::unique_ptr<PackFile>> pack = PackFile::Open(idx, access);
    if (pack.ok()) {
      store->packs_.push_back(std::move(pack).value());
    } else {
      store->skipped_.push_back(pack.status().message());
    }
  }
  return store;
}

std::unique_ptr<const PackStore> OpenPacks(git_repository* repo, PackFile::Access access) {
  git_buf objects = GIT_BUF_INIT;
  std::string objects_dir;
  if (git_repository_item_path(&objects, repo, GIT_REPOSITORY_ITEM_OBJECTS) == 0) {
    objects_dir.assign(objects.ptr, objects.size);
  }
  git_buf_dispose(&objects);
  if (objects_dir.empty()) {
    return std::make_unique<const PackStore>(std::vector<std::unique_ptr<PackFile>>());
  }
  return PackStore::Open(objects_dir, access);
}

const PackFile* PackStore::Find(const RawId& id, std::uint64_t* offset) const {
  for (const std::unique_ptr<PackFile>& pack : packs_) {
    if (std::optional<std::uint64_t> at = pack->Find(id)) {
      *offset = *at;
      return pack.get();
    }
  }
  return nullptr;
}

void PackReader::InflaterFree::operator()(libdeflate_decompressor* d) const {
  libdeflate_free_decompressor(d);
}

std::size_t PackReader::KeyHash::operator()(const Key& k) const {
  return std::hash<const void*>()(k.pack) ^ (k.offset * 0x9e3779b97f4a7c15ULL);
}

PackReader::PackReader(const PackStore& store, std::size_t cache_bytes)
    : store_(store), budget_(cache_bytes), inflater_(libdeflate_alloc_decompressor()) {}

const PackedObject* PackReader::Lookup(const Key& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &it->second->object;
}

// What an object costs the cache: its bytes and the entry's bookkeeping, so
// that empty objects count too.
std::size_t PackReader::Cost(const PackedObject& object) { return object.data->size() + 64; }

void PackReader::Keep(const Key& key, const PackedObject& object) {
  const std::size_t bytes = Cost(object);
  if (bytes > budget_ / 4 || index_.count(key) != 0) return;  // one large base would empty it
  order_.push_front({key, object});
  index_.emplace(key, order_.begin());
  cached_bytes_ += bytes;
  while (cached_bytes_ > budget_) {
    cached_bytes_ -= Cost(order_.back().object);
    index_.erase(order_.back().key);
    order_.pop_back();
  }
}

Status PackReader::FindBase(const PackFile* pack, std::uint64_t offset, std::vector<Step>* chain,
                            PackedObject* base) {
  for (int depth = 0; depth <= kMostDepth; ++depth) {
    if (const PackedObject* hit = Lookup({pack, offset})) {
      *base = *hit;
      return Status::Ok();
    }
    Result<PackEntry> e = pack->EntryAt(offset);
    if (!e.ok()) return e.status();
    if (e->type == PackType::kOffsetDelta || e->type == PackType::kRefDelta) {
      chain->push_back({pack, offset, *e});
      if (e->type == PackType::kOffsetDelta) {
        offset = e->base_offset;
      } else if ((pack = store_.Find(e->base_id, &offset)) == nullptr) {
        return Status::Error("the base of a delta is in no pack");
      }
      continue;
    }
    auto data = std::make_shared<std::string>();
    if (Status s = pack->Inflate(*e, inflater_.get(), &compressed_, data.get()); !s.ok()) return s;
    base->type = e->type;
    base->data = std::move(data);
    if (!chain->empty()) Keep({pack, offset}, *base);
    return Status::Ok();
  }
  return Status::Error("a delta chain longer than " + std::to_string(kMostDepth));
}

Status PackReader::Resolve(const PackFile* pack, std::uint64_t offset, PackedObject* out,
                           std::string* top_delta) {
  std::vector<Step> chain;
  PackedObject object;
  if (Status s = FindBase(pack, offset, &chain, &object); !s.ok()) return s;
  std::string delta;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (top_delta != nullptr && std::next(it) == chain.rend()) {
      delta.swap(*top_delta);  // the object's own delta, inflated by the caller
    } else if (Status s = it->pack->Inflate(it->entry, inflater_.get(), &compressed_, &delta);
               !s.ok()) {
      return s;
    }
    auto rebuilt = std::make_shared<std::string>();
    if (Status s = ApplyDelta(*object.data, delta, rebuilt.get()); !s.ok()) return s;
    object.data = std::move(rebuilt);
    // Every object of the chain but the one asked for is another's base.
    if (std::next(it) != chain.rend()) Keep({it->pack, it->offset}, object);
  }
  *out = std::move(object);
  return Status::Ok();
}

Result<bool> PackReader::Read(const RawId& id, PackedObject* out) {
  if (inflater_ == nullptr) return Status::Error("out of memory for an inflater");
  std::uint64_t offset = 0;
  const PackFile* pack = store_.Find(id, &offset);
  if (pack == nullptr) return false;
  if (Status s = Resolve(pack, offset, out, nullptr); !s.ok()) return s;
  return true;
}

Result<bool> PackReader::ReadUpTo(const RawId& id, std::uint64_t most, PackedObject* out,
                                  std::uint64_t* size) {
  if (inflater_ == nullptr) return Status::Error("out of memory for an inflater");
  std::uint64_t offset = 0;
  const PackFile* pack = store_.Find(id, &offset);
  if (pack == nullptr) return false;
  if (const PackedObject* hit = Lookup({pack, offset})) {
    *size = hit->data->size();
    out->type = hit->type;
    out->data = *size <= most ? hit->data : nullptr;
    return true;
  }
  Result<PackEntry> e = pack->EntryAt(offset);
  if (!e.ok()) return e.status();
  const bool delta = e->type == PackType::kOffsetDelta || e->type == PackType::kRefDelta;
  std::string top_delta;
  *size = e->size;
  if (delta) {
    if (Status s = pack->Inflate(*e, inflater_.get(), &compressed_, &top_delta); !s.ok()) return s;
    Result<DeltaSizes> sizes = ReadDeltaSizes(top_delta);
    if (!sizes.ok()) return sizes.status();
    *size = sizes->result;
  }
  if (*size > most) {  // the type alone (rare: a large object)
    out->data = nullptr;
    std::uint64_t ignored = 0;
    if (!delta) out->type = e->type;
    return delta ? Header(id, &out->type, &ignored) : Result<bool>(true);
  }
  if (Status s = Resolve(pack, offset, out, delta ? &top_delta : nullptr); !s.ok()) return s;
  return true;
}

Result<bool> PackReader::Header(const RawId& id, PackType* type, std::uint64_t* size) {
  if (inflater_ == nullptr) return Status::Error("out of memory for an inflater");
  std::uint64_t offset = 0;
  const PackFile* pack = store_.Find(id, &offset);
  if (pack == nullptr) return false;
  bool top = true;
  for (int depth = 0; depth <= kMostDepth; ++depth) {
    if (const PackedObject* hit = Lookup({pack, offset})) {
      *type = hit->type;
      if (top) *size = hit->data->size();
      return true;
    }
    Result<PackEntry> e = pack->EntryAt(offset);
    if (!e.ok()) return e.status();
    const bool delta = e->type == PackType::kOffsetDelta || e->type == PackType::kRefDelta;
    if (!delta) {
      *type = e->type;
      if (top) *size = e->size;
      return true;
    }
    if (top) {
      std::string data;
      if (Status s = pack->Inflate(*e, inflater_.get(), &compressed_, &data); !s.ok()) return s;
      Result<DeltaSizes> sizes = ReadDeltaSizes(data);
      if (!sizes.ok()) return sizes.status();
      *size = sizes->result;
      top = false;
    }
    if (e->type == PackType::kOffsetDelta) {
      offset = e->base_offset;
    } else if ((pack = store_.Find(e->base_id, &offset)) == nullptr) {
      return Status::Error("the base of a delta is in no pack");
    }
  }
  return Status::Error("a delta chain longer than " + std::to_string(kMostDepth));
}

}  // namespace ctxscan::git
