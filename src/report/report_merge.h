// `ctxscan merge`: JSON reports (of scan, git or image, one per repository
// of a fleet run) read back and merged into one result that every report
// format writes. Each report has a name (its file's name without .json, or
// NAME=FILE), and each of its locations is named NAME/PATH in the merged
// report. The same secret found by the same rule in several reports (the
// same secret_hmac: the reports must share one hash key, CTXSCAN_HASH_KEY)
// becomes one finding with every report's locations: a secret reused across
// repositories. Secrets stay as the reports hold them (redacted, unless a
// report was written with --show-secrets; such a report's secrets are
// redacted again unless the merge is asked to show them).
//
// Covered by tests/unit/report_merge_test.cc and tests/e2e/fleet_test.py.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/findings/scan.h"
#include "ctxscan/status.h"

namespace ctxscan {

struct ReportToMerge {
  std::string name;  // prefixes its paths
  std::string text;  // the JSON report
  std::string file;  // for errors
};

struct MergedReports {
  ScanResult result;
  // Rules the reports name that the lookup does not know (custom rules of a
  // job): made from the reports' own fields. Findings point into it.
  std::deque<Rule> foreign_rules;
  std::size_t reused = 0;  // findings seen in more than one report
  // The key id every report names (hash_key_id), or empty when they differ
  // or one names none; reports under another key than the first get a note.
  std::string hash_key_id;
};

// Merges `reports` into `out`; `lookup` finds a rule by id (null: unknown).
// Fails on a report that is not a ctxscan JSON report, naming its file.
Status MergeReports(const std::vector<ReportToMerge>& reports,
                    const std::function<const Rule*(std::string_view)>& lookup, MergedReports* out);

}  // namespace ctxscan
