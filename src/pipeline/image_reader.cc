// The image source: a container image's config and every layer as shipped,
// streamed through libarchive and scanned in batches (bounded memory), each
// file's locations carrying the image, the layer and the history entry that
// made it; files a later layer deleted or replaced are marked as not visible
// but still shipped. See src/pipeline/source_reader.h and docs/image.md.
#include <archive_entry.h>

#include <algorithm>
#include <atomic>
#include <utility>

#include "ctxscan/util/file_system.h"
#include "image/archive_handle.h"
#include "image/config_text.h"
#include "image/image_layout.h"
#include "image/image_store.h"
#include "image/layer_changes.h"
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

// Scans every entry of layer `index` from `blob`; whiteouts go to
// `changes`.
Status ScanLayer(BlobReader& blob, std::size_t index, const ScanRequest& request,
                 const std::shared_ptr<const ImageProvenance>& provenance, LayerChanges* changes,
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
    if (changes->Record(index, *path)) continue;  // a whiteout
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

// Marks the locations of files a later layer deleted or replaced.
void MarkRemoved(const LayerChanges& changes, const ImageLayout& layout,
                 std::vector<Finding>* findings) {
  for (Finding& f : *findings) {
    for (Location& l : f.locations) {
      if (!l.image || !l.image->layer) continue;
      const std::optional<std::size_t> removed = changes.RemovedIn(*l.image->layer, l.path);
      if (!removed) continue;
      auto marked = std::make_shared<ImageProvenance>(*l.image);
      marked->visible = false;
      marked->removed_in = removed;
      marked->removed_by = layout.layers[*removed].created_by;
      l.image = std::move(marked);
    }
  }
}

// Scans every layer, several at once (one per thread, each read through its
// own handle and scanned on that thread), into one result per layer, in
// layer order: the report does not depend on the thread count.
std::vector<ScanResult> ScanLayers(const ImageStore& store, const ImageLayout& layout,
                                   const ScanRequest& request, const ImageProvenance& base,
                                   LayerChanges* changes) {
  const std::size_t n = layout.layers.size();
  std::vector<ScanResult> out(n);
  ScanRequest one_thread = request;
  const unsigned threads = WorkerThreads(request.scan.threads);
  // With fewer layers than threads, the files of a layer share the threads.
  one_thread.scan.threads = n >= threads ? 1 : static_cast<int>(threads);
  // Several scans run at once: none of them reports progress.
  one_thread.scan.on_progress = nullptr;
  std::atomic<std::size_t> next{0};
  RunOnThreads(static_cast<unsigned>(std::min<std::size_t>(threads, n)), [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      const LayerInfo& layer = layout.layers[i];
      auto provenance = std::make_shared<ImageProvenance>(base);
      provenance->layer = i;
      provenance->layer_digest = layer.digest;
      provenance->created_by = layer.created_by;
      ScanResult& result = out[i];
      const Status s = store.StreamBlob(layer.blob, [&](BlobReader& blob) -> Status {
        if (Status scanned = ScanLayer(blob, i, one_thread, provenance, changes, &result);
            !scanned.ok()) {
          return scanned;
        }
        if (!layer.digest.empty() && blob.digest() != layer.digest) {
          return Status::Error("its content hashes to " + blob.digest() + ", not to its digest " +
                               layer.digest);
        }
        return Status::Ok();
      });
      if (!s.ok()) {
        result.errors.push_back(
            {"layer " + std::to_string(i) + " (" + layer.blob + ")", s.message()});
      }
    }
  });
  return out;
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

class ImageSourceReader : public SourceReader {
 public:
  Status Read(ScanRequest& request, ScanReport* report) const override {
    Result<std::unique_ptr<ImageStore>> store =
        ImageStore::Open(request.image, {request.insecure_registry});
    if (!store.ok()) return store.status();
    Result<ImageLayout> layout = ReadImageLayout(**store, request.platform);
    if (!layout.ok()) return Status::Error(request.image + ": " + layout.status().message());
    ScanResult& result = report->result;
    for (std::string& n : (*store)->notes()) result.notes.push_back(std::move(n));
    for (std::string& n : layout->notes) result.notes.push_back(std::move(n));
    ImageProvenance base;
    base.reference = (*store)->reference().empty() ? layout->reference : (*store)->reference();
    base.digest = layout->digest;
    // The config: environment, labels, command and history.
    MemoryFileSystem config_fs;
    config_fs.AddFile(kConfigPath, ConfigText(layout->config));
    AppendScanResult(ScanItems({{kConfigPath, EntryType::kFile, true, &config_fs, "", nullptr, 0,
                                 std::make_shared<ImageProvenance>(base)}},
                               *request.engine, request.scan),
                     &result);
    RedactHistory(result.findings, &*layout);
    LayerChanges changes(layout->layers.size());
    std::vector<ScanResult> layers = ScanLayers(**store, *layout, request, base, &changes);
    for (ScanResult& layer : layers) AppendScanResult(std::move(layer), &result);
    MergeFindings(request.scan.dedup, &result.findings);
    MarkRemoved(changes, *layout, &result.findings);
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
