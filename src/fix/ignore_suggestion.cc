// Suggesting .dockerignore lines; see src/fix/ignore_suggestion.h.
#include "fix/ignore_suggestion.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "util/go_path.h"

namespace ctxscan {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Whether every sent file under directory `dir` is in `stop`, and there
// are at least two.
bool AllUnderStopped(const std::string& dir, const std::set<std::string>& sent,
                     const std::set<std::string>& stop) {
  const std::string prefix = dir + "/";
  std::size_t n = 0;
  for (auto it = sent.lower_bound(prefix); it != sent.end() && it->rfind(prefix, 0) == 0; ++it) {
    if (stop.count(*it) == 0) return false;
    ++n;
  }
  return n >= 2;
}

// The grouped lines for `stop` (see the header), and the files they cover.
std::vector<std::string> GroupedLines(const std::set<std::string>& stop,
                                      const std::set<std::string>& sent) {
  std::vector<std::string> lines;
  std::set<std::string> covered;
  // Directories, the topmost that qualifies for each file.
  std::set<std::string> dirs;
  for (const std::string& path : stop) {
    std::string best;
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      const std::string dir = path.substr(0, slash);
      if (AllUnderStopped(dir, sent, stop)) {
        best = dir;
        break;
      }
    }
    if (!best.empty()) dirs.insert(best);
  }
  for (const std::string& dir : dirs) {
    lines.push_back(EscapeIgnorePattern(dir));
    const std::string prefix = dir + "/";
    for (auto it = stop.lower_bound(prefix); it != stop.end() && it->rfind(prefix, 0) == 0; ++it) {
      covered.insert(*it);
    }
  }
  // Shared file names.
  std::map<std::string, std::vector<std::string>> by_name;
  for (const std::string& path : stop) {
    if (covered.count(path) == 0) by_name[std::string(go::Base(path))].push_back(path);
  }
  std::map<std::string, std::size_t> sent_by_name;
  for (const std::string& path : sent) ++sent_by_name[std::string(go::Base(path))];
  std::vector<std::string> singles;
  for (const auto& [name, paths] : by_name) {
    if (paths.size() >= 2 && sent_by_name[name] == paths.size()) {
      lines.push_back("**/" + EscapeIgnorePattern(name));
    } else {
      singles.insert(singles.end(), paths.begin(), paths.end());
    }
  }
  std::sort(singles.begin(), singles.end());
  for (const std::string& path : singles) lines.push_back(EscapeIgnorePattern(path));
  return lines;
}

// Checks `lines` against the recomputed context: every file of `stop` gone,
// every other sent file kept. Returns what went wrong, or "".
Result<std::string> Verify(const std::vector<std::string>& lines, const std::set<std::string>& stop,
                           const std::set<std::string>& sent, const std::string& content,
                           const RecomputeContext& recompute) {
  Result<std::set<std::string>> now = recompute(content + IgnoreAppendix(content, lines));
  if (!now.ok()) return now.status();
  for (const std::string& path : stop) {
    if (now->count(path) != 0) return "still sent: " + path;
  }
  for (const std::string& path : sent) {
    if (stop.count(path) == 0 && now->count(path) == 0) return "no longer sent: " + path;
  }
  return std::string();
}

}  // namespace

RecomputeContext ContextRecomputer(const FileSystem& fs, Builder builder, std::string ignore_name,
                                   std::string dockerfile) {
  return [&fs, builder, ignore_name = std::move(ignore_name), dockerfile = std::move(dockerfile)](
             const std::string& content) -> Result<std::set<std::string>> {
    Result<ContextRules> rules = MakeContextRules(builder, content, ignore_name, dockerfile);
    if (!rules.ok()) return rules.status();
    WalkOptions options;
    options.check_readable = false;
    Result<ContextListing> listing = WalkContext(fs, *rules, options);
    if (!listing.ok()) return listing.status();
    return SentFiles(*listing);
  };
}

std::set<std::string> SentFiles(const ContextListing& listing) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < listing.size(); ++i) {
    if (listing.entry(i).type != EntryType::kDirectory) out.emplace(listing.path(i));
  }
  return out;
}

std::string EscapeIgnorePattern(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += '?';  // a line cannot hold a newline; no other control character either
      continue;
    }
    if (c == '\\' || c == '*' || c == '?' || c == '[') out += '\\';
    out += c;
  }
  if (!out.empty() && (out[0] == '#' || out[0] == '!')) out.insert(0, 1, '\\');
  if (!out.empty() && IsBlank(out.front())) out.front() = '?';
  if (!out.empty() && IsBlank(out.back())) out.back() = '?';
  return out;
}

