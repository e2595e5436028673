// The standard-input source: the bytes of ScanRequest::stdin_data, scanned as
// one file named "-". See src/pipeline/source_reader.h.
#include <utility>

#include "ctxscan/util/file_system.h"
#include "pipeline/source_reader.h"

namespace ctxscan {
namespace {

class StdinSourceReader : public SourceReader {
 public:
  Status Read(ScanRequest& request, ScanReport* report) const override {
    MemoryFileSystem fs;
    fs.AddFile("-", std::move(request.stdin_data));
    AppendScanResult(
        ScanItems({{"-", EntryType::kFile, true, &fs, "", nullptr}}, *request.engine, request.scan),
        &report->result);
    return Status::Ok();
  }
};

}  // namespace

const SourceReader& StdinReader() {
  static const StdinSourceReader reader;
  return reader;
}

}  // namespace ctxscan
