// SARIF 2.1.0 for GitHub code scanning (and any SARIF consumer). Rules that
// have results are described in the driver with a `security-severity`;
// results carry percent-encoded URIs relative to the report root
// (%SRCROOT%: the repository's root; report_root.h), a redacted snippet
// (every secret on the line redacted), and `partialFingerprints` holding
// ctxscan's keyed fingerprint. No raw secret is ever written, even with
// --show-secrets. Validated in the tests
// with Microsoft's SARIF Multitool, GitHub rules included.
#include <map>

#include "ctxscan/report/findings_report.h"
#include "ctxscan/version.h"
#include "findings/redaction.h"
#include "util/escape.h"
#include "util/json_writer.h"

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

using Layout = JsonWriter::Layout;

// {"text": SENTENCE} under `key`.
void Message(std::string_view key, std::string text, JsonWriter* w) {
  w->Key(key);
  w->BeginObject();
  w->Field("text", Sentence(std::move(text)));
  w->End();
}

// The report root as SARIF wants a base URI: absolute, ending in '/'.
std::string RootUri(const std::string& dir) {
  std::string uri = "file://" + UriPath(dir);
  if (uri.back() != '/') uri.push_back('/');
  return uri;
}

// The run's invocation: whether it read everything, and its notes and
// errors as tool execution notifications.
void Invocation(const ScanResult& r, JsonWriter* w) {
  w->Key("invocations");
  w->BeginArray();
  w->BeginObject();
  w->Field("executionSuccessful", r.errors.empty());
  w->Key("toolExecutionNotifications");
  w->BeginArray(Layout::kBlock);
  auto notify = [&](const char* level, const std::string& text) {
    w->BeginObject();
    w->Field("level", level);
    Message("message", text, w);
    w->End();
  };
  for (const std::string& n : r.notes) notify("note", n);
  for (const SkippedFile& e : r.errors) notify("error", e.path + ": " + e.reason);
  w->End();
  w->End();
  w->End();
}

