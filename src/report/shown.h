// What a report shows of a finding (internal to the report stage): its
// secret, the line holding it, its detail; every secret redacted unless
// --show-secrets (src/findings/redaction.h).
//
// Covered by the golden reports (tests/golden) and tests/unit/findings_report_test.cc.
#pragma once

#include <string>

#include "ctxscan/findings/scan.h"
#include "ctxscan/report/findings_report.h"
#include "findings/redaction.h"

namespace ctxscan {

class Shower {
 public:
  Shower(const ScanResult& r, const ReportInfo& info)
      : info_(info), show_(info.show_secrets), redactor_(r.findings) {}
  const ReportInfo& info() const { return info_; }
  std::string Secret(const Finding& f) const { return show_ ? f.secret : RedactedSecret(f); }
  std::string Line(const Finding& f, const Location& l) const {
    return show_ ? l.line_text : redactor_.Line(f, l);
  }
  std::string Detail(const Finding& f) const { return show_ ? f.detail : redactor_.Text(f.detail); }

 private:
  const ReportInfo& info_;
  bool show_;
  Redactor redactor_;
};

}  // namespace ctxscan