std::string IgnoreAppendix(const std::string& content, const std::vector<std::string>& lines) {
  if (lines.empty()) return "";
  std::string out;
  if (!content.empty() && content.back() != '\n') out += '\n';
  if (!content.empty()) out += '\n';
  out += "# Added by `ctxscan dockerignore suggest`: files with secrets or sensitive content\n";
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

namespace {

// Sorts notes by path, then reason; drops repeats.
void SortNotes(std::vector<IgnoreSuggestion::Kept>* notes) {
  std::sort(notes->begin(), notes->end(),
            [](const IgnoreSuggestion::Kept& a, const IgnoreSuggestion::Kept& b) {
              return std::tie(a.path, a.reason) < std::tie(b.path, b.reason);
            });
  notes->erase(std::unique(notes->begin(), notes->end(),
                           [](const IgnoreSuggestion::Kept& a, const IgnoreSuggestion::Kept& b) {
                             return a.path == b.path && a.reason == b.reason;
                           }),
               notes->end());
}

// Sorts the targets into `out` (kept, decide) and the files to stop.
std::set<std::string> Classify(const std::vector<IgnoreTarget>& targets,
                               const std::set<std::string>& sent, IgnoreSuggestion* out) {
  std::set<std::string> stop;
  std::set<std::string_view> seen;
  for (const IgnoreTarget& t : targets) {
    // Not sent: nothing to stop. A path given twice: its first entry counts.
    if (sent.count(t.path) == 0 || !seen.insert(t.path).second) continue;
    if (t.always_sent) {
      out->kept.push_back({t.path,
                           "Docker sends it whatever .dockerignore says: move the secret out of "
                           "it (a build secret, or a file the build does not read)"});
    } else if (!t.needed_by.empty()) {
      out->kept.push_back({t.path, t.needed_by +
                                       " needs it, so excluding it would break the build: pass "
                                       "the secret as a build secret (RUN "
                                       "--mount=type=secret) instead of copying the file"});
    } else if (!t.reincluded_by.empty()) {
      out->decide.push_back({t.path, t.reincluded_by +
                                         " re-includes it: remove or narrow that line to stop "
                                         "sending it, or keep sending it on purpose"});
    } else {
      stop.insert(t.path);
    }
  }
  return stop;
}

// The sensitive directories to exclude whole: those of stopped files,
// unless a target inside must stay sent or asks to keep the directory.
std::set<std::string> WholeDirectories(const std::vector<IgnoreTarget>& targets,
                                       const std::set<std::string>& stop) {
  std::set<std::string> dirs;
  std::set<std::string> blocked;
  for (const IgnoreTarget& t : targets) {
    const std::string dir = SensitiveDirectory(t.path);
    if (dir.empty()) continue;
    if (stop.count(t.path) != 0 && !t.keep_directory) {
      dirs.insert(dir);
    } else {
      blocked.insert(dir);
    }
  }
  for (const std::string& b : blocked) dirs.erase(b);
  return dirs;
}

// The directory of `dirs` that holds `path`, or "".
std::string DirectoryOf(const std::string& path, const std::set<std::string>& dirs) {
  const std::string dir = SensitiveDirectory(path);
  return dirs.count(dir) != 0 ? dir : std::string();
}

// The cautions of the stopped targets, under their directory when it goes
// whole.
void AddCautions(const std::vector<IgnoreTarget>& targets, const std::set<std::string>& stop,
                 const std::set<std::string>& dirs, IgnoreSuggestion* out) {
  for (const IgnoreTarget& t : targets) {
    if (stop.count(t.path) == 0) continue;
    const std::string dir = DirectoryOf(t.path, dirs);
    const std::string& shown = dir.empty() ? t.path : dir;
    for (const std::string& r : t.read_by) out->warn.push_back({shown, r});
    for (const std::string& c : t.copied_by) {
      out->check.push_back(
          {shown, c + ": if the program reads it, give it the secret at run time instead"});
    }
  }
  SortNotes(&out->warn);
  SortNotes(&out->check);
}

}  // namespace

std::string SensitiveDirectory(std::string_view path) {
  static constexpr std::string_view kNames[] = {".git", ".svn",   ".hg",    ".aws",
                                                ".ssh", ".gnupg", ".azure", ".terraform"};
  std::size_t start = 0;
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       start = slash + 1, slash = path.find('/', start)) {
    const std::string_view name = path.substr(start, slash - start);
    if (std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames)) {
      return std::string(path.substr(0, slash));
    }
  }
  return "";
}

Result<IgnoreSuggestion> SuggestIgnoreLines(const std::vector<IgnoreTarget>& targets,
                                            const std::set<std::string>& sent,
                                            const std::string& content,
                                            const RecomputeContext& recompute) {
  IgnoreSuggestion out;
  const std::set<std::string> stop = Classify(targets, sent, &out);
  std::sort(out.kept.begin(), out.kept.end(),
            [](const IgnoreSuggestion::Kept& a, const IgnoreSuggestion::Kept& b) {
              return a.path < b.path;
            });
  SortNotes(&out.decide);
  if (stop.empty()) return out;
  const std::set<std::string> dirs = WholeDirectories(targets, stop);
  AddCautions(targets, stop, dirs, &out);
  // Everything that must leave the context: the files, and all of each
  // whole directory. The rest of `stop` is grouped as before.
  std::set<std::string> gone = stop;
  std::set<std::string> rest;
  for (const std::string& path : stop) {
    if (DirectoryOf(path, dirs).empty()) rest.insert(path);
  }
  std::vector<std::string> dir_lines;
  for (const std::string& dir : dirs) {
    dir_lines.push_back(EscapeIgnorePattern(dir));
    std::size_t others = 0;
    const std::string prefix = dir + "/";
    for (auto it = sent.lower_bound(prefix); it != sent.end() && it->rfind(prefix, 0) == 0; ++it) {
      gone.insert(*it);
      if (stop.count(*it) == 0) ++others;
    }
    out.directories.push_back({dir, others});
  }
  out.lines = dir_lines;
  for (std::string& line : GroupedLines(rest, sent)) out.lines.push_back(std::move(line));
  Result<std::string> problem = Verify(out.lines, gone, sent, content, recompute);
  if (!problem.ok()) return problem.status();
  if (!problem->empty()) {
    // A grouped line reached too far (or not far enough): one line per file.
    out.lines = dir_lines;
    for (const std::string& path : rest) out.lines.push_back(EscapeIgnorePattern(path));
    problem = Verify(out.lines, gone, sent, content, recompute);
    if (!problem.ok()) return problem.status();
    if (!problem->empty()) {
      return Status::Error("the suggested .dockerignore lines failed verification (" + *problem +
                           "); no lines suggested");
    }
  }
  out.stopped.assign(stop.begin(), stop.end());
  return out;
}

}  // namespace ctxscan
