// The build context's analyses; see src/pipeline/build_findings.h.
#include "pipeline/build_findings.h"

#include <set>
#include <string>
#include <utility>

#include "compose/compose_analysis.h"
#include "dockerfile/analysis.h"

namespace ctxscan {
namespace {

// Why the build's Dockerfile could not be read, for the note: `read` is
// the read's failure.
std::string WhyNoDockerfile(const ContextSource& src, const Status& read) {
  if (src.dockerfile_outside) return src.dockerfile_shown + " lies outside the context";
  if (!src.fs->Exists(src.rules.dockerfile)) {
    return "there is no Dockerfile (" + src.dockerfile_shown + ")";
  }
  return std::string(read.message());
}

}  // namespace

Status AddDockerfileFindings(const ScanRequest& request, const ContextSource& src,
                             ScanReport* report) {
  ScanResult* result = &report->result;
  std::vector<Finding> more;
  const std::string& path = src.rules.dockerfile;
  Result<std::string> text =
      path.empty() ? Result<std::string>(Status::Error("")) : src.fs->ReadFile(path, 16u << 20);
  if (text.ok()) {  // else not in the context: it was not scanned either
    Result<Dockerfile> df = ParseDockerfile(*text, src.dockerfile_shown);
    Result<Build> build = df.ok() ? ResolveBuild(*df, request.build_args, request.target,
                                                 [&src](std::string_view p) {
                                                   Result<EntryType> t = src.fs->TypeOf(p);
                                                   return t.ok() && *t == EntryType::kDirectory;
                                                 })
                                  : Result<Build>(df.status());
    if (build.ok()) {
      MarkImagePresence(*build, &result->findings);
      for (Finding& f : AnalyzeDockerfile(*df, *build, path, &result->findings)) {
        more.push_back(std::move(f));
      }
      if (request.hints) {
        for (Finding& f : HintDockerfile(*df, *build, path)) more.push_back(std::move(f));
      }
      report->dockerfile = std::move(df).value();
      report->build = std::move(build).value();
    } else if (!request.target.empty()) {
      return build.status();
    } else {
      result->notes.push_back("Dockerfile analysis skipped: " + build.status().message());
    }
  } else if (!request.target.empty()) {
    return Status::Error("--target: no Dockerfile in the context to read stages from");
  } else {
    result->notes.push_back("Dockerfile analysis skipped: " + WhyNoDockerfile(src, text.status()));
  }
  for (Finding& f : more) result->findings.push_back(std::move(f));
  SortFindings(&result->findings);
  return Status::Ok();
}

void AddComposeFindings(const std::vector<ScanItem>& items, ScanResult* result) {
  std::set<std::string> sent;  // made only when there is a compose file
  std::vector<Finding> more;
  for (const ScanItem& i : items) {
    if (!i.sent || i.type != EntryType::kFile || i.fs == nullptr || !IsComposeFile(i.path)) {
      continue;
    }
    if (sent.empty()) {
      for (const ScanItem& s : items) {
        if (s.sent && s.type == EntryType::kFile) sent.insert(s.path);
      }
    }
    Result<std::string> text = i.fs->ReadFile(i.fs_path.empty() ? i.path : i.fs_path, 16u << 20);
    if (!text.ok()) continue;  // the scan has already reported it
    Result<std::vector<Finding>> found = AnalyzeCompose(i.path, *text, sent, result->findings);
    if (!found.ok()) {
      result->notes.push_back("compose analysis skipped: " + found.status().message());
      continue;
    }
    for (Finding& f : *found) more.push_back(std::move(f));
  }
  for (Finding& f : more) result->findings.push_back(std::move(f));
  SortFindings(&result->findings);
}

}  // namespace ctxscan
