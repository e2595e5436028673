// Scanning entries into findings; see include/ctxscan/findings/scan.h.
#include "ctxscan/findings/scan.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "ctxscan/match/filters.h"
#include "findings/catalog_paths.h"
#include "findings/test_paths.h"
#include "util/parallel.h"

namespace ctxscan {
namespace {

// One (rule, secret, location) before deduplication.
struct RawFinding {
  const Rule* rule;
  FindingKind kind;
  std::string secret;
  Location location;
  Confidence confidence = Confidence::kHigh;
  std::uint8_t lowered = 0;  // LoweredBy bits
  SecretFacts facts;         // overrides the rule's severity, adds a detail
};

// What the worker that took an item made of it.
struct ItemResult {
  FileScanResult file;
  bool read = false;            // content rules ran
  std::vector<RawFinding> raw;  // its findings, in the order the item gives them
  std::uint64_t suppressed_inline = 0;
};

// Why a file's content was not searched, or nothing when it was.
std::optional<std::string> NotChecked(const FileScanResult& file) {
  switch (file.outcome) {
    case FileScanResult::Outcome::kScanned:
      if (file.lfs_pointer) return "a Git LFS pointer: the content is in LFS storage";
      return std::nullopt;
    case FileScanResult::Outcome::kBinary:
      return "binary";
    case FileScanResult::Outcome::kTooLarge:
      return "larger than the size limit";
    case FileScanResult::Outcome::kError:
      break;
  }
  return file.error_code == StatusCode::kNotFetched ? "not in this partial clone" : "unreadable";
}

// For a file rule whose content decides (.env, .npmrc): info with "no
// credential found in it" when no content rule found anything in the file,
// else its severity with which rule found what. A file whose content was
// not searched (binary, too large, unreadable) keeps the rule's severity and
// says why: nothing was looked for, so nothing can be said to be absent.
SecretFacts ContentFacts(const Rule& rule, bool read, const FileScanResult& file,
                         const std::vector<const Rule*>& found) {
  SecretFacts facts;
  if (!rule.content_decides || !read) return facts;
  if (const std::optional<std::string> why = NotChecked(file); why && found.empty()) {
    facts.detail = "content not checked (" + *why + "): reported for its name";
    return facts;
  }
  if (found.empty()) {
    facts.severity = Severity::kInfo;
    facts.detail = "no credential found in it: reported for its name only";
    return facts;
  }
  facts.detail = "holds a credential (" + found.front()->id +
                 (found.size() > 1 ? " and " + std::to_string(found.size() - 1) + " more" : "") +
                 ")";
  return facts;
}

// What a file rule's signature adds to `facts`: a file found by its content
// alone says so; a file named like the kind but whose start was read and
// does not match a deciding signature is info.
SecretFacts SignatureFacts(const FileRule& fr, bool by_name, bool by_content, bool head_read,
                           SecretFacts facts) {
  auto add = [&](const std::string& text) {
    facts.detail = facts.detail.empty() ? text : text + "; " + facts.detail;
  };
  if (!by_name) {
    add("identified by its content, whatever its name");
  } else if (fr.signature && fr.rule->signature_decides && head_read && !by_content) {
    facts.severity = Severity::kInfo;
    add("named like one, but its content is not one: reported for its name only");
  }
  return facts;
}

// The severity of a raw finding: info when not sent, else its facts' or its rule's.
Severity SeverityOf(const RawFinding& r) {
  if (!r.location.sent) return Severity::kInfo;
  return r.facts.severity ? *r.facts.severity : r.rule->severity;
}

// The confidence of a match at `path`: one level less in a test path.
void LowerForPath(std::string_view path, RawFinding* r) {
  if (!IsTestPath(path)) return;
  r->lowered |= kLoweredByTestPath;
  if (r->confidence > Confidence::kLow)
    r->confidence = static_cast<Confidence>(static_cast<int>(r->confidence) - 1);
}

// Says in the finding's detail why its confidence is below its rule's.
void ExplainConfidence(Finding* f) {
  if (f->lowered == 0) return;
  const std::string why =
      "confidence " + std::string(ConfidenceName(f->confidence)) + ": " + LoweredByText(f->lowered);
  f->detail = f->detail.empty() ? why : f->detail + "; " + why;
}

struct Counters {
  std::atomic<std::uint64_t> files{0};
  std::atomic<std::uint64_t> bytes{0};
};

// Turns the item's matches into findings (defined below).
void AddItemFindings(const RuleSet& rules, const ScanItem& item, ItemResult* r);

void ScanRange(const std::vector<ScanItem>& items, const Engine& engine, const ScanOptions& options,
               std::atomic<std::size_t>* next, std::vector<ItemResult>* results,
               Counters* counters) {
  FileScanner scanner(engine, options.file);
  while (true) {
    const std::size_t i = next->fetch_add(1, std::memory_order_relaxed);
    if (i >= items.size()) return;
    const ScanItem& item = items[i];
    ItemResult& r = (*results)[i];
    if (item.type == EntryType::kFile && item.fs != nullptr) {
      r.file = scanner.Scan(*item.fs, item.fs_path.empty() ? item.path : item.fs_path);
      r.read = true;
      counters->files.fetch_add(1, std::memory_order_relaxed);
      counters->bytes.fetch_add(r.file.bytes, std::memory_order_relaxed);
    }
    // Here, not after the batch: the file rules' path patterns and the
    // findings' making are per item, and would otherwise run on one thread.
    AddItemFindings(engine.rules(), item, &r);
  }
}

// When several rules find the very same secret at the same place (a provider
// rule and a generic one, say), keeps only the most specific: higher
// confidence, then higher severity, then a non-generic rule, then rule id.
void DropOverlappingRules(const RuleSet& rules, std::vector<FileMatch>* matches) {
  if (matches->size() < 2) return;
  auto better = [&](const FileMatch& a, const FileMatch& b) {
    const Rule& x = *rules.content_rules()[a.rule].rule;
    const Rule& y = *rules.content_rules()[b.rule].rule;
    return std::make_tuple(a.confidence, x.severity, !x.is_generic(), y.id) >
           std::make_tuple(b.confidence, y.severity, !y.is_generic(), x.id);
  };
  std::stable_sort(matches->begin(), matches->end(), [&](const FileMatch& a, const FileMatch& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    if (a.secret.size() != b.secret.size()) return a.secret.size() < b.secret.size();
    return better(a, b);
  });
  std::vector<FileMatch> kept;
  for (FileMatch& m : *matches) {
    if (!kept.empty() && kept.back().offset == m.offset && kept.back().secret == m.secret) continue;
    kept.push_back(std::move(m));
  }
  *matches = std::move(kept);
}

// Whether a location found with `confidence` and `lowered` makes a finding
// more credible than `than` is: a higher confidence, or as high with fewer
// reasons to doubt it.
bool MoreCredible(Confidence confidence, std::uint8_t lowered, const Finding& than) {
  return confidence > than.confidence || (confidence == than.confidence && lowered < than.lowered);
}

// The order of a finding's locations.
bool LocationBefore(const Location& a, const Location& b) {
  return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
}

std::vector<Finding> Group(std::vector<RawFinding> raw, bool dedup) {
  std::map<std::pair<std::string, std::string>, Finding> by_key;  // (rule id, secret or path)
  std::vector<Finding> out;
  for (RawFinding& r : raw) {
    Finding f;
    f.rule = r.rule;
    f.kind = r.kind;
    f.severity = SeverityOf(r);
    f.detail = r.facts.detail;
    f.secret = std::move(r.secret);
    f.confidence = r.confidence;
    f.lowered = r.lowered;
    std::string key2 = f.secret;
    if (f.secret.empty() || !dedup) {
      key2 = r.location.path + '\0' + std::to_string(r.location.line) + ':' +
             std::to_string(r.location.column);
      if (r.location.git) key2 += '\0' + r.location.git->commit;
    }
    auto [it, inserted] = by_key.try_emplace({r.rule->id, key2}, std::move(f));
    const Severity severity = SeverityOf(r);
    it->second.locations.push_back(std::move(r.location));
    // The finding is as credible as its most credible location.
    if (!inserted && MoreCredible(r.confidence, r.lowered, it->second)) {
      it->second.confidence = r.confidence;
      it->second.lowered = r.lowered;
    }
    if (!inserted && it->second.severity < severity) it->second.severity = severity;
  }
  for (auto& [key, f] : by_key) {
    std::sort(f.locations.begin(), f.locations.end(), LocationBefore);
    f.identity = f.locations[0].path;
    ExplainConfidence(&f);
    out.push_back(std::move(f));
  }
  SortFindings(&out);
  return out;
}

// Turns what one item's scan found into raw findings: its content matches
// (less the overlaps, the inline-allowed and the prose of a translation
// catalogue) and the file rules its path and content meet.
void AddItemFindings(const RuleSet& rules, const ScanItem& item, ItemResult* r) {
  std::vector<RawFinding>* raw = &r->raw;
  std::vector<const Rule*> content_rules_found;
  DropOverlappingRules(rules, &r->file.matches);
  const bool catalog = IsTranslationCatalogPath(item.path);
  for (FileMatch& m : r->file.matches) {
    const Rule* rule = rules.content_rules()[m.rule].rule;
    // The word for "password" in a locale file names the field: no secret.
    if (catalog && rule->is_generic() && LooksLikeProse(m.secret)) continue;
    if (m.allowed) {
      ++r->suppressed_inline;
      continue;
    }
    content_rules_found.push_back(rule);
    raw->push_back({rule, FindingKind::kSecret, std::move(m.secret),
                    Location{item.path, m.line, m.column, std::move(m.line_text), m.secret_offset,
                             m.secret_length, item.sent, m.char_column, item.git, item.origin,
                             std::nullopt, item.image},
                    m.confidence, m.lowered, std::move(m.facts)});
    LowerForPath(item.path, &raw->back());
  }
  const std::vector<std::uint32_t>& signatures = r->file.signatures;  // in increasing order
  std::vector<std::uint32_t> named;
  rules.MatchPaths(item.path, &named);
  for (std::uint32_t i = 0; i < rules.file_rules().size(); ++i) {
    const FileRule& fr = rules.file_rules()[i];
    const bool by_content = std::binary_search(signatures.begin(), signatures.end(), i);
    const bool by_name = std::binary_search(named.begin(), named.end(), i);
    if (!by_name && !(by_content && fr.rule->signature_alone)) continue;
    const std::string& need = fr.rule->requires_content;
    if (!need.empty() && std::none_of(content_rules_found.begin(), content_rules_found.end(),
                                      [&](const Rule* c) { return c->id.rfind(need, 0) == 0; })) {
      continue;
    }
    raw->push_back({fr.rule, FindingKind::kFile, "",
                    Location{item.path, 0, 0, "", 0, 0, item.sent, 0, item.git, item.origin,
                             std::nullopt, item.image},
                    fr.rule->confidence, 0,
                    SignatureFacts(fr, by_name, by_content, r->file.head_read,
                                   ContentFacts(*fr.rule, r->read, r->file, content_rules_found))});
    LowerForPath(item.path, &raw->back());
  }
}

// The progress total so far; sets *known when it is final.
using ProgressTotal = std::function<std::uint64_t(bool* known)>;

// Reports a running scan's progress (ScanOptions::on_progress) from a
// helper thread while it lives: every 250 ms after the first second, and
// once more with `done` when it is destroyed, if it reported at all.
class ProgressTicker {
 public:
  // `total` gives the progress total known so far and whether it is final.
  ProgressTicker(const ScanOptions& options, const Counters& counters, ProgressTotal total)
      : options_(options), counters_(counters), total_(std::move(total)) {
    if (!options_.on_progress) return;
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      while (!cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return finished_; })) {
        const ScanProgress p = Now();
        if (p.seconds >= 1.0) {
          options_.on_progress(p, false);
          reported_ = true;
        }
      }
    });
  }
  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;
  ~ProgressTicker() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      finished_ = true;
    }
    cv_.notify_all();
    thread_.join();
    if (reported_) options_.on_progress(Now(), true);
  }

 private:
  ScanProgress Now() const {
    bool known = true;
    const std::uint64_t total = total_(&known);
    return ScanProgress{
        counters_.files.load(), total, known, counters_.bytes.load(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count()};
  }
  const ScanOptions& options_;
  const Counters& counters_;
  const ProgressTotal total_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mu_;
  std::condition_variable cv_;
  bool finished_ = false;
  bool reported_ = false;
  std::thread thread_;
};

