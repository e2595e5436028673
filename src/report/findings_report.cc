// Text, JSON and JSONL reports; see include/ctxscan/report/findings_report.h.
#include "ctxscan/report/findings_report.h"

#include <array>
#include <cstdio>

#include "ctxscan/report/escape.h"
#include "ctxscan/version.h"

namespace ctxscan {
namespace {

std::string Shown(const Finding& f, const ReportInfo& info) {
  if (f.secret.empty()) return "";
  return info.show_secrets ? f.secret : RedactSecret(f.secret, f.secret_sha256);
}

std::string ShownLine(const Finding& f, const Location& l, const ReportInfo& info) {
  if (info.show_secrets) return l.line_text;
  return RedactLine(l, f.secret, RedactSecret(f.secret, f.secret_sha256));
}

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

std::string SummaryLine(const ScanResult& r) {
  std::array<std::size_t, 5> by{};
  for (const Finding& f : r.findings) ++by[static_cast<std::size_t>(f.severity)];
  std::string s =
      std::to_string(r.findings.size()) + " finding" + (r.findings.size() == 1 ? "" : "s");
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

void Field(std::string* out, const char* key, std::string_view value, bool comma = true) {
  out->push_back('"');
  out->append(key);
  out->append("\": ");
  AppendJsonString(value, out);
  if (comma) out->append(", ");
}

void Number(std::string* out, const char* key, std::uint64_t v, bool comma = true) {
  out->push_back('"');
  out->append(key);
  out->append("\": ");
  out->append(std::to_string(v));
  if (comma) out->append(", ");
}

// The git provenance of a location, when it has one.
void GitFields(const Location& l, std::string* out) {
  if (!l.git) return;
  Field(out, "commit", l.git->commit);
  Field(out, "author", l.git->author);
  Field(out, "date", l.git->date);
  Field(out, "summary", l.git->summary);
  Field(out, "blob", l.git->blob);
  out->append("\"at_head\": ");
  out->append(l.git->at_head ? "true, " : "false, ");
  out->append("\"in_worktree\": ");
  out->append(l.git->in_worktree ? "true, " : "false, ");
  out->append("\"in_context\": ");
  out->append(l.git->in_context ? "true, " : "false, ");
  static const BranchPresence kNowhere;
  const BranchPresence& b = l.git->branches ? *l.git->branches : kNowhere;
  out->append("\"present_on\": [");
  for (std::size_t i = 0; i < b.present_on.size(); ++i) {
    if (i > 0) out->append(", ");
    AppendJsonString(b.present_on[i], out);
  }
  out->append("], \"removed_in\": [");
  for (std::size_t i = 0; i < b.removed_in.size(); ++i) {
    out->append(i > 0 ? ", {" : "{");
    Field(out, "ref", b.removed_in[i].ref);
    Field(out, "commit", b.removed_in[i].commit, false);
    out->append("}");
  }
  out->append("], ");
}

// The fields every finding object carries, for one of its locations.
void FindingFields(const Finding& f, const Location& l, const ReportInfo& info, std::string* out) {
  Field(out, "rule_id", f.rule->id);
  Field(out, "rule_name", f.rule->name);
  Field(out, "kind", FindingKindName(f.kind));
  Field(out, "severity", SeverityName(f.severity));
  Field(out, "confidence", ConfidenceName(f.rule->confidence));
  Field(out, "path", l.path);
  Field(out, "root_path", RootPath(l, info.root));
  Number(out, "line", l.line);
  Number(out, "column", l.column);
  if (!l.in_image.empty()) Field(out, "in_image", l.in_image);
  GitFields(l, out);
  out->append("\"sent\": ");
  out->append(l.sent ? "true, " : "false, ");
  if (!f.secret.empty()) {
    Field(out, "secret", Shown(f, info));
    Field(out, "secret_sha256", f.secret_sha256);
    Field(out, "line_text", ShownLine(f, l, info));
  }
  Field(out, "fingerprint", f.fingerprint);
  if (!f.detail.empty()) Field(out, "detail", f.detail);
  Field(out, "remediation", f.rule->remediation, false);
}

}  // namespace

std::string RenderText(const ScanResult& r, const ReportInfo& info) {
  std::string out;
  const std::string reset = info.color ? "\x1b[0m" : "";
  const std::string bold = info.color ? "\x1b[1m" : "";
  std::string current;
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) {
      if (l.path != current) {
        current = l.path;
        if (!out.empty()) out += '\n';
        out.append(bold).append(EscapeText(l.path)).append(reset).append("\n");
      }
      char pos[48];
      std::snprintf(pos, sizeof pos, "  %llu:%llu", static_cast<unsigned long long>(l.line),
                    static_cast<unsigned long long>(l.column));
      out += pos;
      out += "  ";
      out += info.color ? SeverityColor(f.severity) : "";
      out += SeverityName(f.severity);
      out += reset + "  " + f.rule->id + "  " + f.rule->name;
      if (!l.sent) out += " (not sent: ignored by the build)";
      if (l.in_image == "final") out += " (copied into the image)";
      if (l.in_image == "intermediate") out += " (copied into a build stage)";
      if (l.git && l.git->commit.empty()) {
        out +=
            l.git->summary.empty() ? "  (in no commit)" : "  (" + EscapeText(l.git->summary) + ")";
      } else if (l.git) {
        out += "  commit " + l.git->commit.substr(0, 12) + " " + EscapeText(l.git->date) + " " +
               EscapeText(l.git->author) + ": " + EscapeText(l.git->summary);
        if (l.git->at_head) out += " (still at HEAD)";
      }
      if (!f.secret.empty()) {
        out += "  " + EscapeText(Shown(f, info)) + "\n      " + EscapeText(ShownLine(f, l, info));
      }
      if (!f.detail.empty()) out += "\n      " + EscapeText(f.detail);
      out += "\n";
    }
  }
  for (const SkippedFile& e : r.errors) {
    out += "error: " + EscapeText(e.path) + ": " + EscapeText(e.reason) + "\n";
  }
  out += (r.findings.empty() && r.errors.empty() ? "" : "\n") + SummaryLine(r) + "\n";
  return out;
}