// The driver's description of one rule.
void RuleObject(const Rule& rule, JsonWriter* w) {
  w->BeginObject();
  w->Field("id", rule.id);
  w->Field("name", rule.name);
  Message("shortDescription", rule.name, w);
  Message("fullDescription", rule.description, w);
  Message("help", rule.remediation, w);
  w->Key("defaultConfiguration");
  w->BeginObject();
  w->Field("level", Level(rule.severity));
  w->End();
  w->Key("properties");
  w->BeginObject();
  w->Field("security-severity", SecuritySeverity(rule.severity));
  w->Field("precision", rule.confidence == Confidence::kHigh     ? "high"
                        : rule.confidence == Confidence::kMedium ? "medium"
                                                                 : "low");
  w->Key("tags");
  w->BeginArray();
  w->String("security");
  w->String("secret");
  w->String(rule.category);
  w->End();
  w->End();
  w->End();
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

// The tool, its driver and the rules that have results (in id order);
// sets each rule's index.
void Tool(const ScanResult& r, std::map<std::string, std::size_t>* index, JsonWriter* w) {
  std::map<std::string, const Rule*> rules;
  for (const Finding& f : r.findings) rules.emplace(f.rule->id, f.rule);
  w->Key("tool");
  w->BeginObject();
  w->Key("driver");
  w->BeginObject();
  w->Field("name", "ctxscan");
  w->Field("version", kVersion);
  w->Field("semanticVersion", kVersion);
  w->Field("informationUri", "https://github.com/ctxscan/ctxscan");
  w->Key("rules");
  w->BeginArray(Layout::kBlock);
  for (const auto& [id, rule] : rules) {
    const std::size_t n = index->size();
    (*index)[id] = n;
    RuleObject(*rule, w);
  }
  w->End();
  w->End();
  w->End();
}

// For a location in a container image: the image, layer and path as a
// logical location, and the layer's facts as properties (docs/image.md).
void ImageLocation(const Location& l, JsonWriter* w) {
  if (!l.image) return;
  const ImageProvenance& i = *l.image;
  std::string name = i.digest;
  name += i.layer ? "/layer/" + std::to_string(*i.layer) : std::string("/config");
  name += "/" + l.path;
  w->Key("logicalLocations");
  w->BeginArray();
  w->BeginObject();
  w->Field("fullyQualifiedName", name);
  w->Field("kind", "module");
  w->End();
  w->End();
  w->Key("properties");
  w->BeginObject();
  w->Field("image", i.reference);
  w->Field("imageDigest", i.digest);
  if (i.layer) {
    w->Field("layer", std::uint64_t{*i.layer});
    w->Field("layerDigest", i.layer_digest);
    w->Field("createdBy", i.created_by);
  }
  w->Field("visible", i.visible);
  if (i.removed_in) {
    w->Field("removedIn", std::uint64_t{*i.removed_in});
    w->Field("removedBy", i.removed_by);
  }
  w->End();
}

// One result: a finding at one of its locations.
void ResultObject(const Finding& f, const Location& l, std::size_t rule_index,
                  const std::string& redacted, const Redactor& redactor, const ReportInfo& info,
                  JsonWriter* w) {
  w->BeginObject();
  w->Field("ruleId", f.rule->id);
  w->Field("ruleIndex", std::uint64_t{rule_index});
  w->Field("level", Level(f.severity));
  std::string message = f.rule->name + (f.secret.empty() ? " (sensitive file)" : ": " + redacted);
  if (!l.sent) message += " (present but not sent to the builder)";
  if (l.image && l.image->removed_in) {
    message += " (in layer " + std::to_string(*l.image->layer) + ", removed by layer " +
               std::to_string(*l.image->removed_in) +
               ": not in the final filesystem, still shipped)";
  }
  if (!f.detail.empty()) message += ". " + redactor.Text(f.detail);
  Message("message", std::move(message), w);
  w->Key("locations");
  w->BeginArray();
  w->BeginObject();
  w->Key("physicalLocation");
  w->BeginObject();
  w->Key("artifactLocation");
  w->BeginObject();
  w->Field("uri", UriPath(RootPath(l, info.root)));
  w->Field("uriBaseId", "%SRCROOT%");
  w->End();
  w->Key("region");
  w->BeginObject();
  w->Field("startLine", std::uint64_t{l.line == 0 ? 1 : l.line});
  if (l.char_column > 0) w->Field("startColumn", std::uint64_t{l.char_column});
  if (!f.secret.empty()) {  // the line as it is, not a sentence
    w->Key("snippet");
    w->BeginObject();
    w->Field("text", redactor.Line(f, l));
    w->End();
  }
  w->End();
  w->End();
  ImageLocation(l, w);
  w->End();
  w->End();
  w->Key("partialFingerprints");
  w->BeginObject();
  w->Field("ctxscanFingerprint/v2", f.fingerprint);
  w->End();
  w->Key("rank");
  w->NumberText(Rank(f.confidence));
  w->Key("properties");
  w->BeginObject();
  w->Field("confidence", ConfidenceName(f.confidence));
  w->End();
  w->End();
}

}  // namespace

std::string RenderSarif(const ScanResult& r, const ReportInfo& info) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject(Layout::kBlock);
  w.Field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.Field("version", "2.1.0");
  w.Key("runs");
  w.BeginArray();
  w.BeginObject(Layout::kBlock);
  std::map<std::string, std::size_t> index;
  Tool(r, &index, &w);
  if (!info.root.dir.empty()) {
    w.Key("originalUriBaseIds");
    w.BeginObject();
    w.Key("%SRCROOT%");
    w.BeginObject();
    w.Field("uri", RootUri(info.root.dir));
    w.End();
    w.End();
  }
  w.Field("columnKind", "unicodeCodePoints");
  w.Key("results");
  w.BeginArray(Layout::kBlock);
  const Redactor redactor(r.findings);
  for (const Finding& f : r.findings) {
    const std::string redacted = RedactedSecret(f);
    for (const Location& l : f.locations) {
      ResultObject(f, l, index[f.rule->id], redacted, redactor, info, &w);
    }
  }
  w.End();
  Invocation(r, &w);
  w.End();
  w.End();
  w.End();
  out += "\n";
  return out;
}

}  // namespace ctxscan
