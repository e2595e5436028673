// `ctxscan merge REPORT...`: JSON reports of many scans (one per repository
// of a fleet run) merged into one report in any format; a secret found in
// several reports is one finding with every location (src/report/report_merge.h).
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "cli/command.h"
#include "cli/diagnostics.h"
#include "cli/scan_options.h"
#include "compose/compose_analysis.h"
#include "dockerfile/analysis.h"
#include "report/report_merge.h"

namespace ctxscan::cli {
namespace {

struct MergeOptions {
  ScanCommandOptions out;
  std::vector<std::string> reports;
};

// "NAME=FILE", or FILE named by its file name without .json.
ReportToMerge Named(const std::string& arg) {
  ReportToMerge r;
  const std::size_t eq = arg.find('=');
  r.file = eq == std::string::npos ? arg : arg.substr(eq + 1);
  if (eq != std::string::npos) {
    r.name = arg.substr(0, eq);
    return r;
  }
  const std::size_t slash = r.file.rfind('/');
  r.name = slash == std::string::npos ? r.file : r.file.substr(slash + 1);
  for (const char* ext : {".jsonl", ".json"}) {
    const std::string e(ext);
    if (r.name.size() > e.size() && r.name.compare(r.name.size() - e.size(), e.size(), e) == 0) {
      r.name.resize(r.name.size() - e.size());
      break;
    }
  }
  return r;
}

Status ReadReports(const std::vector<std::string>& args, std::vector<ReportToMerge>* out) {
  std::set<std::string> names;
  for (const std::string& arg : args) {
    ReportToMerge r = Named(arg);
    if (r.name.empty()) return Status::Error(StatusCode::kInvalidArgument, arg + ": no name");
    if (!names.insert(r.name).second) {
      return Status::Error(StatusCode::kInvalidArgument,
                           "two reports are named \"" + r.name + "\": name them with NAME=FILE");
    }
    std::ifstream in(r.file, std::ios::binary);
    if (!in) return Status::Error(StatusCode::kNotFound, r.file + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    r.text = text.str();
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

ExitCode RunMerge(const MergeOptions& m) {
  std::vector<ReportToMerge> reports;
  if (Status s = ReadReports(m.reports, &reports); !s.ok()) return Fail(s);
  const std::optional<Severity> fail_on = ParseSeverity(m.out.fail_on);
  if (!fail_on)
    return Fail(Status::Error(StatusCode::kInvalidArgument, "--fail-on: unknown severity"));
  Result<std::shared_ptr<const RuleSet>> rules = LoadRuleSet({});
  if (!rules.ok()) return Fail(rules.status());
  auto lookup = [&](std::string_view id) -> const Rule* {
    if (const Rule* r = (*rules)->Find(id)) return r;
    for (const std::vector<Rule>* table : {&DockerfileRules(), &ComposeRules()}) {
      for (const Rule& r : *table) {
        if (r.id == id) return &r;
      }
    }
    return nullptr;
  };
  MergedReports merged;
  if (Status s = MergeReports(reports, lookup, &merged); !s.ok()) return Fail(s);
  ScanResult& result = merged.result;
  result.notes.insert(result.notes.begin(), std::to_string(reports.size()) + " reports merged; " +
                                                std::to_string(merged.reused) +
                                                " secrets were found in more than one of them");
  ReportInfo info;
  info.mode = "merge";
  for (const ReportToMerge& r : reports) info.target += (info.target.empty() ? "" : " ") + r.name;
  info.color = m.out.color == "always";
  info.hash_key_id = merged.hash_key_id;
  if (Status s = WriteScanReport(m.out, result, info); !s.ok()) return Fail(s);
  PrintNotesOutsideTheReport(m.out, result);
  for (const Finding& f : result.findings) {
    if (f.severity >= *fail_on && !m.out.exit_zero) return ExitCode::kFindings;
  }
  return result.errors.empty() ? ExitCode::kClean : ExitCode::kError;
}

}  // namespace

void RegisterMergeCommand(CLI::App& app, Action* chosen) {
  auto m = std::make_shared<MergeOptions>();
  CLI::App* merge = app.add_subcommand(
      "merge",
      "Merge JSON reports (ctxscan scan, git or image --format json; one per repository of\n"
      "a fleet run) into one report in any format. Each location is named REPORT/PATH, REPORT\n"
      "being the file's name without .json or the NAME of NAME=FILE. A secret found by the\n"
      "same rule in several reports (the same secret_hmac: give every job the same\n"
      "CTXSCAN_HASH_KEY) is one finding with every location. Exit codes as for scan");
  merge->add_option("REPORT", m->reports, "the JSON reports: FILE or NAME=FILE")->required();
  AddFormatOptions(merge, &m->out);
  merge->add_option("--fail-on", m->out.fail_on,
                    "lowest severity that makes the exit code 1 (default: low)");
  merge->add_flag("--exit-zero", m->out.exit_zero,
                  "exit 0 even with findings (errors still exit 2)");
  merge->callback([m, chosen] { *chosen = [m] { return RunMerge(*m); }; });
}

}  // namespace ctxscan::cli