std::string RenderJson(const ScanResult& r, const ReportInfo& info) {
  std::string out = "{\n  \"tool\": {\"name\": \"ctxscan\", \"version\": \"";
  out += kVersion;
  out += "\"},\n  \"target\": {";
  Field(&out, "path", info.target);
  Field(&out, "mode", info.mode);
  Field(&out, "builder", info.builder);
  Field(&out, "ignore_file", info.ignore_file);
  Field(&out, "root", RootKindName(info.root.kind), false);
  out += "},\n  \"findings\": [";
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    out += i == 0 ? "\n    {" : ",\n    {";
    FindingFields(f, f.locations[0], info, &out);
    out += ", \"locations\": [";
    for (std::size_t k = 0; k < f.locations.size(); ++k) {
      const Location& l = f.locations[k];
      out += k == 0 ? "{" : ", {";
      Field(&out, "path", l.path);
      Field(&out, "root_path", RootPath(l, info.root));
      Number(&out, "line", l.line);
      Number(&out, "column", l.column);
      if (!l.in_image.empty()) Field(&out, "in_image", l.in_image);
      GitFields(l, &out);
      out += l.sent ? "\"sent\": true}" : "\"sent\": false}";
    }
    out += "]}";
  }
  out += r.findings.empty() ? "],\n" : "\n  ],\n";
  auto list = [&](const char* key, const std::vector<SkippedFile>& items) {
    out += "  \"";
    out += key;
    out += "\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += i == 0 ? "{" : ", {";
      Field(&out, "path", items[i].path);
      Field(&out, "reason", items[i].reason, false);
      out += "}";
    }
    out += "],\n";
  };
  list("skipped", r.skipped);
  list("errors", r.errors);
  out += "  \"summary\": {";
  Number(&out, "findings", r.findings.size());
  Number(&out, "files_scanned", r.summary.files_scanned);
  Number(&out, "bytes_scanned", r.summary.bytes_scanned);
  Number(&out, "entries_checked", r.summary.entries_checked);
  Number(&out, "skipped_binary", r.summary.skipped_binary);
  Number(&out, "skipped_too_large", r.summary.skipped_too_large);
  Number(&out, "unreadable", r.errors.size());
  Number(&out, "suppressed_inline", r.summary.suppressed_inline);
  Number(&out, "suppressed_config", r.summary.suppressed_config);
  Number(&out, "suppressed_baseline", r.summary.suppressed_baseline, false);
  out += "}\n}\n";
  return out;
}

std::string RenderJsonl(const ScanResult& r, const ReportInfo& info) {
  std::string out;
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) {
      out += "{";
      FindingFields(f, l, info, &out);
      out += "}\n";
    }
  }
  return out;
}

}  // namespace ctxscan
