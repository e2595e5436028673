// The image source: a container image's config and every layer as shipped,
// streamed through libarchive and scanned in batches (bounded memory), each
// file's locations carrying the image, the layer and the history entry that
// made it; files a later layer deleted or replaced are marked as not visible
// but still shipped. See src/pipeline/source_reader.h and docs/image.md.
#include <archive_entry.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>

#include "ctxscan/util/file_system.h"
#include "image/archive_handle.h"
#include "image/config_text.h"
#include "image/image_layout.h"
#include "image/image_store.h"
#include "image/layer_changes.h"
#include "pipeline/layer_cache.h"
#include "pipeline/source_reader.h"
#include "util/parallel.h"

namespace ctxscan {
namespace {

// Files are scanned this many bytes at a time: a layer of any size needs
// no more memory than this (and the decompressor's).
constexpr std::uint64_t kBatchBytes = 32ULL << 20;

la_ssize_t ReadBlob(struct archive* /*a*/, void* reader, const void** data) {
  return static_cast<BlobReader*>(reader)->Read(data);
}

// One layer's files, gathered into batches and scanned.
class LayerScan {
 public:
  LayerScan(const ScanRequest& request, std::shared_ptr<const ImageProvenance> provenance,
            ScanResult* result)
      : request_(request), provenance_(std::move(provenance)), result_(result) {}

  void Add(const std::string& path, EntryType type, std::string content) {
    if (!fs_) fs_ = std::make_unique<MemoryFileSystem>();
    bytes_ += content.size();
    if (type == EntryType::kFile) {
      fs_->AddFile(path, std::move(content));
    } else {
      fs_->AddSymlink(path);
    }
    items_.push_back({path, type, true, fs_.get(), "", nullptr, 0, provenance_});
    if (bytes_ >= kBatchBytes) Flush();
  }

  void Flush() {
    if (items_.empty()) return;
    AppendScanResult(ScanItems(items_, *request_.engine, request_.scan), result_);
    items_.clear();
    fs_.reset();
    bytes_ = 0;
  }

