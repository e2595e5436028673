// SARIF 2.1.0 for GitHub code scanning (and any SARIF consumer). Rules that
// have results are described in the driver with a `security-severity`;
// results carry percent-encoded URIs relative to the report root
// (%SRCROOT%: the repository's root; report_root.h), a redacted snippet
// (every secret on the line redacted), and `partialFingerprints` holding
// ctxscan's keyed fingerprint. No raw secret is ever written, even with
// --show-secrets. Validated in the tests
// with Microsoft's SARIF Multitool, GitHub rules included.
#include <map>

#include "ctxscan/findings/redaction.h"
#include "ctxscan/report/findings_report.h"
#include "ctxscan/util/escape.h"
#include "ctxscan/version.h"

namespace ctxscan {
namespace {

const char* Level(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    default:
      return "note";
  }
}

const char* SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.5";
    case Severity::kLow:
      return "3.0";
    case Severity::kInfo:
      return "1.0";
  }
  return "5.5";
}

// Percent-encodes a relative path for a URI (RFC 3986 path characters stay).
std::string UriPath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// A sentence for SARIF messages: ends with a period.
std::string Sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  if (!s.empty() && s.back() != '.') s.push_back('.');
  return s;
}

void Str(std::string* out, const char* key, std::string_view v, bool comma = true) {
  out->push_back('"');
  out->append(key);
  out->append("\": ");
  AppendJsonString(v, out);
  if (comma) out->append(", ");
}

// The report root as SARIF wants a base URI: absolute, ending in '/'.
std::string RootUri(const std::string& dir) {
  std::string uri = "file://" + UriPath(dir);
  if (uri.back() != '/') uri.push_back('/');
  return uri;
}

// The run's invocation: whether it read everything, and its notes and
// errors as tool execution notifications.
void AppendInvocation(const ScanResult& r, std::string* out) {
  *out += "    \"invocations\": [{\"executionSuccessful\": ";
  *out += r.errors.empty() ? "true" : "false";
  *out += ", \"toolExecutionNotifications\": [";
  bool first = true;
  auto notify = [&](const char* level, const std::string& text) {
    *out += first ? "\n      {" : ",\n      {";
    first = false;
    Str(out, "level", level);
    *out += "\"message\": {";
    Str(out, "text", Sentence(text), false);
    *out += "}}";
  };
  for (const std::string& n : r.notes) notify("note", n);
  for (const SkippedFile& e : r.errors) notify("error", e.path + ": " + e.reason);
  *out += first ? "]}]\n" : "\n    ]}]\n";
}

// SARIF's rank (0-100, how much a result is worth looking at) from the
// finding's confidence.
std::string_view Rank(Confidence c) {
  switch (c) {
    case Confidence::kHigh:
      return "90.0";
    case Confidence::kMedium:
      return "60.0";
    case Confidence::kLow:
      return "30.0";
  }
  return "60.0";
}

}  // namespace

std::string RenderSarif(const ScanResult& r, const ReportInfo& info) {
  // The rules that have results, in id order, with their index.
  std::map<std::string, const Finding*> rules;
  for (const Finding& f : r.findings) rules.emplace(f.rule->id, &f);
  std::map<std::string, std::size_t> index;
  std::string out =
      "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
      "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {";
  Str(&out, "name", "ctxscan");
  Str(&out, "version", kVersion);
  Str(&out, "semanticVersion", kVersion);
  Str(&out, "informationUri", "https://github.com/ctxscan/ctxscan");
  out += "\"rules\": [";
  std::size_t n = 0;
  for (const auto& [id, f] : rules) {
    index[id] = n;
    const Rule& rule = *f->rule;
    out += n++ == 0 ? "\n      {" : ",\n      {";
    Str(&out, "id", rule.id);
    Str(&out, "name", rule.name);
    out += "\"shortDescription\": {";
    Str(&out, "text", Sentence(rule.name), false);
    out += "}, \"fullDescription\": {";
    Str(&out, "text", Sentence(rule.description), false);
    out += "}, \"help\": {";
    Str(&out, "text", Sentence(rule.remediation), false);
    out += "}, \"defaultConfiguration\": {";
    Str(&out, "level", Level(rule.severity), false);
    out += "}, \"properties\": {";
    Str(&out, "security-severity", SecuritySeverity(rule.severity));
    Str(&out, "precision",
        rule.confidence == Confidence::kHigh     ? "high"
        : rule.confidence == Confidence::kMedium ? "medium"
                                                 : "low");
    out += "\"tags\": [\"security\", \"secret\", ";
    AppendJsonString(rule.category, &out);
    out += "]}}";
  }
  out += n == 0 ? "]" : "\n    ]";
  out += "}},\n";
  if (!info.root.dir.empty()) {
    out += "    \"originalUriBaseIds\": {\"%SRCROOT%\": {";
    Str(&out, "uri", RootUri(info.root.dir), false);
    out += "}},\n";
  }
  out += "    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [";
  bool first = true;
  const Redactor redactor(r.findings);
  for (const Finding& f : r.findings) {
    const std::string redacted = RedactedSecret(f);
    for (const Location& l : f.locations) {
      out += first ? "\n      {" : ",\n      {";
      first = false;
      Str(&out, "ruleId", f.rule->id);
      out += "\"ruleIndex\": " + std::to_string(index[f.rule->id]) + ", ";
      Str(&out, "level", Level(f.severity));
      std::string message =
          f.rule->name + (f.secret.empty() ? " (sensitive file)" : ": " + redacted);
      if (!l.sent) message += " (present but not sent to the builder)";
      if (!f.detail.empty()) message += ". " + redactor.Text(f.detail);
      out += "\"message\": {";
      Str(&out, "text", Sentence(message), false);
      out += "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {";
      Str(&out, "uri", UriPath(RootPath(l, info.root)));
      Str(&out, "uriBaseId", "%SRCROOT%", false);
      out += "}, \"region\": {\"startLine\": " + std::to_string(l.line == 0 ? 1 : l.line);
      if (l.char_column > 0) out += ", \"startColumn\": " + std::to_string(l.char_column);
      if (!f.secret.empty()) {
        out += ", \"snippet\": {";
        Str(&out, "text", redactor.Line(f, l), false);
        out += "}";
      }
      out += "}}}], \"partialFingerprints\": {";
      Str(&out, "ctxscanFingerprint/v2", f.fingerprint, false);
      out += "}, \"rank\": " + std::string(Rank(f.confidence)) + ", \"properties\": {";
      Str(&out, "confidence", ConfidenceName(f.confidence), false);
      out += "}}";
    }
  }
  out += first ? "],\n" : "\n    ],\n";
  AppendInvocation(r, &out);
  out += "  }]\n}\n";
  return out;
}

}  // namespace ctxscan
