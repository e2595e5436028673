// Reports for CI systems: GitHub Actions workflow commands (annotations),
// JUnit XML (one test case per finding location), and GitLab's secret
// detection report (schema 15.x). Secrets are redacted unless asked. Paths
// are relative to the report root (report_root.h), as CI systems resolve them.
#include <ctime>

#include "ctxscan/report/findings_report.h"
#include "ctxscan/version.h"
#include "findings/redaction.h"
#include "util/escape.h"
#include "util/json_writer.h"

namespace ctxscan {
namespace {

std::string Shown(const Finding& f, const ReportInfo& info) {
  return info.show_secrets ? f.secret : RedactedSecret(f);
}

std::string ShownDetail(const Finding& f, const ReportInfo& info, const Redactor& redactor) {
  return info.show_secrets ? f.detail : redactor.Text(f.detail);
}

// GitHub workflow command escaping: data and property values.
std::string GhData(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string GhProperty(std::string_view s) {
  std::string out;
  for (char c : GhData(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string Xml(std::string_view s) { return EscapeMarkup(s); }

std::string GitlabSeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "Critical";
    case Severity::kHigh:
      return "High";
    case Severity::kMedium:
      return "Medium";
    case Severity::kLow:
      return "Low";
    case Severity::kInfo:
      return "Info";
  }
  return "Unknown";
}

std::string Timestamp(std::time_t t) {
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

}  // namespace

std::string RenderGithub(const ScanResult& r, const ReportInfo& info) {
  const Redactor redactor(r.findings);
  std::string out;
  for (const Finding& f : r.findings) {
    const char* level = f.severity >= Severity::kHigh     ? "error"
                        : f.severity == Severity::kMedium ? "warning"
                                                          : "notice";
    for (const Location& l : f.locations) {
      out += "::";
      out += level;
      out += " file=" + GhProperty(EscapeText(RootPath(l, info.root)));
      if (l.line > 0) out += ",line=" + std::to_string(l.line) + ",col=" + std::to_string(l.column);
      out +=
          ",title=" + GhProperty(f.rule->id + " (" + std::string(SeverityName(f.severity)) + ")");
      std::string message = f.rule->name;
      if (!f.secret.empty()) message += ": " + Shown(f, info);
      if (!l.sent) message += " (present but not sent to the builder)";
      if (!f.detail.empty()) message += ". " + ShownDetail(f, info, redactor);
      message += ". " + f.rule->remediation;
      out += "::" + GhData(EscapeText(message)) + "\n";
    }
  }
  for (const std::string& n : r.notes)
    out += "::notice title=ctxscan::" + GhData(EscapeText(n)) + "\n";
  return out;
}

std::string RenderJunit(const ScanResult& r, const ReportInfo& info) {
  const Redactor redactor(r.findings);
  std::size_t cases = 0;
  for (const Finding& f : r.findings) cases += f.locations.size();
  const std::size_t failures = cases;
  if (cases == 0) cases = 1;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"ctxscan\" tests=\"" + std::to_string(cases) + "\" failures=\"" +
         std::to_string(failures) + "\">\n";
  out += "  <testsuite name=\"ctxscan " + Xml(info.target) + "\" tests=\"" + std::to_string(cases) +
         "\" failures=\"" + std::to_string(failures) + "\">\n";
  if (failures == 0) out += "    <testcase classname=\"ctxscan\" name=\"no secrets found\"/>\n";
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) {
      const std::string path = RootPath(l, info.root);
      const std::string where = path + (l.line > 0 ? ":" + std::to_string(l.line) : "");
      out += "    <testcase classname=\"" + Xml(path) + "\" name=\"" +
             Xml(f.rule->id + " at " + where) + "\">\n";
      std::string detail = f.rule->name;
      if (!f.secret.empty()) detail += ": " + Shown(f, info);
      if (!f.detail.empty()) detail += ". " + ShownDetail(f, info, redactor);
      out += "      <failure type=\"" + std::string(SeverityName(f.severity)) + "\" message=\"" +
             Xml(detail) + "\">" +
             Xml(f.rule->remediation + " (fingerprint " + f.fingerprint + ")") + "</failure>\n";
      out += "    </testcase>\n";
    }
  }
  if (!r.notes.empty()) {
    std::string notes;
    for (const std::string& n : r.notes) notes += "note: " + n + "\n";
    out += "    <system-out>" + Xml(notes) + "</system-out>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

namespace {

// GitLab's analyzer and scanner objects: ctxscan, this version.
void GitlabTool(std::string_view key, JsonWriter* w) {
  w->Key(key);
  w->BeginObject();
  w->Field("id", "ctxscan");
  w->Field("name", "ctxscan");
  w->Field("version", kVersion);
  w->Key("vendor");
  w->BeginObject();
  w->Field("name", "ctxscan");
  w->End();
  w->End();
}

// One vulnerability: a finding at one of its locations.
void GitlabVulnerability(const Finding& f, const Location& l, const ReportInfo& info,
                         const Redactor& redactor, JsonWriter* w) {
  const std::string path = RootPath(l, info.root);
  w->BeginObject();
  w->Field("id", f.fingerprint +
                     (f.locations.size() > 1 ? ":" + path + ":" + std::to_string(l.line) : ""));
  w->Field("category", "secret_detection");
  w->Field("name", f.rule->name);
  std::string description = f.rule->description;
  if (!f.secret.empty()) description += " Secret: " + Shown(f, info) + ".";
  if (!f.detail.empty()) description += " " + ShownDetail(f, info, redactor) + ".";
  w->Field("description", description);
  w->Field("severity", GitlabSeverity(f.severity));
  w->Field("solution", f.rule->remediation);
  w->Key("scanner");
  w->BeginObject();
  w->Field("id", "ctxscan");
  w->Field("name", "ctxscan");
  w->End();
  w->Key("location");
  w->BeginObject();
  w->Field("file", path);
  w->Field("start_line", std::uint64_t{l.line == 0 ? 1 : l.line});
  w->Key("commit");
  w->BeginObject();
  w->Field("sha", l.git ? l.git->commit : std::string("0000000"));  // history: the commit
  w->End();
  w->End();
  w->Key("identifiers");
  w->BeginArray();
  w->BeginObject();
  w->Field("type", "ctxscan_rule_id");
  w->Field("name", "ctxscan rule " + f.rule->id);
  w->Field("value", f.rule->id);
  w->End();
  w->End();
  w->End();
}

}  // namespace

std::string RenderGitlab(const ScanResult& r, const ReportInfo& info) {
  using Layout = JsonWriter::Layout;
  const Redactor redactor(r.findings);
  std::string out;
  JsonWriter w(&out);
  w.BeginObject(Layout::kBlock);
  w.Field("version", "15.0.7");
  w.Key("vulnerabilities");
  w.BeginArray(Layout::kBlock);
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) GitlabVulnerability(f, l, info, redactor, &w);
  }
  w.End();
  const std::time_t now = std::time(nullptr);
  const std::time_t start = now - static_cast<std::time_t>(r.summary.seconds);
  w.Key("scan");
  w.BeginObject();
  GitlabTool("analyzer", &w);
  GitlabTool("scanner", &w);
  w.Field("type", "secret_detection");
  w.Field("start_time", Timestamp(start));
  w.Field("end_time", Timestamp(now));
  w.Key("messages");
  w.BeginArray();
  for (const std::string& n : r.notes) {
    w.BeginObject();
    w.Field("level", "info");
    w.Field("value", n);
    w.End();
  }
  w.End();
  w.Field("status", "success");
  w.End();
  w.End();
  out += "\n";
  return out;
}

}  // namespace ctxscan
