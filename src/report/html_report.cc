// The HTML report: one self-contained file that opens offline. Its
// Content-Security-Policy allows nothing but its own inline style and
// script, so it can make no request. It holds a summary by severity, by
// rule family and, for history and images, by commit or layer, each with a
// bar chart (inline SVG); then a table of every location, filterable by
// text and severity (the URL fragment "#q=TEXT&severity=high" presets the
// filter), each row with the finding's provenance, line and remediation.
// Every text is escaped (escape.h, then HTML), secrets redacted unless asked.
#include <algorithm>
#include <map>

#include "ctxscan/report/findings_report.h"
#include "report/shown.h"
#include "util/escape.h"

namespace ctxscan {
namespace {

// `s` as HTML text or attribute value.
std::string Html(std::string_view s) { return EscapeMarkup(s); }

constexpr const char* kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ctxscan report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: left; vertical-align: top; }
#findings td { border-top: 1px solid #ddd; } code { font-size: 12px; word-break: break-all; }
.sev-critical { color: #8b0000; font-weight: bold; } .sev-high { color: #c0392b; }
.sev-medium { color: #b9770e; } .sev-low { color: #2e86c1; } .sev-info { color: #777; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; } details { margin-top: 2px; }
svg text { font: 11px system-ui, sans-serif; } .muted { color: #777; }
</style>
</head>
<body>
)";

constexpr const char* kScript = R"(<script>
(function () {
  var q = document.getElementById('q'), sev = document.getElementById('sev');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  function apply() {
    var text = q.value.toLowerCase(), level = sev.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!level || r.getAttribute('data-severity') === level) &&
               (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
  }
  var hash = location.hash.replace(/^#/, '');
  hash.split('&').forEach(function (kv) {
    var i = kv.indexOf('='); if (i < 0) return;
    var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
    if (k === 'q') q.value = v;
    if (k === 'severity') sev.value = v;
  });
  q.addEventListener('input', apply);
  sev.addEventListener('change', apply);
  apply();
})();
</script>
)";

// A titled table of counts with a horizontal bar chart beside it.
std::string Chart(const std::string& title,
                  const std::vector<std::pair<std::string, std::size_t>>& rows) {
  if (rows.empty()) return "";
  std::size_t most = 1;
  for (const auto& [label, n] : rows) most = std::max(most, n);
  constexpr std::size_t kBar = 200;
  constexpr std::size_t kRow = 18;
  std::string out = "<div><h2>" + Html(title) + "</h2><svg width=\"" + std::to_string(kBar + 60) +
                    "\" height=\"" + std::to_string(rows.size() * kRow) +
                    "\" role=\"img\" aria-label=\"" + Html(title) + "\">";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t width = std::max<std::size_t>(1, rows[i].second * kBar / most);
    out += "<rect x=\"0\" y=\"" + std::to_string(i * kRow + 3) + "\" width=\"" +
           std::to_string(width) + "\" height=\"12\" fill=\"#5d6d7e\"></rect><text x=\"" +
           std::to_string(width + 4) + "\" y=\"" + std::to_string(i * kRow + 13) + "\">" +
           std::to_string(rows[i].second) + "</text>";
  }
  out += "</svg><table>";
  for (const auto& [label, n] : rows) {
    out += "<tr><td>" + Html(label) + "</td><td>" + std::to_string(n) + "</td></tr>";
  }
  return out + "</table></div>\n";
}

// The summary charts: severity, rule family, and commit or layer.
std::string Summary(const ScanResult& r) {
  std::map<Severity, std::size_t, std::greater<>> severity;
  std::map<std::string, std::size_t> family;
  std::map<std::string, std::size_t> origin;  // commit or layer
  for (const Finding& f : r.findings) {
    ++severity[f.severity];
    ++family[f.rule->id.substr(0, f.rule->id.find('.'))];
    for (const Location& l : f.locations) {
      if (l.git && !l.git->commit.empty()) {
        ++origin[l.git->commit.substr(0, 12) + " " + l.git->summary];
      } else if (l.image && l.image->layer) {
        ++origin["layer " + std::to_string(*l.image->layer) + ": " + l.image->created_by];
      }
    }
  }
  std::vector<std::pair<std::string, std::size_t>> by_severity;
  by_severity.reserve(severity.size());
  for (const auto& [s, n] : severity) by_severity.emplace_back(std::string(SeverityName(s)), n);
  const bool history = !origin.empty() && r.findings.front().locations.front().git != nullptr;
  return "<div class=\"charts\">" + Chart("Findings by severity", by_severity) +
         Chart("Findings by rule family", {family.begin(), family.end()}) +
         Chart(history ? "Locations by commit" : "Locations by layer",
               {origin.begin(), origin.end()}) +
         "</div>\n";
}

// Where a location came from: its commit, or its image layer.
std::string Provenance(const Location& l) {
  std::string out;
  if (l.git && !l.git->commit.empty()) {
    out += "commit <code>" + Html(l.git->commit) + "</code> " + Html(l.git->date) + " " +
           Html(l.git->author) + ": " + Html(l.git->summary) +
           (l.git->at_head ? " (still at HEAD)" : "");
  }
  if (l.image && l.image->layer) {
    out += "layer " + std::to_string(*l.image->layer) + " <code>" + Html(l.image->layer_digest) +
           "</code>: " + Html(l.image->created_by);
    if (l.image->removed_in) {
      out += "; removed by layer " + std::to_string(*l.image->removed_in) + ": " +
             Html(l.image->removed_by) + " (not in the final filesystem, still shipped)";
    }
  }
  if (!l.sent) out += "present but not sent to the builder";
  return out;
}

std::string Row(const Finding& f, const Location& l, const Shower& shown) {
  const std::string severity(SeverityName(f.severity));
  std::string where = RootPath(l, shown.info().root);
  if (l.line > 0) where += ":" + std::to_string(l.line);
  std::string out = "<tr data-severity=\"" + severity + "\"><td class=\"sev-" + severity + "\">" +
                    severity + "</td><td>" + Html(f.rule->id) + "</td><td><code>" + Html(where) +
                    "</code></td><td><code>" + Html(f.secret.empty() ? "" : shown.Secret(f)) +
                    "</code></td><td>" + std::string(ConfidenceName(f.confidence)) +
                    "</td><td><details><summary>" + Html(f.rule->name) + "</summary>";
  if (const std::string p = Provenance(l); !p.empty()) out += "<div>" + p + "</div>";
  if (!l.line_text.empty()) out += "<div><code>" + Html(shown.Line(f, l)) + "</code></div>";
  if (!f.detail.empty()) out += "<div>" + Html(shown.Detail(f)) + "</div>";
  out += "<div class=\"muted\">" + Html(f.rule->remediation) + "</div></details></td></tr>\n";
  return out;
}

}  // namespace

std::string RenderHtml(const ScanResult& r, const ReportInfo& info) {
  const Shower shown(r, info);
  std::size_t locations = 0;
  for (const Finding& f : r.findings) locations += f.locations.size();
  std::string out = kHead;
  out +=
      "<h1>ctxscan: " +
      (r.findings.empty()
           ? std::string("no secrets found")
           : std::to_string(r.findings.size()) + " finding" + (r.findings.size() == 1 ? "" : "s") +
                 " at " + std::to_string(locations) + " location" + (locations == 1 ? "" : "s")) +
      "</h1>\n<p>" + Html(info.mode) + " scan of <code>" + Html(info.target) + "</code></p>\n";
  out += Summary(r);
  out +=
      "<h2>Findings</h2>\n<p><input id=\"q\" type=\"search\" placeholder=\"filter\" "
      "aria-label=\"filter\"> <select id=\"sev\" aria-label=\"severity\"><option value=\"\">"
      "every severity</option>";
  for (const char* s : {"critical", "high", "medium", "low", "info"}) {
    out += "<option value=\"" + std::string(s) + "\">" + s + "</option>";
  }
  out +=
      "</select> <span id=\"shown\"></span></p>\n<table id=\"findings\"><thead><tr><th>severity"
      "</th><th>rule</th><th>where</th><th>secret</th><th>confidence</th><th>finding</th></tr>"
      "</thead><tbody>\n";
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) out += Row(f, l, shown);
  }
  out += "</tbody></table>\n";
  const ScanSummary& s = r.summary;
  out += "<p class=\"muted\">" + std::to_string(s.files_scanned) + " files, " +
         std::to_string(s.bytes_scanned) + " bytes scanned; skipped " +
         std::to_string(s.skipped_binary) + " binary, " + std::to_string(s.skipped_too_large) +
         " too large; " + std::to_string(r.errors.size()) + " unreadable.</p>\n<ul>";
  for (const SkippedFile& e : r.errors)
    out += "<li>error: " + Html(e.path + ": " + e.reason) + "</li>";
  for (const std::string& n : r.notes) out += "<li>note: " + Html(n) + "</li>";
  out += "</ul>\n";
  out += kScript;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace ctxscan
