// The rules of a build context; see include/ctxscan/context/build_context.h.
#include "ctxscan/context/build_context.h"

#include <algorithm>

#include "util/go_path.h"

namespace ctxscan {
namespace {

// fsutil's patternWithoutTrailingGlob.
std::string_view WithoutTrailingGlob(std::string_view p) {
  if (p.ends_with("/**")) p.remove_suffix(3);
  if (p.ends_with("/*")) p.remove_suffix(2);
  return p;
}

// Docker's package-level patternmatcher.Matches(file, patterns), which the
// classic builder's client uses to decide whether to re-include a file.
bool ClientMatches(const PatternMatcher& pm, std::string_view file) {
  const std::string cleaned = go::Clean(file);
  if (cleaned == ".") return false;
  const Result<bool> m = pm.MatchesDeprecated(cleaned);
  return m.ok() && *m;
}

}  // namespace

std::optional<Builder> ParseBuilder(std::string_view name) {
  if (name == "buildkit") return Builder::kBuildKit;
  if (name == "legacy" || name == "classic") return Builder::kLegacy;
  return std::nullopt;
}

std::string_view BuilderName(Builder b) { return b == Builder::kBuildKit ? "buildkit" : "legacy"; }

Result<ContextRules> MakeContextRules(Builder builder,
                                      const std::optional<std::string>& ignore_content,
                                      const std::string& ignore_name, std::string dockerfile) {
  std::vector<IgnoreLine> lines;
  if (ignore_content) {
    Result<std::vector<IgnoreLine>> parsed = ParseIgnoreFile(*ignore_content, ignore_name);
    if (!parsed.ok()) return parsed.status();
    lines = std::move(parsed).value();
  }
  Result<PatternMatcher> pm = PatternMatcher::Create(lines, ignore_content ? ignore_name : "");
  if (!pm.ok()) return pm.status();
  PatternMatcher matcher = std::move(pm).value();
  if (builder == Builder::kLegacy) {
    // TrimBuildFilesFromExcludes: the daemon needs both files, so the client
    // adds exceptions for them when the patterns would exclude them.
    if (ClientMatches(matcher, ".dockerignore")) matcher.AddSyntheticException(".dockerignore");
    if (!dockerfile.empty() && ClientMatches(matcher, dockerfile)) {
      matcher.AddSyntheticException(go::Clean(dockerfile));
    }
  }
  ContextRules rules = RulesFromMatcher(builder, std::move(matcher));
  rules.ignore_file = ignore_content ? ignore_name : "";
  rules.dockerfile = std::move(dockerfile);
  return rules;
}

ContextRules RulesFromMatcher(Builder builder, PatternMatcher matcher) {
  ContextRules rules{builder, std::move(matcher), "", "", true};
  for (const Pattern& p : rules.matcher.patterns()) {
    if (p.exclusion() &&
        WithoutTrailingGlob(p.text()).find_first_of("*?[\\") != std::string_view::npos) {
      rules.only_prefix_exceptions = false;
    }
  }
  return rules;
}

bool PrunesExcludedDir(const ContextRules& rules, std::string_view dir) {
  if (rules.builder == Builder::kBuildKit && !rules.only_prefix_exceptions) return false;
  if (!rules.matcher.has_exclusions()) return true;
  // Keep walking if an exception's text starts with "dir/".
  for (const Pattern& p : rules.matcher.patterns()) {
    if (!p.exclusion()) continue;
    const std::string_view text = p.text();
    if (text.size() + 1 >= dir.size() + 1 && text.substr(0, dir.size()) == dir &&
        (text.size() == dir.size() || text[dir.size()] == '/')) {
      return false;
    }
  }
  return true;
}

long ContextListing::Find(std::string_view path) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (this->path(i) == path) return static_cast<long>(i);
  }
  return -1;
}

void ContextListing::Add(std::string_view path, EntryType type, std::uint64_t size) {
  entries_.push_back({static_cast<std::uint32_t>(arena_.size()),
                      static_cast<std::uint32_t>(path.size()), type, size});
  arena_.append(path);
}

void ContextListing::AddError(std::string path, std::string message) {
  errors_.push_back({std::move(path), std::move(message)});
}

void ContextListing::SortErrors() {
  std::sort(errors_.begin(), errors_.end(),
            [](const PathError& a, const PathError& b) { return a.path < b.path; });
}

}  // namespace ctxscan