// Scans `items` on `threads` threads and adds what they hold, in item
// order, to `result` and `raw`.
void ScanBatch(const std::vector<ScanItem>& items, const Engine& engine, const ScanOptions& options,
               unsigned threads, Counters* counters, ScanResult* result,
               std::vector<RawFinding>* raw) {
  std::vector<ItemResult> per_item(items.size());
  std::atomic<std::size_t> next{0};
  RunOnThreads(threads, [&] { ScanRange(items, engine, options, &next, &per_item, counters); });
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ScanItem& item = items[i];
    ItemResult& r = per_item[i];
    ++result->summary.entries_checked;
    if (r.read) {
      switch (r.file.outcome) {
        case FileScanResult::Outcome::kScanned:
          ++result->summary.files_scanned;
          result->summary.bytes_scanned += r.file.bytes;
          break;
        case FileScanResult::Outcome::kBinary:
          ++result->summary.skipped_binary;
          result->skipped.push_back({item.path, "binary"});
          break;
        case FileScanResult::Outcome::kTooLarge:
          ++result->summary.skipped_too_large;
          result->skipped.push_back({item.path, "larger than the size limit (" +
                                                    std::to_string(r.file.bytes) + " bytes)"});
          break;
        case FileScanResult::Outcome::kError:
          result->errors.push_back({item.path, r.file.error});
          break;
      }
    }
    result->summary.suppressed_inline += r.suppressed_inline;
    std::move(r.raw.begin(), r.raw.end(), std::back_inserter(*raw));
  }
}

