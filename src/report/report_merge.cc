// Merging JSON reports; see report_merge.h.
#include "report/report_merge.h"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "ctxscan/match/rule.h"

namespace ctxscan {
namespace {

using Json = nlohmann::json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::uint64_t Num(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

bool Bool(const Json& j, const char* key, bool otherwise) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : otherwise;
}

std::optional<std::size_t> Index(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<std::size_t>();
}

// A location's commit, when the report is of a history.
std::shared_ptr<const GitProvenance> GitOf(const Json& l) {
  if (!l.contains("commit")) return nullptr;
  auto g = std::make_shared<GitProvenance>();
  g->commit = Str(l, "commit");
  g->author = Str(l, "author");
  g->date = Str(l, "date");
  g->summary = Str(l, "summary");
  g->blob = Str(l, "blob");
  g->at_head = Bool(l, "at_head", false);
  g->in_worktree = Bool(l, "in_worktree", false);
  g->in_context = Bool(l, "in_context", false);
  return g;
}

// A location's image facts, when the report is of an image.
std::shared_ptr<const ImageProvenance> ImageOf(const Json& l) {
  auto it = l.find("image");
  if (it == l.end() || !it->is_object()) return nullptr;
  auto p = std::make_shared<ImageProvenance>();
  p->reference = Str(*it, "reference");
  p->digest = Str(*it, "digest");
  p->layer = Index(*it, "layer");
  p->layer_digest = Str(*it, "layer_digest");
  p->created_by = Str(*it, "created_by");
  p->visible = Bool(*it, "visible", true);
  p->removed_in = Index(*it, "removed_in");
  p->removed_by = Str(*it, "removed_by");
  return p;
}

Location LocationOf(const Json& l, const std::string& name, std::uint64_t origin) {
  Location out;
  out.origin = origin;
  out.path = name + "/" + Str(l, "path");
  out.line = Num(l, "line");
  out.column = Num(l, "column");
  out.char_column = out.column;
  out.line_text = Str(l, "line_text");
  out.sent = Bool(l, "sent", true);
  out.git = GitOf(l);
  out.image = ImageOf(l);
  return out;
}

// The rule `f` names: known, or made from the report's fields.
const Rule* RuleOf(const Json& f, const std::function<const Rule*(std::string_view)>& lookup,
                   MergedReports* out) {
  const std::string id = Str(f, "rule_id");
  if (const Rule* known = lookup(id)) return known;
  for (const Rule& r : out->foreign_rules) {
    if (r.id == id) return &r;
  }
  Rule r;
  r.id = id;
  r.name = Str(f, "rule_name");
  r.remediation = Str(f, "remediation");
  r.severity = ParseSeverity(Str(f, "severity")).value_or(Severity::kHigh);
  r.origin = "a merged report";
  out->foreign_rules.push_back(std::move(r));
  return &out->foreign_rules.back();
}

std::optional<FindingKind> KindOf(const std::string& name) {
  for (FindingKind k : {FindingKind::kSecret, FindingKind::kFile, FindingKind::kDockerfile,
                        FindingKind::kCompose}) {
    if (FindingKindName(k) == name) return k;
  }
  return std::nullopt;
}

// One report's findings, appended to `findings`.
Status ReadFindings(const Json& doc, const ReportToMerge& report, std::uint64_t origin,
                    const std::function<const Rule*(std::string_view)>& lookup, MergedReports* out,
                    std::vector<Finding>* findings) {
  for (const Json& j : doc["findings"]) {
    const std::optional<FindingKind> kind = KindOf(Str(j, "kind"));
    const std::optional<Severity> severity = ParseSeverity(Str(j, "severity"));
    if (!j.is_object() || Str(j, "rule_id").empty() || !kind || !severity) {
      return Status::Error(StatusCode::kInvalidArgument,
                           report.file + ": a finding without rule_id, kind or severity");
    }
    Finding f;
    f.rule = RuleOf(j, lookup, out);
    f.kind = *kind;
    f.severity = *severity;
    f.confidence = ParseConfidence(Str(j, "confidence")).value_or(Confidence::kHigh);
    f.secret = Str(j, "secret");
    f.secret_hmac = Str(j, "secret_hmac");
    // Redacted ("ab12cd…[hmac:0123abcd]", "[redacted]") or, from a report
    // written with --show-secrets, the secret itself.
    f.secret_redacted =
        f.secret.find("\xE2\x80\xA6[hmac:") != std::string::npos || f.secret == "[redacted]";
    f.fingerprint = Str(j, "fingerprint");
    f.detail = Str(j, "detail");
    const auto locations = j.find("locations");
    if (locations != j.end() && locations->is_array() && !locations->empty()) {
      for (const Json& l : *locations) f.locations.push_back(LocationOf(l, report.name, origin));
    } else {
      f.locations.push_back(LocationOf(j, report.name, origin));
    }
    findings->push_back(std::move(f));
  }
  return Status::Ok();
}

void AddSummary(const Json& doc, ScanSummary* s) {
  const Json& j = doc.contains("summary") ? doc["summary"] : Json::object();
  s->files_scanned += Num(j, "files_scanned");
  s->bytes_scanned += Num(j, "bytes_scanned");
  s->entries_checked += Num(j, "entries_checked");
  s->skipped_binary += Num(j, "skipped_binary");
  s->skipped_too_large += Num(j, "skipped_too_large");
  s->suppressed_inline += Num(j, "suppressed_inline");
  s->suppressed_config += Num(j, "suppressed_config");
  s->suppressed_baseline += Num(j, "suppressed_baseline");
}

// Skipped files, errors and notes, each named by its report.
void AddLists(const Json& doc, const std::string& name, ScanResult* r) {
  for (const char* key : {"skipped", "errors"}) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_array()) continue;
    for (const Json& s : *it) {
      (key[0] == 's' ? r->skipped : r->errors)
          .push_back({name + "/" + Str(s, "path"), Str(s, "reason")});
    }
  }
  if (auto notes = doc.find("notes"); notes != doc.end() && notes->is_array()) {
    for (const Json& n : *notes) {
      if (n.is_string()) r->notes.push_back(name + ": " + n.get<std::string>());
    }
  }
}

