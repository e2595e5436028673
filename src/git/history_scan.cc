// History as scan items and back; see include/ctxscan/git/history_scan.h.
#include "ctxscan/git/history_scan.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <tuple>

namespace ctxscan {
namespace {

std::shared_ptr<const GitProvenance> Provenance(const History& h, const HistoryBlob& b,
                                                const BlobOccurrence* o) {
  auto p = std::make_shared<GitProvenance>();
  p->blob = b.id;
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

std::vector<ScanItem> HistoryItems(const History& history, const FileSystem* blobs) {
  std::vector<ScanItem> items;
  items.reserve(history.blobs.size());
  for (std::size_t i = 0; i < history.blobs.size(); ++i) {
    const HistoryBlob& b = history.blobs[i];
    ScanItem item;
    item.path = b.occurrences.empty() ? "(dangling blob " + b.id + ")" : b.occurrences[0].path;
    item.type = EntryType::kFile;
    item.fs = blobs;
    item.fs_path = b.id;
    item.origin = i + 1;  // the provenance is made for findings only
    items.push_back(std::move(item));
  }
  return items;
}

void AddHistoryOccurrences(const History& history, std::vector<Finding>* findings) {
  std::map<std::string, std::size_t> commit_order;
  for (std::size_t i = 0; i < history.commits.size(); ++i) commit_order[history.commits[i].id] = i;
  auto order = [&](const Location& l) {
    const std::size_t c = l.git && !l.git->commit.empty() ? commit_order[l.git->commit] : SIZE_MAX;
    return std::make_tuple(c, std::cref(l.path), l.line, l.column);
  };
  for (Finding& f : *findings) {
    std::vector<Location> all;
    for (Location& l : f.locations) {
      if (l.origin == 0 || l.origin > history.blobs.size()) {
        all.push_back(std::move(l));
        continue;
      }
      const HistoryBlob& b = history.blobs[l.origin - 1];
      l.git = Provenance(history, b, b.occurrences.empty() ? nullptr : &b.occurrences[0]);
      // The scanned occurrence is the first; the others are the same bytes.
      for (std::size_t k = 1; k < b.occurrences.size(); ++k) {
        Location copy = l;
        copy.path = b.occurrences[k].path;
        copy.git = Provenance(history, b, &b.occurrences[k]);
        all.push_back(std::move(copy));
      }
      all.push_back(std::move(l));
    }
    std::sort(all.begin(), all.end(),
              [&](const Location& a, const Location& b) { return order(a) < order(b); });
    f.locations = std::move(all);
  }
  std::stable_sort(findings->begin(), findings->end(), [&](const Finding& a, const Finding& b) {
    return std::make_tuple(order(a.locations[0]), std::cref(a.rule->id)) <
           std::make_tuple(order(b.locations[0]), std::cref(b.rule->id));
  });
}

}  // namespace ctxscan
