// The markdown report: a summary for a CI job's page (GitHub's
// $GITHUB_STEP_SUMMARY, a merge request comment). Counts by severity and
// rule, then one table row per location, at most kMaxRows. Every cell is
// escaped (escape.h, then HTML entities and backslashes for markdown's
// punctuation), so a hostile file name can neither break the table nor
// inject markup or links. Secrets are redacted unless asked.
#include <map>

#include "ctxscan/report/findings_report.h"
#include "findings/redaction.h"
#include "util/escape.h"

namespace ctxscan {
namespace {

constexpr std::size_t kMaxRows = 200;

// `s` as text inside a markdown table cell.
std::string Cell(std::string_view s) {
  const std::string text = EscapeText(s);
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' ||
               c == '(' || c == ')' || c == '#' || c == '!' || c == '~' || c == '+' || c == '-' ||
               c == '.' || c == '{' || c == '}' || c == '"' || c == '\'' || c == ':' || c == '=' ||
               c == '$' || c == '%' || c == '@' || c == '^' || c == '/' || c == ',' || c == ';' ||
               c == '?') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

// Where a location is: its path and line, and for an image its layer, for
// history its commit.
std::string Where(const Location& l, const ReportInfo& info) {
  std::string where = RootPath(l, info.root);
  if (l.line > 0) {
    where += ':';
    where += std::to_string(l.line);
  }
  if (l.image && l.image->layer) {
    where += " (layer " + std::to_string(*l.image->layer);
    if (!l.image->visible) where += ", removed later, still shipped";
    where += ")";
  }
  if (l.git) where += " (commit " + l.git->commit.substr(0, 12) + ")";
  return where;
}

}  // namespace

std::string RenderMarkdown(const ScanResult& r, const ReportInfo& info) {
  std::size_t rows = 0;
  std::map<Severity, std::size_t, std::greater<>> by_severity;
  std::map<std::string, std::size_t> by_rule;
  for (const Finding& f : r.findings) {
    ++by_severity[f.severity];
    ++by_rule[f.rule->id];
    rows += f.locations.size();
  }
  std::string out = "## ctxscan: ";
  out += r.findings.empty()
             ? "no secrets found"
             : std::to_string(r.findings.size()) + " finding" + (r.findings.size() == 1 ? "" : "s");
  out += "\n\n" + Cell(info.mode + " scan of " + info.target) + "\n\n";
  if (!r.findings.empty()) {
    out += "| severity | findings |\n| --- | ---: |\n";
    for (const auto& [severity, n] : by_severity) {
      out += "| " + std::string(SeverityName(severity)) + " | " + std::to_string(n) + " |\n";
    }
    out += "\n| rule | findings |\n| --- | ---: |\n";
    for (const auto& [rule, n] : by_rule)
      out += "| " + Cell(rule) + " | " + std::to_string(n) + " |\n";
    out += "\n| severity | rule | where | secret |\n| --- | --- | --- | --- |\n";
    std::size_t written = 0;
    for (const Finding& f : r.findings) {
      const std::string secret =
          f.secret.empty() ? "" : (info.show_secrets ? f.secret : RedactedSecret(f));
      for (const Location& l : f.locations) {
        if (written++ == kMaxRows) break;
        out += "| " + std::string(SeverityName(f.severity)) + " | " + Cell(f.rule->id) + " | " +
               Cell(Where(l, info)) + " | " + Cell(secret) + " |\n";
      }
    }
    if (rows > kMaxRows) {
      out += "\n" + std::to_string(rows - kMaxRows) + " more locations are in the full report.\n";
    }
  }
  const ScanSummary& s = r.summary;
  out += "\n" + std::to_string(s.files_scanned) + " files, " + std::to_string(s.bytes_scanned) +
         " bytes scanned; skipped " + std::to_string(s.skipped_binary) + " binary, " +
         std::to_string(s.skipped_too_large) + " too large; " + std::to_string(r.errors.size()) +
         " unreadable.\n";
  for (const SkippedFile& e : r.errors) out += "\n- error: " + Cell(e.path + ": " + e.reason);
  for (const std::string& n : r.notes) out += "\n- note: " + Cell(n);
  if (!r.errors.empty() || !r.notes.empty()) out += "\n";
  return out;
}

}  // namespace ctxscan
