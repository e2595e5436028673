// Rendering scan results: text (grouped by file, optionally colored, with a
// summary line), json (one document; schema in docs/json-schema.md) and
// jsonl (one object per location). Secrets are redacted unless
// `show_secrets`; file names and matched lines are escaped.
//
// Covered by the golden tests in tests/e2e. Thread safety: pure functions.
#pragma once

#include <functional>
#include <string>

#include "ctxscan/findings/scan.h"
#include "ctxscan/report/report_root.h"

namespace ctxscan {

struct ReportInfo {
  std::string target;       // what was scanned, as the user named it
  std::string mode;         // "context" (what the build sends), "directory" or "stdin"
  std::string builder;      // for context scans
  std::string ignore_file;  // for context scans; empty if none
  bool show_secrets = false;
  bool color = false;
  // Text: quoted lines longer than this many bytes are cut around the
  // secret, with "…" where text was left out (0: never cut).
  std::size_t width = 0;
  // What the CI formats (sarif, github, gitlab, junit) name files against
  // (report_root.h); json reports it as target.root and root_path.
  ReportRoot root;
  // The report hash key's id (HashKeyId), written by json as hash_key_id;
  // empty: not written (a merge of reports made with different keys).
  std::string hash_key_id;
};

// Returns `line` cut to at most `width` bytes (plus "…" marks) around the
// first occurrence of `secret` (or its start), on UTF-8 character
// boundaries; `line` itself when it fits or `width` is 0.
std::string CutAround(std::string_view line, std::string_view secret, std::size_t width);

std::string RenderText(const ScanResult& result, const ReportInfo& info);
std::string RenderJson(const ScanResult& result, const ReportInfo& info);
// The JSON report handed to `sink` in pieces of about 1 MiB, so that a long
// history's report (every location with its branches) is never held whole
// in memory; RenderJson is this with a sink that appends. Stops at, and
// returns, the first error `sink` returns.
Status WriteJson(const ScanResult& result, const ReportInfo& info,
                 const std::function<Status(std::string_view)>& sink);
std::string RenderJsonl(const ScanResult& result, const ReportInfo& info);
// SARIF 2.1.0 (src/report/sarif_report.cc); never contains a raw secret.
// URIs are relative to %SRCROOT%, the report root, which
// run.originalUriBaseIds gives as a file URI when it is known.
std::string RenderSarif(const ScanResult& result, const ReportInfo& info);
// CI formats (src/report/ci_reports.cc): GitHub Actions annotations, JUnit
// XML, GitLab secret detection report.
std::string RenderGithub(const ScanResult& result, const ReportInfo& info);
std::string RenderJunit(const ScanResult& result, const ReportInfo& info);
std::string RenderGitlab(const ScanResult& result, const ReportInfo& info);
// A markdown summary for a CI job's page (src/report/markdown_report.cc).
std::string RenderMarkdown(const ScanResult& result, const ReportInfo& info);
// One self-contained HTML file, no network (src/report/html_report.cc).
std::string RenderHtml(const ScanResult& result, const ReportInfo& info);

}  // namespace ctxscan
