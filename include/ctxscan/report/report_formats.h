// The report formats of `scan`, `git` and `baseline create`, in one table:
// the `--format` names, their help, and their renderers. The command line
// builds its option check and help from it, so a new format is one entry.
//
// Covered by tests/unit/findings_report_test.cc (ReportFormats.*).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/report/findings_report.h"

namespace ctxscan {

// Where a streamed report goes, piece by piece (see WriteJson).
using ReportSink = std::function<Status(std::string_view)>;

struct ReportFormat {
  std::string_view name;  // the --format value
  std::string_view note;  // said after the name in --help; may be empty
  std::string (*render)(const ScanResult&, const ReportInfo&);
  // Writes the report in pieces instead (a long history's JSON is never
  // held whole in memory); null when the format has no streaming writer.
  Status (*stream)(const ScanResult&, const ReportInfo&, const ReportSink&) = nullptr;
};

// Every format, the default (text) first.
const std::vector<ReportFormat>& ReportFormats();

// The format named `name`, or null.
const ReportFormat* FindReportFormat(std::string_view name);

// The names, for an option check.
std::vector<std::string> ReportFormatNames();

// "text (default), json, ... or gitlab (secret detection report)", for --help.
std::string ReportFormatHelp();

}  // namespace ctxscan
