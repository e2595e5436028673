// `ctxscan dockerignore suggest`; see src/cli/ignore_suggest.h.
#include "cli/ignore_suggest.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

#include "cli/diagnostics.h"
#include "context/explain.h"
#include "ctxscan/status.h"
#include "dockerfile/analysis.h"
#include "dockerfile/image_files.h"
#include "dockerfile/run_reads.h"
#include "fix/ignore_suggestion.h"
#include "util/escape.h"
#include "util/unique_fd.h"
#include "util/write_all.h"

namespace ctxscan::cli {
namespace {

ExitCode Error(const std::string& message) {
  PrintError(message);
  return ExitCode::kError;
}

// The ignore file's `!` line that re-includes `path` by matching it (not a
// directory above it), as "FILE:LINE (!PATTERN)"; "" when none.
std::string Reincluded(const ContextSource& src, const ContextListing& listing,
                       const std::string& path) {
  Result<Explanation> e = Explain(*src.fs, src.rules, listing, path);
  if (!e.ok() || e->reason != Explanation::Reason::kReincluded || e->pattern == nullptr ||
      e->matched != e->path || e->pattern->line() == 0) {
    return "";
  }
  return src.rules.matcher.Where(*e->pattern) + " (!" + e->pattern->text() + ")";
}

// What the build does with target `t` (see IgnoreTarget), from the
// Dockerfile: the COPY that names it, the COPYs that carry it, the RUNs
// that read it (or its sensitive directory), and whether a COPY names a
// file inside that directory.
void AddBuildUses(const Dockerfile& df, const Build& build, const ImageFiles& files,
                  const std::set<std::string>& sent, IgnoreTarget* t) {
  if (std::optional<std::size_t> i = files.NamedByCopy(t->path)) {
    t->needed_by = CiteInstruction(df, *i);
  }
  if (std::optional<std::size_t> i = files.CopiedWithDirectory(t->path)) {
    t->copied_by.push_back(CiteInstruction(df, *i) + " copies it with its directory");
  } else if (const std::vector<std::size_t> broad = files.BroadCopies(t->path); !broad.empty()) {
    t->copied_by.push_back(CiteInstruction(df, broad.front()) +
                           " copies it with the whole context");
  }
  const std::string dir = SensitiveDirectory(t->path);
  const std::string& unit = dir.empty() ? t->path : dir;
  for (const std::size_t i : RunsThatRead(df, build, files, t->path, unit)) {
    t->read_by.push_back(CiteInstruction(df, i) + " reads " + unit);
  }
  if (dir.empty()) return;
  const std::string prefix = dir + "/";
  for (auto it = sent.lower_bound(prefix); it != sent.end() && it->rfind(prefix, 0) == 0; ++it) {
    if (files.NamedByCopy(*it)) {
      t->keep_directory = true;
      return;
    }
  }
}

// The sent context files with findings (SentFilesWithFindings: the same
// files a scan fails on), with what keeps them from being excluded.
Result<std::vector<IgnoreTarget>> Targets(const SuggestRequest& r,
                                          const std::set<std::string>& sent) {
  const ContextSource& src = *r.context;
  std::optional<ImageFiles> files;
  if (r.build != nullptr && r.dockerfile != nullptr) files.emplace(*r.build);
  // Exceptions are rare: walk for `why` only when the ignore file has one.
  std::optional<ContextListing> listing;
  if (src.ignore_content.find('!') != std::string::npos) {
    WalkOptions options;
    options.check_readable = false;
    Result<ContextListing> walked = WalkContext(*src.fs, src.rules, options);
    if (!walked.ok()) return walked.status();
    listing = std::move(walked).value();
  }
  const std::string& dockerfile = src.rules.dockerfile;
  std::vector<IgnoreTarget> out;
  for (const std::string& path : SentFilesWithFindings(*r.findings)) {
    IgnoreTarget t;
    t.path = path;
    t.always_sent = path == dockerfile || path == ".dockerignore" ||
                    (!dockerfile.empty() && path == dockerfile + ".dockerignore");
    if (files) AddBuildUses(*r.dockerfile, *r.build, *files, sent, &t);
    if (listing) t.reincluded_by = Reincluded(src, *listing, path);
    out.push_back(std::move(t));
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

// Prints `notes` under `heading` (nothing when there are none); names and
// reasons escaped. With `to_stderr`, each also as a warning on stderr.
void PrintNotes(const char* heading, const std::vector<IgnoreSuggestion::Kept>& notes,
                bool to_stderr) {
  if (notes.empty()) return;
  std::printf("%s\n", heading);
  for (const IgnoreSuggestion::Kept& k : notes) {
    const std::string line = EscapeText(k.path) + ": " + EscapeText(k.reason);
    std::printf("  %s\n", line.c_str());
    if (to_stderr) PrintWarning(k.path + ": " + k.reason);
  }
  std::printf("\n");
}

// Prints the lines (or, with `write`, the diff) and what they stop.
void PrintLines(const IgnoreSuggestion& s, const std::string& shown, const std::string& content,
                const std::string& added, bool write) {
  if (write) {
    std::fputs(Diff(shown, content, added).c_str(), stdout);
  } else {
    std::printf("Lines to append to %s:\n\n", shown.c_str());
    for (const std::string& line : s.lines) std::printf("  %s\n", EscapeText(line).c_str());
  }
  std::vector<std::string> exact;
  for (const std::string& p : s.stopped) exact.push_back(EscapeIgnorePattern(p));
  std::printf(
      "\nThey stop %zu file(s) with findings from being sent (verified by recomputing "
      "the context: nothing else leaves it%s)%s\n",
      s.stopped.size(), s.directories.empty() ? "" : " but what the directories below hold",
      exact == s.lines ? "." : ":");
  if (exact != s.lines) {
    for (const std::string& p : s.stopped) std::printf("  %s\n", EscapeText(p).c_str());
  }
  if (!s.directories.empty()) {
    std::printf("Excluded whole, since what they hold leaks too (history, keys, caches):\n");
    for (const IgnoreSuggestion::Directory& d : s.directories) {
      std::printf("  %s/ (and %zu other file(s) in it)\n", EscapeText(d.path).c_str(),
                  d.other_files);
    }
  }
  std::printf("\n");
}

}  // namespace

ExitCode RunIgnoreSuggest(const SuggestRequest& r) {
  const ContextRules& rules = r.context->rules;
  const std::string& path = r.context->ignore_path;
  const std::string& content = r.context->ignore_content;
  const RecomputeContext recompute =
      ContextRecomputer(*r.context->fs, rules.builder, path, rules.dockerfile);
  Result<std::set<std::string>> sent = recompute(content);
  if (!sent.ok()) return Error(sent.status().message());
  Result<std::vector<IgnoreTarget>> targets = Targets(r, *sent);
  if (!targets.ok()) return Error(targets.status().message());
  Result<IgnoreSuggestion> s = SuggestIgnoreLines(*targets, *sent, content, recompute);
  if (!s.ok()) return Error(s.status().message());

  const std::string shown = EscapeText(path);
  if (s->lines.empty() && s->kept.empty() && s->decide.empty()) {
    std::printf("No file with findings is sent: %s needs no change.\n", shown.c_str());
    return ExitCode::kClean;
  }
  PrintNotes(
      "WARNING: a RUN of the build reads these; excluding them will likely break that step\n"
      "(give the step what it needs another way first, e.g. a build argument or secret):",
      s->warn, true);
  const std::string added = IgnoreAppendix(content, s->lines);
  if (!s->lines.empty()) PrintLines(*s, shown, content, added, r.write);
  PrintNotes("Check before writing: the image may need these at run time:", s->check, false);
  PrintNotes(
      "Needs your decision: the ignore file re-includes these on purpose, so no line is "
      "suggested\n(they are still sent):",
      s->decide, false);
  PrintNotes("Still sent, not fixable with .dockerignore:", s->kept, false);
  if (!s->lines.empty()) {
    if (r.write) {
      if (const Status w = Append(path, added); !w.ok()) return Error(w.message());
      std::printf("Appended %zu line(s) to %s.\n", s->lines.size(), shown.c_str());
    } else {
      std::printf("Run with --write to append them.\n");
    }
  }
  const bool left = !s->kept.empty() || !s->decide.empty() || (!s->lines.empty() && !r.write);
  return left ? ExitCode::kFindings : ExitCode::kClean;
}

}  // namespace ctxscan::cli
