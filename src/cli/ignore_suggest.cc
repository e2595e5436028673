// `ctxscan dockerignore suggest`; see src/cli/ignore_suggest.h.
#include "cli/ignore_suggest.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

#include "ctxscan/dockerfile/image_files.h"
#include "ctxscan/fix/ignore_suggestion.h"
#include "ctxscan/report/escape.h"
#include "ctxscan/status.h"
#include "ctxscan/util/unique_fd.h"
#include "ctxscan/util/write_all.h"

namespace ctxscan::cli {
namespace {

int Error(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", EscapeText(message).c_str());
  return static_cast<int>(ExitCode::kError);
}

// The sent context files with findings, with what keeps them from being
// excluded.
std::vector<IgnoreTarget> Targets(const SuggestRequest& r) {
  std::optional<ImageFiles> files;
  if (r.build != nullptr) files.emplace(*r.build);
  const std::string& dockerfile = r.context->rules.dockerfile;
  std::set<std::string> seen;
  std::vector<IgnoreTarget> out;
  for (const Finding& f : *r.findings) {
    if (IsBuildAnalysis(f.kind)) continue;
    for (const Location& l : f.locations) {
      if (l.git || !l.sent || !seen.insert(l.path).second) continue;
      IgnoreTarget t;
      t.path = l.path;
      t.always_sent = l.path == dockerfile || l.path == ".dockerignore" ||
                      (!dockerfile.empty() && l.path == dockerfile + ".dockerignore");
      if (files && r.dockerfile != nullptr) {
        if (std::optional<std::size_t> i = files->NamedByCopy(l.path)) {
          t.needed_by_line = r.dockerfile->instructions[*i].line;
        }
        if (std::optional<std::size_t> i = files->CopiedWithDirectory(l.path)) {
          t.copied_by_line = r.dockerfile->instructions[*i].line;
        }
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

int LineCount(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n' ? 1 : 0;
  if (!text.empty() && text.back() != '\n') ++n;
  return n;
}

// The change as a unified diff of `path`: `added` appended to `content`.
// When `content` lacks its final newline, its last line changes too.
std::string Diff(const std::string& path, const std::string& content, const std::string& added) {
  const bool completes = !content.empty() && content.back() != '\n';
  const int old_lines = LineCount(content);
  const int new_count = LineCount(content + added) - old_lines + (completes ? 1 : 0);
  std::string out = "--- " + path + "\n+++ " + path + "\n";
  std::string plus = added;
  if (completes) {
    const std::size_t last = content.rfind('\n');
    const std::string tail = content.substr(last == std::string::npos ? 0 : last + 1);
    out += "@@ -" + std::to_string(old_lines) + " +" + std::to_string(old_lines) + "," +
           std::to_string(new_count) + " @@\n-" + tail + "\n\\ No newline at end of file\n";
    plus = tail + added;
  } else {
    out += "@@ -" + std::to_string(old_lines) + ",0 +" + std::to_string(old_lines + 1) + "," +
           std::to_string(new_count) + " @@\n";
  }
  std::istringstream lines(plus);
  for (std::string line; std::getline(lines, line);) out += "+" + line + "\n";
  return out;
}

Status Append(const std::string& path, const std::string& text) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (!fd.valid()) {
    return Status::Error(path + ": " +
                         (errno == ELOOP ? std::string("a symlink; not written through")
                                         : std::string(std::strerror(errno))));
  }
  return WriteAll(fd.get(), text, path);
}

}  // namespace

int RunIgnoreSuggest(const SuggestRequest& r) {
  const ContextRules& rules = r.context->rules;
  const std::string& path = r.context->ignore_path;
  const std::string& content = r.context->ignore_content;
  const RecomputeContext recompute =
      ContextRecomputer(*r.context->fs, rules.builder, path, rules.dockerfile);
  Result<std::set<std::string>> sent = recompute(content);
  if (!sent.ok()) return Error(sent.status().message());
  Result<IgnoreSuggestion> s = SuggestIgnoreLines(Targets(r), *sent, content, recompute);
  if (!s.ok()) return Error(s.status().message());

  const std::string shown = EscapeText(path);
  if (s->lines.empty() && s->kept.empty()) {
    std::printf("No file with findings is sent: %s needs no change.\n", shown.c_str());
    return static_cast<int>(ExitCode::kClean);
  }
  const std::string added = IgnoreAppendix(content, s->lines);
  if (!s->lines.empty()) {
    if (r.write) {
      std::fputs(Diff(shown, content, added).c_str(), stdout);
    } else {
      std::printf("Lines to append to %s:\n\n", shown.c_str());
      for (const std::string& line : s->lines) std::printf("  %s\n", EscapeText(line).c_str());
    }
    std::vector<std::string> exact;
    for (const std::string& p : s->stopped) exact.push_back(EscapeIgnorePattern(p));
    std::printf(
        "\nThey stop %zu file(s) with findings from being sent (verified by recomputing "
        "the context: nothing else leaves it)%s\n",
        s->stopped.size(), exact == s->lines ? "." : ":");
    if (exact != s->lines) {
      for (const std::string& p : s->stopped) std::printf("  %s\n", EscapeText(p).c_str());
    }
  }
  if (!s->check.empty()) {
    std::printf("\nCheck before writing:\n");
    for (const IgnoreSuggestion::Kept& k : s->check) {
      std::printf("  %s: %s\n", EscapeText(k.path).c_str(), k.reason.c_str());
    }
  }
  if (!s->kept.empty()) {
    std::printf("\nStill sent, not fixable with .dockerignore:\n");
    for (const IgnoreSuggestion::Kept& k : s->kept) {
      std::printf("  %s: %s\n", EscapeText(k.path).c_str(), k.reason.c_str());
    }
  }
  if (!s->lines.empty()) {
    if (r.write) {
      if (const Status w = Append(path, added); !w.ok()) return Error(w.message());
      std::printf("\nAppended %zu line(s) to %s.\n", s->lines.size(), shown.c_str());
    } else {
      std::printf("\nRun with --write to append them.\n");
    }
  }
  const bool left = !s->kept.empty() || (!s->lines.empty() && !r.write);
  return static_cast<int>(left ? ExitCode::kFindings : ExitCode::kClean);
}

}  // namespace ctxscan::cli
