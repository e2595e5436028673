// The scan pipeline; see include/ctxscan/pipeline/scan_pipeline.h.
#include "ctxscan/pipeline/scan_pipeline.h"

#include <algorithm>
#include <utility>

#include "ctxscan/dockerfile/analysis.h"
#include "ctxscan/util/file_system.h"
#include "pipeline/build_findings.h"
#include "pipeline/history_source.h"

namespace ctxscan {
namespace {

// Adds `more` (a history scan) to `into` (a context scan).
void AppendResult(ScanResult more, ScanResult* into) {
  for (Finding& f : more.findings) into->findings.push_back(std::move(f));
  for (SkippedFile& s : more.skipped) into->skipped.push_back(std::move(s));
  for (SkippedFile& e : more.errors) into->errors.push_back(std::move(e));
  for (std::string& n : more.notes) into->notes.push_back(std::move(n));
  ScanSummary& t = into->summary;
  const ScanSummary& m = more.summary;
  t.files_scanned += m.files_scanned;
  t.bytes_scanned += m.bytes_scanned;
  t.entries_checked += m.entries_checked;
  t.skipped_binary += m.skipped_binary;
  t.skipped_too_large += m.skipped_too_large;
  t.suppressed_inline += m.suppressed_inline;
  t.seconds += m.seconds;
}

// Reads the history of the repository at or above the request's directory
// into the report.
Status ReadHistorySource(const ScanRequest& request, ScanReport* report) {
  HistoryStats stats;
  Result<ScanResult> history = ScanHistory(request.context.dir, request, &stats);
  if (!history.ok()) return history.status();
  report->history = stats;
  AppendResult(std::move(history).value(), &report->result);
  return Status::Ok();
}

// Reads a build context: its files, its Dockerfile and Compose analyses, and
// the history of its repository when asked.
Status ReadContextSource(const ScanRequest& request, ScanReport* report) {
  Result<ContextSource> opened = OpenContext(request.context);
  if (!opened.ok()) return opened.status();
  report->context = std::move(opened).value();
  const ContextSource& src = *report->context;
  Result<ContextItems> items = CollectContextItems(*src.fs, src.rules, request.items);
  if (!items.ok()) return items.status();
  report->result = ScanItems(items->items, *request.engine, request.scan);
  MergeScanErrors(std::move(items->errors), &report->result);
  if (Status s = AddDockerfileFindings(request, src, report); !s.ok()) return s;
  AddComposeFindings(items->items, &report->result);
  // The history of the repository holding DIR, after the context's findings.
  if (request.with_history) return ReadHistorySource(request, report);
  return Status::Ok();
}

// Leaves out the findings below `min`, with a note saying how many.
void DropBelowConfidence(Confidence min, ScanResult* result) {
  const std::size_t dropped =
      std::erase_if(result->findings, [&](const Finding& f) { return f.confidence < min; });
  if (dropped == 0) return;
  result->notes.push_back(std::to_string(dropped) + " finding(s) below --min-confidence " +
                          std::string(ConfidenceName(min)) + " left out");
}

// No .dockerignore, and broad COPYs: judged on the findings left after
// suppression (a disabled file rule does not count), then suppressible like
// any other.
void AddIgnoreFileFindings(const ScanRequest& request, ScanReport* report) {
  ScanResult& result = report->result;
  const bool has_ignore_file = !report->context->rules.ignore_file.empty();
  std::vector<Finding> missing = CheckIgnoreFile(has_ignore_file, result.findings);
  if (report->build) {
    for (Finding& f : FindBroadCopies(*report->dockerfile, *report->build,
                                      report->context->rules.dockerfile, result.findings)) {
      missing.push_back(std::move(f));
    }
  }
  KeyFindings(request.hash_key, &missing);
  const SuppressionReport more = ApplySuppressions(request.config, request.baseline, &missing);
  SuppressionReport& suppressed = report->suppressed;
  suppressed.by_config += more.by_config;
  suppressed.by_baseline += more.by_baseline;
  // An entry is unused only if neither pass used it.
  std::erase_if(suppressed.unused, [&](const std::string& u) {
    return std::find(more.unused.begin(), more.unused.end(), u) == more.unused.end();
  });
  result.findings.insert(result.findings.end(), missing.begin(), missing.end());
  SortFindings(&result.findings);
}

}  // namespace

Result<ScanReport> RunScanPipeline(ScanRequest request) {
  if (request.engine == nullptr) return Status::Error("scan pipeline: no engine");
  ScanReport report;
  switch (request.source) {
    case ScanSource::kHistory:
      if (Status s = ReadHistorySource(request, &report); !s.ok()) return s;
      break;
    case ScanSource::kStdin: {
      MemoryFileSystem fs;
      fs.AddFile("-", std::move(request.stdin_data));
      report.result = ScanItems({{"-", EntryType::kFile, true, &fs, "", nullptr}}, *request.engine,
                                request.scan);
      break;
    }
    case ScanSource::kContext:
      if (Status s = ReadContextSource(request, &report); !s.ok()) return s;
      break;
  }
  KeyFindings(request.hash_key, &report.result.findings);
  DropBelowConfidence(request.min_confidence, &report.result);
  report.suppressed = ApplySuppressions(request.config, request.baseline, &report.result.findings);
  if (request.source == ScanSource::kContext) AddIgnoreFileFindings(request, &report);
  report.result.summary.suppressed_config = report.suppressed.by_config;
  report.result.summary.suppressed_baseline = report.suppressed.by_baseline;
  return report;
}

}  // namespace ctxscan
