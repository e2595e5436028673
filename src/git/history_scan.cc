// History as scan items and back; see src/git/history_scan.h.
#include "git/history_scan.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <tuple>

namespace ctxscan {
namespace {

std::shared_ptr<const GitProvenance> Provenance(const History& h, const HistoryBlob& b,
                                                const BlobOccurrence* o) {
  auto p = std::make_shared<GitProvenance>();
  p->blob = b.id.Hex();
  p->at_head = b.at_head;
  if (o != nullptr) {
    const HistoryCommit& c = h.commits[o->commit];
    p->summary = c.summary;
    if (!c.id.empty()) {  // not the pseudo-commit of staged blobs
      p->commit = c.id;
      p->author = c.author;
      p->date = CommitDate(c);
    }
  }
  return p;
}

}  // namespace

std::string CommitDate(const HistoryCommit& c) {
  const std::time_t local = static_cast<std::time_t>(c.time + c.offset_minutes * 60LL);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[96];
  const int off = c.offset_minutes < 0 ? -c.offset_minutes : c.offset_minutes;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                c.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

ScanItem HistoryBlobItem(std::uint32_t index, const ObjectId& id, std::string_view first_path,
                         const FileSystem* blobs) {
  ScanItem item;
  item.fs_path = id.Hex();
  item.path = first_path.empty() ? "(dangling blob " + item.fs_path + ")" : std::string(first_path);
  item.type = EntryType::kFile;
  item.fs = blobs;
  item.origin = std::uint64_t{index} + 1;  // the provenance is made for findings only
  return item;
}

void AddHistoryOccurrences(const History& history, std::vector<Finding>* findings) {
  // Each location's commit index (SIZE_MAX outside history), known from the
  // occurrence it is made from: the sort below compares numbers, not ids.
  struct Placed {
    std::size_t commit;
    Location location;
  };
  std::vector<std::size_t> first_commit(findings->size(), SIZE_MAX);
  for (std::size_t fi = 0; fi < findings->size(); ++fi) {
    Finding& f = (*findings)[fi];
    std::vector<Placed> all;
    for (Location& l : f.locations) {
      if (l.origin == 0 || l.origin > history.blobs.size()) {
        all.push_back({SIZE_MAX, std::move(l)});
        continue;
      }
      const HistoryBlob& b = history.blobs[l.origin - 1];
      const std::span<const BlobOccurrence> occurrences = history.Occurrences(l.origin - 1);
      const bool dangling = occurrences.empty();
      l.git = Provenance(history, b, dangling ? nullptr : &occurrences[0]);
      // The scanned occurrence is the first; the others are the same bytes.
      for (std::size_t k = 1; k < occurrences.size(); ++k) {
        Location copy = l;
        copy.path = history.paths[occurrences[k].path];
        copy.git = Provenance(history, b, &occurrences[k]);
        all.push_back({occurrences[k].commit, std::move(copy)});
      }
      all.push_back({dangling ? SIZE_MAX : occurrences[0].commit, std::move(l)});
    }
    std::sort(all.begin(), all.end(), [](const Placed& a, const Placed& b) {
      return std::tie(a.commit, a.location.path, a.location.line, a.location.column) <
             std::tie(b.commit, b.location.path, b.location.line, b.location.column);
    });
    f.locations.clear();
    for (Placed& p : all) f.locations.push_back(std::move(p.location));
    first_commit[fi] = all.front().commit;
  }
  // Findings by their first location, as the locations are ordered.
  std::vector<std::size_t> order(findings->size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Finding& x = (*findings)[a];
    const Finding& y = (*findings)[b];
    const Location& lx = x.locations[0];
    const Location& ly = y.locations[0];
    return std::tie(first_commit[a], lx.path, lx.line, lx.column, x.rule->id) <
           std::tie(first_commit[b], ly.path, ly.line, ly.column, y.rule->id);
  });
  std::vector<Finding> sorted;
  sorted.reserve(findings->size());
  for (const std::size_t i : order) sorted.push_back(std::move((*findings)[i]));
  *findings = std::move(sorted);
}

}  // namespace ctxscan