 private:
  const ScanRequest& request_;
  std::shared_ptr<const ImageProvenance> provenance_;
  ScanResult* result_;
  std::unique_ptr<MemoryFileSystem> fs_;
  std::vector<ScanItem> items_;
  std::uint64_t bytes_ = 0;
};

constexpr const char* kTraversal = "entry path leaves the image root (..)";
constexpr const char* kDevice = "device node or pipe (not read)";

// How a layer's entry is named in skips and errors: "layer N: path".
std::string EntryName(std::size_t layer, std::string_view path) {
  return "layer " + std::to_string(layer) + ": " + std::string(path);
}

// Reads the current entry's content, up to `limit` bytes; sets *too_large
// (and leaves `out` empty) when it is larger. Fails when it cannot be read.
Status ReadEntry(struct archive* a, std::uint64_t limit, std::string* out, bool* too_large) {
  out->clear();
  *too_large = false;
  char buffer[1 << 16];
  for (;;) {
    const la_ssize_t n = archive_read_data(a, buffer, sizeof buffer);
    if (n < 0) return Status::Error(ArchiveError(a, "cannot read the entry"));
    if (n == 0) return Status::Ok();
    if (out->size() + static_cast<std::size_t>(n) > limit) {
      *too_large = true;
      out->clear();
      continue;  // read on to the next entry
    }
    if (!*too_large) out->append(buffer, static_cast<std::size_t>(n));
  }
}

// Scans every entry of layer `index` from `blob`; every path goes to
// `entries`.
Status ScanLayer(BlobReader& blob, std::size_t index, const ScanRequest& request,
                 const std::shared_ptr<const ImageProvenance>& provenance, LayerEntries* entries,
                 ScanResult* result) {
  ArchiveHandle a = NewTarReader();
  if (!a || archive_read_open(a.get(), &blob, nullptr, ReadBlob, nullptr) != ARCHIVE_OK) {
    return Status::Error(ArchiveError(a.get(), "cannot open the layer") +
                         (blob.error().empty() ? "" : ": " + blob.error()));
  }
  LayerScan scan(request, provenance, result);
  struct archive_entry* entry = nullptr;
  int rc = ARCHIVE_OK;
  std::string content;
  while (NextEntry(a.get(), &entry, &rc)) {
    const std::string raw = EntryPath(entry);
    const std::optional<std::string> path = ImagePath(raw);
    if (!path) {
      result->skipped.push_back({EntryName(index, raw), kTraversal});
      continue;
    }
    if (entries->Record(*path)) continue;  // a whiteout
    const mode_t type = archive_entry_filetype(entry);
    if (archive_entry_hardlink(entry) != nullptr) continue;  // its target is scanned
    if (type == AE_IFCHR || type == AE_IFBLK || type == AE_IFIFO || type == AE_IFSOCK) {
      result->skipped.push_back({EntryName(index, *path), kDevice});
      continue;
    }
    if (type == AE_IFLNK) {
      scan.Add(*path, EntryType::kSymlink, "");
      continue;
    }
    if (type != AE_IFREG) continue;  // directories
    bool too_large = false;
    if (Status s = ReadEntry(a.get(), request.scan.file.max_file_size, &content, &too_large);
        !s.ok()) {
      scan.Flush();  // what was read before the break is still reported
      return Status::Error(EntryName(index, *path) + ": " + s.message());
    }
    if (too_large) {
      result->skipped.push_back({EntryName(index, *path), "larger than the size limit"});
      ++result->summary.skipped_too_large;
      continue;
    }
    scan.Add(*path, EntryType::kFile, std::move(content));
  }
  scan.Flush();
  if (rc != ARCHIVE_EOF) {
    return Status::Error(ArchiveError(a.get(), "cannot read the layer") +
                         (blob.error().empty() ? "" : ": " + blob.error()) +
                         " (truncated or corrupt?)");
  }
  return blob.Drain();
}

// One image to scan, from one of the sources.
struct ImageJob {
  std::shared_ptr<const ImageStore> store;
  ImageLayout layout;
  ImageProvenance base;
  std::vector<std::shared_ptr<LayerEntries>> entries;  // per layer, once read
};

// A layer as shipped, scanned once however many images hold it.
struct LayerJob {
  std::size_t image = 0;  // the first image that holds it, and where
  std::size_t index = 0;
  std::vector<std::pair<std::size_t, std::size_t>> also;  // other (image, index) holding it
  std::shared_ptr<LayerEntries> entries;
  ScanResult result;
  bool from_cache = false;
};

// The provenance of layer `index` of `job`.
std::shared_ptr<const ImageProvenance> LayerProvenance(const ImageJob& job, std::size_t index) {
  const LayerInfo& layer = job.layout.layers[index];
  auto p = std::make_shared<ImageProvenance>(job.base);
  p->layer = index;
  p->layer_digest = layer.digest;
  p->created_by = layer.created_by;
  return p;
}

// The layers of `images`, each once: layers with the same digest (or, when
// it is not known, the same blob of the same store) are one.
std::vector<LayerJob> UniqueLayers(const std::vector<ImageJob>& images) {
  std::vector<LayerJob> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < images.size(); ++i) {
    for (std::size_t l = 0; l < images[i].layout.layers.size(); ++l) {
      const LayerInfo& layer = images[i].layout.layers[l];
      const std::string key =
          !layer.digest.empty()
              ? layer.digest
              : std::to_string(reinterpret_cast<std::uintptr_t>(images[i].store.get())) + "/" +
                    layer.blob;
      auto [it, fresh] = seen.emplace(key, out.size());
      if (!fresh) {
        out[it->second].also.emplace_back(i, l);
        continue;
      }
      LayerJob job;
      job.image = i;
      job.index = l;
      out.push_back(std::move(job));
    }
  }
  return out;
}

// How a layer is named in errors: "layer N (blob)", after the image's
// reference when there are several images.
std::string LayerName(const std::vector<ImageJob>& images, const LayerJob& job) {
  const ImageJob& image = images[job.image];
  std::string name =
      "layer " + std::to_string(job.index) + " (" + image.layout.layers[job.index].blob + ")";
  if (images.size() > 1) {
    name = (image.base.reference.empty() ? image.base.digest : image.base.reference) + " " + name;
  }
  return name;
}

// Scans the layers not taken from the cache, several at once (one per
// thread, each read through its own handle and scanned on that thread),
// each into its own result: the report does not depend on the thread count.
void ScanLayers(const std::vector<ImageJob>& images, const ScanRequest& request, bool keep_paths,
                std::vector<LayerJob>* layers) {
  std::vector<LayerJob*> todo;
  for (LayerJob& l : *layers) {
    if (!l.from_cache) todo.push_back(&l);
  }
  const std::size_t n = todo.size();
  ScanRequest one_thread = request;
  const unsigned threads = WorkerThreads(request.scan.threads);
  // With fewer layers than threads, the files of a layer share the threads.
  one_thread.scan.threads = n >= threads ? 1 : static_cast<int>(threads);
  // Several scans run at once: none of them reports progress.
  one_thread.scan.on_progress = nullptr;
  std::atomic<std::size_t> next{0};
  RunOnThreads(static_cast<unsigned>(std::min<std::size_t>(threads, n)), [&] {
    for (std::size_t t = next++; t < n; t = next++) {
      LayerJob& job = *todo[t];
      const ImageJob& image = images[job.image];
      const LayerInfo& layer = image.layout.layers[job.index];
      job.entries = std::make_shared<LayerEntries>(keep_paths);
      const auto provenance = LayerProvenance(image, job.index);
      const Status s = image.store->StreamBlob(layer.blob, [&](BlobReader& blob) -> Status {
        if (Status scanned =
                ScanLayer(blob, job.index, one_thread, provenance, job.entries.get(), &job.result);
            !scanned.ok()) {
          return scanned;
        }
        if (!layer.digest.empty() && blob.digest() != layer.digest) {
          return Status::Error("its content hashes to " + blob.digest() + ", not to its digest " +
                               layer.digest);
        }
        return Status::Ok();
      });
      if (!s.ok()) job.result.errors.push_back({LayerName(images, job), s.message()});
    }
  });
}

// Takes clean layers scanned before from `cache`, before the scan; stores
// the layers found clean now, after it.
std::size_t UseCache(const LayerCache& cache, const std::vector<ImageJob>& images,
                     std::vector<LayerJob>* layers) {
  std::size_t hits = 0;
  for (LayerJob& job : *layers) {
    const std::string& digest = images[job.image].layout.layers[job.index].digest;
    if (digest.empty()) continue;
    std::optional<LayerCache::Entry> entry = cache.Find(digest);
    if (!entry) continue;
    job.from_cache = true;
    job.entries = std::make_shared<LayerEntries>();
    for (const std::string& path : entry->paths) job.entries->Record(path);
    job.result.summary = entry->summary;
    job.result.skipped = std::move(entry->skipped);
    ++hits;
  }
  return hits;
}

void FillCache(const LayerCache& cache, const std::vector<ImageJob>& images,
               const std::vector<LayerJob>& layers) {
  for (const LayerJob& job : layers) {
    const std::string& digest = images[job.image].layout.layers[job.index].digest;
    if (job.from_cache || digest.empty() || !job.result.findings.empty() ||
        !job.result.errors.empty()) {
      continue;
    }
    cache.Store(digest, {job.result.summary, job.result.skipped, job.entries->paths()});
  }
}

// Gives each finding of a layer several images share a location in each
// of them.
void ShareLayerFindings(const std::vector<ImageJob>& images, std::vector<LayerJob>* layers) {
  for (LayerJob& job : *layers) {
    if (job.also.empty()) continue;
    for (Finding& f : job.result.findings) {
      const std::size_t first = f.locations.size();
      for (const auto& [image, index] : job.also) {
        const auto provenance = LayerProvenance(images[image], index);
        for (std::size_t i = 0; i < first; ++i) {
          Location copy = f.locations[i];
          copy.image = provenance;
          f.locations.push_back(std::move(copy));
        }
      }
    }
  }
}

// Marks the locations of files a later layer deleted or replaced.
void MarkRemoved(const std::vector<ImageJob>& images, std::vector<Finding>* findings) {
  std::map<std::string, std::pair<const ImageJob*, LayerChanges>> changes;
  for (const ImageJob& image : images) {
    changes.emplace(image.base.digest, std::make_pair(&image, LayerChanges(image.entries)));
  }
  for (Finding& f : *findings) {
    for (Location& l : f.locations) {
      if (!l.image || !l.image->layer) continue;
      auto it = changes.find(l.image->digest);
      if (it == changes.end()) continue;
      const auto& [image, layer_changes] = it->second;
      const std::optional<std::size_t> removed = layer_changes.RemovedIn(*l.image->layer, l.path);
      if (!removed) continue;
      auto marked = std::make_shared<ImageProvenance>(*l.image);
      marked->visible = false;
      marked->removed_in = removed;
      marked->removed_by = image->layout.layers[*removed].created_by;
      l.image = std::move(marked);
    }
  }
}

// History entries hold build arguments in clear; the config's findings
// found any secret there. Every location carries its layer's entry, so the
// secrets are taken out of the entries here, once, for every writer.
void RedactHistory(const std::vector<Finding>& config_findings, ImageLayout* layout) {
  for (const Finding& f : config_findings) {
    if (f.secret.empty()) continue;
    for (LayerInfo& layer : layout->layers) {
      for (std::size_t at = layer.created_by.find(f.secret); at != std::string::npos;
           at = layer.created_by.find(f.secret, at)) {
        layer.created_by.replace(at, f.secret.size(), "[redacted]");
      }
    }
  }
}

// The summary line counts binary and large files; entries skipped for what
// they are get a note each kind, in every format, naming the first few.
void NoteSkippedEntries(ScanResult* result) {
  for (const char* reason : {kTraversal, kDevice}) {
    std::size_t count = 0;
    std::string names;
    for (const SkippedFile& s : result->skipped) {
      if (s.reason != reason) continue;
      if (++count <= 3) names += (names.empty() ? "" : ", ") + s.path;
    }
    if (count == 0) continue;
    result->notes.push_back(std::to_string(count) + " layer entr" + (count == 1 ? "y" : "ies") +
                            " not read: " + reason + ": " + names + (count > 3 ? ", ..." : ""));
  }
}

// Opens every source and reads its images' layouts; a source that fails is
// an error of the report (when another source could be read) or of the run.
Status OpenImages(const ScanRequest& request, std::vector<ImageJob>* images, ScanResult* result) {
  std::map<std::string, std::string> seen;  // config digest -> the image's name
  Status first_error = Status::Ok();
  for (const std::string& source : request.images) {
    Result<std::unique_ptr<ImageStore>> store =
        ImageStore::Open(source, {request.insecure_registry});
    Result<std::vector<ImageLayout>> layouts =
        store.ok() ? ReadImageLayouts(**store, request.platform)
                   : Result<std::vector<ImageLayout>>(store.status());
    if (!layouts.ok()) {
      const Status s =
          store.ok() ? Status::Error(source + ": " + layouts.status().message()) : store.status();
      if (first_error.ok()) first_error = s;
      result->errors.push_back({source, s.message()});
      continue;
    }
    std::shared_ptr<const ImageStore> shared(std::move(store).value());
    for (std::string& n : shared->notes()) result->notes.push_back(std::move(n));
    for (ImageLayout& layout : *layouts) {
      ImageJob job;
      job.store = shared;
      job.base.reference = shared->reference().empty() ? layout.reference : shared->reference();
      job.base.digest = layout.digest;
      const std::string name = job.base.reference.empty() ? source : job.base.reference;
      if (auto [it, fresh] = seen.emplace(layout.digest, name); !fresh) {
        result->notes.push_back(name + " is the same image as " + it->second + " (config " +
                                layout.digest + "): scanned once");
        continue;
      }
      job.layout = std::move(layout);
      images->push_back(std::move(job));
    }
  }
  if (images->empty()) return first_error;
  return Status::Ok();
}

// The configs of `images`: environment, labels, command and history.
void ScanConfigs(const ScanRequest& request, std::vector<ImageJob>* images, ScanResult* result) {
  ScanResult configs;
  for (const ImageJob& image : *images) {
    MemoryFileSystem config_fs;
    config_fs.AddFile(kConfigPath, ConfigText(image.layout.config));
    AppendScanResult(ScanItems({{kConfigPath, EntryType::kFile, true, &config_fs, "", nullptr, 0,
                                 std::make_shared<ImageProvenance>(image.base)}},
                               *request.engine, request.scan),
                     &configs);
  }
  for (ImageJob& image : *images) RedactHistory(configs.findings, &image.layout);
  AppendScanResult(std::move(configs), result);
}

class ImageSourceReader : public SourceReader {
 public:
  Status Read(ScanRequest& request, ScanReport* report) const override {
    ScanResult& result = report->result;
    std::vector<ImageJob> images;
    if (Status s = OpenImages(request, &images, &result); !s.ok()) return s;
    ScanConfigs(request, &images, &result);
    std::vector<LayerJob> layers = UniqueLayers(images);
    std::optional<LayerCache> cache;
    if (!request.layer_cache.empty()) {
      cache.emplace(request.layer_cache, ScanDigest(*request.engine, request.scan.file));
      if (const std::size_t hits = UseCache(*cache, images, &layers); hits > 0) {
        result.notes.push_back(std::to_string(hits) + " of " + std::to_string(layers.size()) +
                               " layers were not read: scanned before with nothing found "
                               "(--cache " +
                               cache->dir() + ")");
      }
    }
    ScanLayers(images, request, cache.has_value(), &layers);
    if (cache) FillCache(*cache, images, layers);
    ShareLayerFindings(images, &layers);
    for (ImageJob& image : images) image.entries.resize(image.layout.layers.size());
    for (LayerJob& job : layers) {
      images[job.image].entries[job.index] = job.entries;
      for (const auto& [image, index] : job.also) images[image].entries[index] = job.entries;
      AppendScanResult(std::move(job.result), &result);
    }
    MergeFindings(request.scan.dedup, &result.findings);
    MarkRemoved(images, &result.findings);
    NoteSkippedEntries(&result);
    return Status::Ok();
  }
};

}  // namespace

const SourceReader& ImageReader() {
  static const ImageSourceReader reader;
  return reader;
}

}  // namespace ctxscan
