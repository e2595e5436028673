// The text report; see include/ctxscan/report/findings_report.h.
//
// One block per file, its locations in line order whatever finding they
// belong to (a secret deduplicated across files is one finding with
// locations in several blocks); a whole-file finding says so instead of a
// 0:0 position; a quoted line is cut to the width around the secret it
// holds; notes, errors and a summary that counts findings and locations.
// Covered by tests/golden/scan.txt.out and tests/e2e/scan_cli_test.py.
#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>

#include "ctxscan/report/findings_report.h"
#include "report/shown.h"
#include "util/escape.h"

namespace ctxscan {
namespace {

const char* SeverityColor(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "\x1b[1;31m";
    case Severity::kHigh:
      return "\x1b[31m";
    case Severity::kMedium:
      return "\x1b[33m";
    case Severity::kLow:
      return "\x1b[36m";
    case Severity::kInfo:
      return "\x1b[2m";
  }
  return "";
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string SummaryLine(const ScanResult& r) {
  std::array<std::size_t, 5> by{};
  std::size_t locations = 0;
  for (const Finding& f : r.findings) {
    ++by[static_cast<std::size_t>(f.severity)];
    locations += f.locations.size();
  }
  std::string s = Plural(r.findings.size(), "finding", "findings");
  // Deduplication groups one secret's places into one finding: say so.
  if (locations > r.findings.size()) s += " at " + Plural(locations, "location", "locations");
  std::string parts;
  for (int i = 4; i >= 0; --i) {
    if (by[static_cast<std::size_t>(i)] == 0) continue;
    parts += parts.empty() ? " (" : ", ";
    parts += std::to_string(by[static_cast<std::size_t>(i)]) + " " +
             std::string(SeverityName(static_cast<Severity>(i)));
  }
  if (!parts.empty()) s += parts + ")";
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "; %llu files, %llu bytes scanned; skipped %llu binary, %llu too large, %zu "
                "unreadable; suppressed %llu inline, %llu by config, %llu by baseline; %.2f s",
                static_cast<unsigned long long>(r.summary.files_scanned),
                static_cast<unsigned long long>(r.summary.bytes_scanned),
                static_cast<unsigned long long>(r.summary.skipped_binary),
                static_cast<unsigned long long>(r.summary.skipped_too_large), r.errors.size(),
                static_cast<unsigned long long>(r.summary.suppressed_inline),
                static_cast<unsigned long long>(r.summary.suppressed_config),
                static_cast<unsigned long long>(r.summary.suppressed_baseline), r.summary.seconds);
  return s + buf;
}

// Moves `i` back to the start of the UTF-8 character it is in.
std::size_t CharStart(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

std::string CutAround(std::string_view line, std::string_view secret, std::size_t width) {
  if (width == 0 || line.size() <= width) return std::string(line);
  constexpr std::string_view kMore = "…";
  const std::size_t room = width > 2 * kMore.size() + 8 ? width - 2 * kMore.size() : 8;
  std::size_t at = secret.empty() ? std::string_view::npos : line.find(secret);
  if (at == std::string_view::npos) at = 0;
  // Centre the secret (or its start, when it is wider than the room).
  const std::size_t centre = at + std::min(secret.size(), room) / 2;
  std::size_t start = centre > room / 2 ? centre - room / 2 : 0;
  if (start + room > line.size()) start = line.size() > room ? line.size() - room : 0;
  start = CharStart(line, start);
  const std::size_t end = CharStart(line, std::min(line.size(), start + room));
  std::string out;
  if (start > 0) out += kMore;
  out.append(line.substr(start, end - start));
  if (end < line.size()) out += kMore;
  return out;
}

std::string RenderText(const ScanResult& r, const ReportInfo& info) {
  const Shower shown(r, info);
  const std::string reset = info.color ? "\x1b[0m" : "";
  const std::string bold = info.color ? "\x1b[1m" : "";
  // Every (finding, location), in file and line order.
  std::vector<std::pair<const Finding*, const Location*>> rows;
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) rows.emplace_back(&f, &l);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second->path, a.second->line, a.second->column, a.first->rule->id) <
           std::tie(b.second->path, b.second->line, b.second->column, b.first->rule->id);
  });
  constexpr std::size_t kIndent = 6;
  const std::size_t width = info.width > kIndent + 20 ? info.width - kIndent : 0;
  std::string out;
  const std::string* current = nullptr;
  for (const auto& [f, l] : rows) {
    if (current == nullptr || l->path != *current) {
      current = &l->path;
      if (!out.empty()) out += '\n';
      out.append(bold).append(EscapeText(l->path)).append(reset).append("\n");
    }
    if (l->line == 0) {
      out += "  file";  // a finding about the whole file
    } else {
      out += "  " + std::to_string(l->line) + ":" + std::to_string(l->column);
    }
    out += "  ";
    out += info.color ? SeverityColor(f->severity) : "";
    out += SeverityName(f->severity);
    out += reset + "  " + f->rule->id + "  " + f->rule->name;
    if (f->confidence != Confidence::kHigh) {
      out += " (confidence " + std::string(ConfidenceName(f->confidence)) + ")";
    }
    if (!l->sent) out += " (not sent: ignored by the build)";
    if (l->in_image == InImage::kFinal) out += " (reaches the image)";
    if (l->in_image == InImage::kIntermediate) out += " (in a build stage only)";
    if (l->git && l->git->commit.empty()) {
      out +=
          l->git->summary.empty() ? "  (in no commit)" : "  (" + EscapeText(l->git->summary) + ")";
    } else if (l->git) {
      out += "  commit " + l->git->commit.substr(0, 12) + " " + EscapeText(l->git->date) + " " +
             EscapeText(l->git->author) + ": " + EscapeText(l->git->summary);
      if (l->git->at_head) out += " (still at HEAD)";
    }
    if (l->image && l->image->layer) {
      out +=
          "  layer " + std::to_string(*l->image->layer) + ": " + EscapeText(l->image->created_by);
      if (l->image->removed_in) {
        out += " (removed by layer " + std::to_string(*l->image->removed_in) + ": " +
               EscapeText(l->image->removed_by) + "; not in the final filesystem, still shipped)";
      }
    }
    if (!f->secret.empty()) {
      const std::string secret = shown.Secret(*f);
      out += "  " + EscapeText(secret) + "\n      " +
             EscapeText(CutAround(shown.Line(*f, *l), secret, width));
    }
    if (!f->detail.empty()) out += "\n      " + EscapeText(shown.Detail(*f));
    out += "\n";
  }
  if (!r.notes.empty() && !out.empty()) out += '\n';
  for (const std::string& n : r.notes) out += "note: " + EscapeText(n) + "\n";
  for (const SkippedFile& e : r.errors) {
    out += "error: " + EscapeText(e.path) + ": " + EscapeText(e.reason) + "\n";
  }
  out += (out.empty() ? "" : "\n") + SummaryLine(r) + "\n";
  return out;
}

}  // namespace ctxscan
