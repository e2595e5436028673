// JSON and JSONL reports; see include/ctxscan/report/findings_report.h.
#include "ctxscan/report/findings_report.h"

#include <cstdio>
#include <memory>

#include "ctxscan/util/escape.h"
#include "ctxscan/version.h"
#include "report/shown.h"

namespace ctxscan {
namespace {

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
void FindingFields(const Finding& f, const Location& l, const Shower& shown, std::string* out) {
  Field(out, "rule_id", f.rule->id);
  Field(out, "rule_name", f.rule->name);
  Field(out, "kind", FindingKindName(f.kind));
  Field(out, "severity", SeverityName(f.severity));
  Field(out, "confidence", ConfidenceName(f.confidence));
  Field(out, "path", l.path);
  Field(out, "root_path", RootPath(l, shown.info().root));
  Number(out, "line", l.line);
  Number(out, "column", l.column);
  if (!l.in_image.empty()) Field(out, "in_image", l.in_image);
  GitFields(l, out);
  out->append("\"sent\": ");
  out->append(l.sent ? "true, " : "false, ");
  if (!f.secret.empty()) {
    Field(out, "secret", shown.Secret(f));
    Field(out, "secret_hmac", f.secret_hmac);
    Field(out, "line_text", shown.Line(f, l));
  }
  Field(out, "fingerprint", f.fingerprint);
  if (!f.detail.empty()) Field(out, "detail", shown.Detail(f));
  Field(out, "remediation", f.rule->remediation, false);
}

// The finding's first location for its top-level fields, with the git
// flags that say where a secret still is (at_head, in_worktree,
// in_context) true when they are for any of its locations.
Location Summarized(const Finding& f) {
  Location top = f.locations[0];
  if (!top.git) return top;
  auto git = std::make_shared<GitProvenance>(*top.git);
  for (const Location& l : f.locations) {
    if (!l.git) continue;
    git->at_head = git->at_head || l.git->at_head;
    git->in_worktree = git->in_worktree || l.git->in_worktree;
    git->in_context = git->in_context || l.git->in_context;
  }
  top.git = std::move(git);
  return top;
}

}  // namespace

Status WriteJson(const ScanResult& r, const ReportInfo& info,
                 const std::function<Status(std::string_view)>& sink) {
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  const Shower shown(r, info);
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
    FindingFields(f, Summarized(f), shown, &out);
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
    if (out.size() >= kPiece) {
      if (Status s = sink(out); !s.ok()) return s;
      out.clear();
    }
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
  out += "  \"notes\": [";
  for (std::size_t i = 0; i < r.notes.size(); ++i) {
    if (i > 0) out += ", ";
    AppendJsonString(r.notes[i], &out);
  }
  out += "],\n";
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
  return sink(out);
}

std::string RenderJson(const ScanResult& r, const ReportInfo& info) {
  std::string all;
  (void)WriteJson(r, info, [&](std::string_view piece) {
    all += piece;
    return Status::Ok();
  });
  return all;
}

std::string RenderJsonl(const ScanResult& r, const ReportInfo& info) {
  const Shower shown(r, info);
  std::string out;
  for (const Finding& f : r.findings) {
    for (const Location& l : f.locations) {
      out += "{";
      FindingFields(f, l, shown, &out);
      out += "}\n";
    }
  }
  return out;
}

}  // namespace ctxscan
