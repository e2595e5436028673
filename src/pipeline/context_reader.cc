// The build-context source: the files `docker build DIR` would send, the
// Dockerfile's and the Compose files' analyses, the history of the
// repository holding DIR when asked, and the checks that judge the
// .dockerignore as a whole. See src/pipeline/source_reader.h.
#include <algorithm>
#include <utility>
#include <vector>

#include "dockerfile/analysis.h"
#include "pipeline/build_findings.h"
#include "pipeline/source_reader.h"

namespace ctxscan {
namespace {

class ContextSourceReader : public SourceReader {
 public:
  Status Read(ScanRequest& request, ScanReport* report) const override {
    Result<ContextSource> opened = OpenContext(request.context);
    if (!opened.ok()) return opened.status();
    report->context = std::move(opened).value();
    const ContextSource& src = *report->context;
    Result<ContextItems> items = CollectContextItems(*src.fs, src.rules, request.items);
    if (!items.ok()) return items.status();
    AppendScanResult(ScanItems(items->items, *request.engine, request.scan), &report->result);
    MergeScanErrors(std::move(items->errors), &report->result);
    if (Status s = AddDockerfileFindings(request, src, report); !s.ok()) return s;
    AddComposeFindings(items->items, &report->result);
    // The history of the repository holding DIR, after the context's findings.
    if (request.with_history) return HistoryReader().Read(request, report);
    return Status::Ok();
  }

  // No .dockerignore, and broad COPYs: judged on the findings left after
  // suppression (a disabled file rule does not count), then suppressible
  // like any other.
  void AddWholeSourceFindings(const ScanRequest& request, ScanReport* report) const override {
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
};

}  // namespace

const SourceReader& ContextReader() {
  static const ContextSourceReader reader;
  return reader;
}

}  // namespace ctxscan
