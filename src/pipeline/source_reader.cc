// The sources of the scan pipeline; see src/pipeline/source_reader.h.
#include "pipeline/source_reader.h"

#include <utility>

namespace ctxscan {

void SourceReader::AddWholeSourceFindings(const ScanRequest&, ScanReport*) const {}

const SourceReader& ReaderFor(ScanSource source) {
  switch (source) {
    case ScanSource::kContext:
      return ContextReader();
    case ScanSource::kStdin:
      return StdinReader();
    case ScanSource::kHistory:
      return HistoryReader();
    case ScanSource::kImage:
      return ImageReader();
  }
  return ContextReader();  // not reached: every ScanSource is listed above
}

void AppendScanResult(ScanResult more, ScanResult* into) {
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
  t.suppressed_config += m.suppressed_config;
  t.suppressed_baseline += m.suppressed_baseline;
  t.seconds += m.seconds;
}

}  // namespace ctxscan
