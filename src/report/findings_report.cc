// JSON and JSONL reports; see include/ctxscan/report/findings_report.h.
#include "ctxscan/report/findings_report.h"

#include <cstdio>
#include <memory>

#include "ctxscan/version.h"
#include "report/shown.h"
#include "util/escape.h"
#include "util/json_writer.h"

namespace ctxscan {
namespace {

using Layout = JsonWriter::Layout;

// The git provenance of a location, when it has one.
void GitFields(const Location& l, JsonWriter* w) {
  if (!l.git) return;
  w->Field("commit", l.git->commit);
  w->Field("author", l.git->author);
  w->Field("date", l.git->date);
  w->Field("summary", l.git->summary);
  w->Field("blob", l.git->blob);
  w->Field("at_head", l.git->at_head);
  w->Field("in_worktree", l.git->in_worktree);
  w->Field("in_context", l.git->in_context);
  static const BranchPresence kNowhere;
  const BranchPresence& b = l.git->branches ? *l.git->branches : kNowhere;
  w->StringArray("present_on", b.present_on);
  w->Key("removed_in");
  w->BeginArray();
  for (const BranchPresence::Removal& r : b.removed_in) {
    w->BeginObject();
    w->Field("ref", r.ref);
    w->Field("commit", r.commit);
    w->End();
  }
  w->End();
}

// Where in a container image a location is, when it is in one. History
// entries are redacted by the image reader (src/pipeline/image_reader.cc).
void ImageFields(const Location& l, JsonWriter* w) {
  if (!l.image) return;
  const ImageProvenance& i = *l.image;
  w->Key("image");
  w->BeginObject();
  w->Field("reference", i.reference);
  w->Field("digest", i.digest);
  if (i.layer) {
    w->Field("layer", std::uint64_t{*i.layer});
    w->Field("layer_digest", i.layer_digest);
    w->Field("created_by", i.created_by);
  }
  w->Field("visible", i.visible);
  if (i.removed_in) {
    w->Field("removed_in", std::uint64_t{*i.removed_in});
    w->Field("removed_by", i.removed_by);
  }
  w->End();
}

// Where a location is: its paths, line and column, image and git facts.
void LocationFields(const Location& l, const ReportRoot& root, JsonWriter* w) {
  w->Field("path", l.path);
  w->Field("root_path", RootPath(l, root));
  w->Field("line", std::uint64_t{l.line});
  w->Field("column", std::uint64_t{l.column});
  if (l.in_image) w->Field("in_image", InImageName(*l.in_image));
  GitFields(l, w);
  ImageFields(l, w);
  w->Field("sent", l.sent);
}

// The fields every finding object carries, for one of its locations.
void FindingFields(const Finding& f, const Location& l, const Shower& shown, JsonWriter* w) {
  w->Field("rule_id", f.rule->id);
  w->Field("rule_name", f.rule->name);
  w->Field("kind", FindingKindName(f.kind));
  w->Field("severity", SeverityName(f.severity));
  w->Field("confidence", ConfidenceName(f.confidence));
  LocationFields(l, shown.info().root, w);
  if (!f.secret.empty()) {
    w->Field("secret", shown.Secret(f));
    w->Field("secret_hmac", f.secret_hmac);
    w->Field("line_text", shown.Line(f, l));
  }
  w->Field("fingerprint", f.fingerprint);
  if (!f.detail.empty()) w->Field("detail", shown.Detail(f));
  w->Field("remediation", f.rule->remediation);
}

void SkippedList(std::string_view key, const std::vector<SkippedFile>& items, JsonWriter* w) {
  w->Key(key);
  w->BeginArray();
  for (const SkippedFile& s : items) {
    w->BeginObject();
    w->Field("path", s.path);
    w->Field("reason", s.reason);
    w->End();
  }
  w->End();
}

void SummaryFields(const ScanResult& r, JsonWriter* w) {
  w->Key("summary");
  w->BeginObject();
  w->Field("findings", std::uint64_t{r.findings.size()});
  w->Field("files_scanned", r.summary.files_scanned);
  w->Field("bytes_scanned", r.summary.bytes_scanned);
  w->Field("entries_checked", r.summary.entries_checked);
  w->Field("skipped_binary", r.summary.skipped_binary);
  w->Field("skipped_too_large", r.summary.skipped_too_large);
  w->Field("unreadable", std::uint64_t{r.errors.size()});
  w->Field("suppressed_inline", r.summary.suppressed_inline);
  w->Field("suppressed_config", r.summary.suppressed_config);
  w->Field("suppressed_baseline", r.summary.suppressed_baseline);
  w->End();
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
  std::string out;
  JsonWriter w(&out);
  w.BeginObject(Layout::kBlock);
  w.Key("tool");
  w.BeginObject();
  w.Field("name", "ctxscan");
  w.Field("version", kVersion);
  w.End();
  if (!info.hash_key_id.empty()) w.Field("hash_key_id", info.hash_key_id);
  w.Key("target");
  w.BeginObject();
  w.Field("path", info.target);
  w.Field("mode", info.mode);
  w.Field("builder", info.builder);
  w.Field("ignore_file", info.ignore_file);
  w.Field("root", RootKindName(info.root.kind));
  w.End();
  w.Key("findings");
  w.BeginArray(Layout::kBlock);
  for (const Finding& f : r.findings) {
    w.BeginObject();
    FindingFields(f, Summarized(f), shown, &w);
    w.Key("locations");
    w.BeginArray();
    for (const Location& l : f.locations) {
      w.BeginObject();
      LocationFields(l, info.root, &w);
      w.End();
    }
    w.End();
    w.End();
    if (out.size() >= kPiece) {
      if (Status s = sink(out); !s.ok()) return s;
      out.clear();
    }
  }
  w.End();
  SkippedList("skipped", r.skipped, &w);
  SkippedList("errors", r.errors, &w);
  w.StringArray("notes", r.notes);
  SummaryFields(r, &w);
  w.End();
  out += "\n";
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
      JsonWriter w(&out);
      w.BeginObject();
      FindingFields(f, l, shown, &w);
      w.End();
      out += "\n";
    }
  }
  return out;
}

}  // namespace ctxscan
