// The items of a context scan; see include/ctxscan/context/context_items.h.
#include "ctxscan/context/context_items.h"

#include <algorithm>
#include <set>

namespace ctxscan {
namespace {

// Adds `more` to `errors`, keeping them sorted by path, one per path.
void MergeErrors(std::vector<SkippedFile> more, std::vector<SkippedFile>* errors) {
  for (SkippedFile& e : more) errors->push_back(std::move(e));
  std::stable_sort(errors->begin(), errors->end(),
                   [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  errors->erase(
      std::unique(errors->begin(), errors->end(),
                  [](const SkippedFile& a, const SkippedFile& b) { return a.path == b.path; }),
      errors->end());
}

}  // namespace

Result<ContextItems> CollectContextItems(const FileSystem& fs, const ContextRules& rules,
                                         const ContextItemsOptions& options) {
  WalkOptions walk;
  walk.threads = options.threads;
  walk.check_readable = false;  // reading the file reports it
  const ContextRules everything = RulesFromMatcher(rules.builder, PatternMatcher());
  Result<ContextListing> listing = WalkContext(fs, options.all_files ? everything : rules, walk);
  if (!listing.ok()) return listing.status();
  ContextItems out;
  auto keep_errors = [&out](const ContextListing& l) {
    std::vector<SkippedFile> errors;
    for (const ContextListing::PathError& e : l.errors()) errors.push_back({e.path, e.message});
    MergeErrors(std::move(errors), &out.errors);
  };
  keep_errors(*listing);
  for (std::size_t i = 0; i < listing->size(); ++i) {
    out.items.push_back(
        {std::string(listing->path(i)), listing->entry(i).type, true, &fs, "", nullptr});
  }
  if (options.include_ignored && !options.all_files) {
    // A set of the sent paths, made only here: on a context of many small
    // files it costs a few percent of the scan.
    std::set<std::string> sent;
    for (const ScanItem& item : out.items) sent.insert(item.path);
    Result<ContextListing> all = WalkContext(fs, everything, walk);
    if (!all.ok()) return all.status();
    keep_errors(*all);
    for (std::size_t i = 0; i < all->size(); ++i) {
      // The Dockerfile is added below as read by the build.
      if (!sent.count(std::string(all->path(i))) && all->path(i) != rules.dockerfile) {
        out.items.push_back(
            {std::string(all->path(i)), all->entry(i).type, false, &fs, "", nullptr});
      }
    }
  }
  // The Dockerfile is read by the build even when it is not sent.
  const auto sent_end = out.items.begin() + static_cast<std::ptrdiff_t>(listing->size());
  if (!rules.dockerfile.empty() &&
      std::none_of(out.items.begin(), sent_end,
                   [&](const ScanItem& item) { return item.path == rules.dockerfile; }) &&
      fs.Exists(rules.dockerfile)) {
    out.items.push_back({rules.dockerfile, EntryType::kFile, true, &fs, "", nullptr});
  }
  return out;
}

void MergeScanErrors(std::vector<SkippedFile> more, ScanResult* result) {
  MergeErrors(std::move(more), &result->errors);
}

}  // namespace ctxscan
