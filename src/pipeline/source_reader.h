// The sources of the scan pipeline behind one interface: a build context,
// standard input, a repository's history. Each reader lives in a file of its
// own (context_reader.cc, stdin_reader.cc, history_source.cc, image_reader.cc); a new source
// is a new ScanSource value, one file with its reader, and one line in
// ReaderFor. Internal to src/pipeline.
//
// Covered by tests/unit/scan_pipeline_test.cc (standard input),
// tests/e2e/scan_cli_test.py (build contexts) and tests/e2e/git_cli_test.py
// (history).
#pragma once
#include "ctxscan/pipeline/scan_pipeline.h"

namespace ctxscan {

class SourceReader {
 public:
  virtual ~SourceReader() = default;

  // Reads the source named by `request` into `report`: its findings are
  // appended to report->result (skips, errors, notes and counts too), and
  // what it opened is kept in the report. Fails only when the source cannot
  // be read at all; an unreadable file is an error in the report instead.
  // May move out of the request what it reads (stdin_data), so a large input
  // is held once.
  virtual Status Read(ScanRequest& request, ScanReport* report) const = 0;

  // Findings that judge the source as a whole (the .dockerignore checks of a
  // build context), made after every finding Read gave has its fingerprint
  // and suppressions applied: these are fingerprinted and suppressible too.
  // None by default.
  virtual void AddWholeSourceFindings(const ScanRequest& request, ScanReport* report) const;
};

// The readers, one per file; stateless, so one instance each serves all
// pipelines at once.
const SourceReader& ContextReader();
const SourceReader& StdinReader();
const SourceReader& HistoryReader();
const SourceReader& ImageReader();

// The reader of `source`.
const SourceReader& ReaderFor(ScanSource source);

// Adds `more` (findings, skips, errors, notes and counts) to `into`.
void AppendScanResult(ScanResult more, ScanResult* into);

}  // namespace ctxscan
