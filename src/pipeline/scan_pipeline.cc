// The scan pipeline; see include/ctxscan/pipeline/scan_pipeline.h.
#include "ctxscan/pipeline/scan_pipeline.h"

#include <string>
#include <utility>

#include "pipeline/source_reader.h"

namespace ctxscan {
namespace {

// Leaves out the findings below `min`, with a note saying how many.
void DropBelowConfidence(Confidence min, ScanResult* result) {
  const std::size_t dropped =
      std::erase_if(result->findings, [&](const Finding& f) { return f.confidence < min; });
  if (dropped == 0) return;
  result->notes.push_back(std::to_string(dropped) + " finding(s) below --min-confidence " +
                          std::string(ConfidenceName(min)) + " left out");
}

}  // namespace

Result<ScanReport> RunScanPipeline(ScanRequest request) {
  if (request.engine == nullptr) return Status::Error("scan pipeline: no engine");
  const SourceReader& source = ReaderFor(request.source);
  ScanReport report;
  if (Status s = source.Read(request, &report); !s.ok()) return s;
  KeyFindings(request.hash_key, &report.result.findings);
  DropBelowConfidence(request.min_confidence, &report.result);
  report.suppressed = ApplySuppressions(request.config, request.baseline, &report.result.findings);
  source.AddWholeSourceFindings(request, &report);
  report.result.summary.suppressed_config = report.suppressed.by_config;
  report.result.summary.suppressed_baseline = report.suppressed.by_baseline;
  return report;
}

}  // namespace ctxscan
