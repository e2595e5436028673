// The layer cache; see layer_cache.h.
#include "pipeline/layer_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "ctxscan/match/rule.h"
#include "match/cache_file.h"
#include "util/sha256.h"
#include "util/unique_fd.h"

namespace ctxscan {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kMagic = "ctxscan layer cache 1\n";

// Every field of `r`, unambiguously. A new field of Rule must be added
// here, or a changed rule would not invalidate the cache.
void AddRule(const Rule& r, Json* out) {
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8  // the size checked is this library's
  static_assert(sizeof(Rule) == 672, "add Rule's new field to AddRule, then update the size");
#endif
  Json lengths = Json::array();
  for (const auto& [lo, hi] : r.canonical_lengths) lengths.push_back({lo, hi});
  out->push_back({r.id,
                  r.name,
                  r.pattern,
                  r.prefilter,
                  r.paths,
                  r.requires_content,
                  r.content_decides,
                  r.signature,
                  r.signature_decides,
                  r.signature_alone,
                  r.content_examples,
                  r.content_negatives,
                  r.not_after,
                  r.keywords,
                  r.min_entropy,
                  r.min_value_score,
                  r.entropy_lowers,
                  r.weak_passwords,
                  r.validate,
                  lengths,
                  r.placeholders,
                  static_cast<int>(r.severity),
                  static_cast<int>(r.confidence),
                  r.category,
                  r.description,
                  r.remediation,
                  r.provider,
                  r.references,
                  r.examples,
                  r.negative_examples,
                  r.low_examples,
                  r.origin});
}

// SHA-256 of the running binary: its code and built-in rules.
std::string SelfDigest() {
  static const std::string digest = [] {
    UniqueFd fd(::open("/proc/self/exe", O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return std::string("unknown");
    std::string data;
    char buffer[1 << 16];
    for (ssize_t n; (n = ::read(fd.get(), buffer, sizeof buffer)) > 0;) {
      data.append(buffer, static_cast<std::size_t>(n));
    }
    return Sha256Hex(data);
  }();
  return digest;
}

// An entry's payload: fields separated by NUL (no path or reason holds
// one): the six summary counts, the number of skipped files, each as path
// and reason, then every path.
std::string Encode(const LayerCache::Entry& e) {
  std::string out;
  auto field = [&](std::string_view f) {
    out += f;
    out += '\0';
  };
  const ScanSummary& s = e.summary;
  for (std::uint64_t n :
       {s.files_scanned, s.bytes_scanned, s.entries_checked, s.skipped_binary, s.skipped_too_large,
        s.suppressed_inline, static_cast<std::uint64_t>(e.skipped.size())}) {
    field(std::to_string(n));
  }
  for (const SkippedFile& f : e.skipped) {
    field(f.path);
    field(f.reason);
  }
  for (const std::string& p : e.paths) field(p);
  return out;
}

std::optional<LayerCache::Entry> Decode(std::string_view data) {
  std::vector<std::string_view> fields;
  while (!data.empty()) {
    const std::size_t nul = data.find('\0');
    if (nul == std::string_view::npos) return std::nullopt;  // cut short
    fields.push_back(data.substr(0, nul));
    data.remove_prefix(nul + 1);
  }
  if (fields.size() < 7) return std::nullopt;
  std::uint64_t n[7] = {};
  for (int i = 0; i < 7; ++i) {
    const std::string_view f = fields[static_cast<std::size_t>(i)];
    if (f.empty() || f.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    n[i] = std::stoull(std::string(f));
  }
  if (n[6] > (fields.size() - 7) / 2) return std::nullopt;
  LayerCache::Entry e;
  e.summary.files_scanned = n[0];
  e.summary.bytes_scanned = n[1];
  e.summary.entries_checked = n[2];
  e.summary.skipped_binary = n[3];
  e.summary.skipped_too_large = n[4];
  e.summary.suppressed_inline = n[5];
  std::size_t at = 7;
  for (std::uint64_t i = 0; i < n[6]; ++i, at += 2) {
    e.skipped.push_back({std::string(fields[at]), std::string(fields[at + 1])});
  }
  for (; at < fields.size(); ++at) e.paths.emplace_back(fields[at]);
  return e;
}

}  // namespace

std::string ScanDigest(const Engine& engine, const FileScanOptions& options) {
  Json material = Json::array({SelfDigest(), options.max_file_size, options.scan_binary});
  Json rules = Json::array();
  for (const Rule& r : engine.rules().rules()) AddRule(r, &rules);
  material.push_back(std::move(rules));
  return Sha256Hex(material.dump(-1, ' ', false, Json::error_handler_t::replace));
}

LayerCache::LayerCache(std::string dir, std::string scan_digest)
    : dir_(std::move(dir)), scan_digest_(std::move(scan_digest)) {}

std::string LayerCache::PathOf(const std::string& layer_digest) const {
  return dir_ + "/" + Sha256Hex(scan_digest_ + "\n" + layer_digest);
}

std::optional<LayerCache::Entry> LayerCache::Find(const std::string& layer_digest) const {
  const std::optional<CachePayload> payload =
      ReadCacheFile(PathOf(layer_digest), kMagic, scan_digest_ + layer_digest);
  if (!payload) return std::nullopt;
  return Decode(payload->data());
}

void LayerCache::Store(const std::string& layer_digest, const Entry& entry) const {
  WriteCacheFile(dir_, PathOf(layer_digest), kMagic, scan_digest_ + layer_digest, Encode(entry));
}

}  // namespace ctxscan