// Scans the batches `next_batch` hands out (null when there are no more),
// in order; `total` is the progress total.
ScanResult ScanBatches(const std::function<const std::vector<ScanItem>*()>& next_batch,
                       ProgressTotal total, const Engine& engine, const ScanOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  ScanResult result;
  const unsigned threads = WorkerThreads(options.threads);
  Counters counters;
  std::vector<RawFinding> raw;
  {
    const ProgressTicker ticker(options, counters, std::move(total));
    while (const std::vector<ScanItem>* batch = next_batch()) {
      ScanBatch(*batch, engine, options, threads, &counters, &result, &raw);
    }
  }
  result.findings = Group(std::move(raw), options.dedup);
  result.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace

ScanResult ScanItems(const std::vector<ScanItem>& items, const Engine& engine,
                     const ScanOptions& options) {
  std::uint64_t total_files = 0;
  for (const ScanItem& item : items) total_files += item.type == EntryType::kFile ? 1 : 0;
  bool given = false;
  return ScanBatches(
      [&]() -> const std::vector<ScanItem>* {
        if (given) return nullptr;
        given = true;
        return &items;
      },
      [total_files](bool*) { return total_files; }, engine, options);
}

ScanResult ScanItemsFromSource(ScanItemSource& source, const Engine& engine,
                               const ScanOptions& options) {
  std::vector<ScanItem> batch;
  return ScanBatches(
      [&]() -> const std::vector<ScanItem>* {
        batch.clear();
        return source.Next(&batch) ? &batch : nullptr;
      },
      [&source](bool* known) { return source.Produced(known); }, engine, options);
}

void MergeFindings(bool dedup, std::vector<Finding>* findings) {
  if (!dedup) {
    SortFindings(findings);
    return;
  }
  std::map<std::pair<std::string, std::string>, std::size_t> first;  // (rule id, secret)
  std::vector<Finding> out;
  for (Finding& f : *findings) {
    if (f.secret.empty()) {
      out.push_back(std::move(f));
      continue;
    }
    auto [it, inserted] = first.try_emplace({f.rule->id, f.secret}, out.size());
    if (inserted) {
      out.push_back(std::move(f));
      continue;
    }
    Finding& into = out[it->second];
    for (Location& l : f.locations) into.locations.push_back(std::move(l));
    if (MoreCredible(f.confidence, f.lowered, into)) {
      into.confidence = f.confidence;
      into.lowered = f.lowered;
      into.detail = std::move(f.detail);  // it explains that confidence
    }
    if (into.severity < f.severity) into.severity = f.severity;
  }
  for (Finding& f : out) {
    std::stable_sort(f.locations.begin(), f.locations.end(), LocationBefore);
    f.identity = f.locations[0].path;
  }
  SortFindings(&out);
  *findings = std::move(out);
}

}  // namespace ctxscan