// The report hash keys the reports name (hash_key_id), so far.
struct KeysSeen {
  std::string id;    // the first report's key id
  std::string name;  // that report
  bool same = true;  // every report so far named that key
};

// A report made under another key than the first hashes the same secret to
// another secret_hmac: reuse across the two cannot be seen, and a note says
// so instead of the merge reporting no reuse. (A report that names no key,
// from before reports did, is taken as it is.)
void CompareKeys(const Json& doc, const std::string& name, KeysSeen* keys,
                 std::vector<std::string>* notes) {
  const std::string id = Str(doc, "hash_key_id");
  if (id.empty()) {
    keys->same = false;
    return;
  }
  if (keys->name.empty()) {
    keys->id = id;
    keys->name = name;
    return;
  }
  if (id == keys->id) return;
  keys->same = false;
  notes->push_back(name + " was made with another report hash key than " + keys->name +
                   ": a secret found in both has a different secret_hmac in each and is not "
                   "recognised as reused (give every job the same CTXSCAN_HASH_KEY)");
}

// Findings of the same rule and secret (by secret_hmac) become one, with
// every location; returns how many were seen in more than one report.
// Each location's `origin` is its report's index + 1.
std::size_t Unite(std::vector<Finding>* findings) {
  std::map<std::pair<std::string, std::string>, std::size_t> first;
  std::vector<Finding> out;
  std::vector<std::set<std::uint64_t>> reports;
  for (Finding& f : *findings) {
    const std::uint64_t report = f.locations.front().origin;
    if (f.secret_hmac.empty()) {
      out.push_back(std::move(f));
      reports.push_back({report});
      continue;
    }
    auto [it, fresh] = first.emplace(std::make_pair(f.rule->id, f.secret_hmac), out.size());
    if (fresh) {
      out.push_back(std::move(f));
      reports.push_back({report});
      continue;
    }
    Finding& into = out[it->second];
    for (Location& l : f.locations) into.locations.push_back(std::move(l));
    into.severity = std::max(into.severity, f.severity);
    reports[it->second].insert(report);
  }
  std::size_t reused = 0;
  for (const auto& r : reports) {
    if (r.size() > 1) ++reused;
  }
  *findings = std::move(out);
  return reused;
}

}  // namespace

Status MergeReports(const std::vector<ReportToMerge>& reports,
                    const std::function<const Rule*(std::string_view)>& lookup,
                    MergedReports* out) {
  std::vector<Finding> findings;
  KeysSeen keys;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const ReportToMerge& report = reports[i];
    const Json doc = Json::parse(report.text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("findings") ||
        !doc["findings"].is_array()) {
      return Status::Error(StatusCode::kInvalidArgument,
                           report.file + ": not a ctxscan JSON report (--format json)");
    }
    if (Status s = ReadFindings(doc, report, i + 1, lookup, out, &findings); !s.ok()) return s;
    AddSummary(doc, &out->result.summary);
    AddLists(doc, report.name, &out->result);
    CompareKeys(doc, report.name, &keys, &out->result.notes);
  }
  out->hash_key_id = keys.same ? keys.id : "";
  out->reused = Unite(&findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.locations.front().path, a.locations.front().line, a.rule->id) <
           std::tie(b.locations.front().path, b.locations.front().line, b.rule->id);
  });
  out->result.findings = std::move(findings);
  return Status::Ok();
}

}  // namespace ctxscan
