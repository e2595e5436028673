// Docker's pattern list semantics; see include/ctxscan/util/pattern_matcher.h.
#include "ctxscan/util/pattern_matcher.h"

#include <algorithm>

#include "util/go_glob.h"
#include "util/go_path.h"

namespace ctxscan {

Result<PatternMatcher> PatternMatcher::Create(const std::vector<IgnoreLine>& lines,
                                              std::string source) {
  PatternMatcher pm;
  pm.source_ = std::move(source);
  for (const IgnoreLine& line : lines) {
    const std::string_view trimmed = go::TrimSpace(line.pattern);
    if (trimmed.empty()) continue;
    std::string p = go::Clean(trimmed);
    bool exclusion = false;
    const std::string where = pm.source_ + ":" + std::to_string(line.line);
    if (p[0] == '!') {
      if (p.size() == 1) return Status::Error(where + ": illegal exclusion pattern \"!\"");
      exclusion = true;
      p.erase(0, 1);
      pm.has_exclusions_ = true;
    }
    const go::GlobResult check = go::Match(p, ".");
    if (!check.error.empty()) {
      std::string message = where;
      message.append(": invalid pattern \"").append(p).append("\": ").append(check.error);
      return Status::Error(std::move(message));
    }
    pm.patterns_.emplace_back(std::move(p), exclusion, line.line);
  }
  return pm;
}

void PatternMatcher::AddSyntheticException(std::string text) {
  patterns_.emplace_back(std::move(text), true, 0);
  has_exclusions_ = true;
}

std::string PatternMatcher::Where(const Pattern& p) const {
  if (p.line() == 0) return "(added by the classic builder)";
  return source_ + ":" + std::to_string(p.line());
}

Status PatternMatcher::BadPattern(const Pattern& p) const {
  return Status::Error(Where(p) + ": invalid pattern \"" + p.text() + "\": " + p.error());
}

Result<bool> PatternMatcher::MatchWithParents(const Pattern& p, std::string_view path) const {
  const Pattern::Outcome o = p.Match(path);
  if (o == Pattern::Outcome::kBadPattern) return BadPattern(p);
  if (o == Pattern::Outcome::kMatch) return true;
  // Check each parent directory, shortest first: "a", "a/b", ...
  const std::size_t last_slash = path.rfind('/');
  if (last_slash == std::string_view::npos) return false;
  std::size_t slash = path.find('/');
  while (true) {
    // The walk only produces clean paths, so Dir() is a plain prefix.
    if (p.Match(path.substr(0, slash)) == Pattern::Outcome::kMatch) return true;
    if (slash == last_slash) return false;
    slash = path.find('/', slash + 1);
  }
}

Result<MatchDecision> PatternMatcher::MatchUsingParent(std::string_view path,
                                                       const MatchInfo& parent,
                                                       MatchInfo* info) const {
  const std::size_t n = patterns_.size();
  info->assign(n, 0);
  const bool have_parent = !parent.empty();
  MatchDecision d;
  for (std::size_t i = 0; i < n; ++i) {
    const Pattern& p = patterns_[i];
    bool match = have_parent && parent[i] != 0;
    if (!match) {
      // An ordinary pattern cannot change an excluded path, nor an exception
      // an included one: skip it (and leave its info unset, as Docker does).
      if (p.exclusion() != d.excluded) continue;
      if (have_parent) {
        const Pattern::Outcome o = p.Match(path);
        if (o == Pattern::Outcome::kBadPattern) return BadPattern(p);
        match = o == Pattern::Outcome::kMatch;
      } else {
        Result<bool> m = MatchWithParents(p, path);
        if (!m.ok()) return m.status();
        match = *m;
      }
    }
    (*info)[i] = match ? 1 : 0;
    if (match) {
      d.excluded = !p.exclusion();
      d.decider = static_cast<int>(i);
    }
  }
  return d;
}

Result<MatchDecision> PatternMatcher::MatchesOrParentMatches(std::string_view path) const {
  MatchDecision d;
  for (std::size_t i = 0; i < patterns_.size(); ++i) {
    const Pattern& p = patterns_[i];
    if (p.exclusion() != d.excluded) continue;
    Result<bool> m = MatchWithParents(p, path);
    if (!m.ok()) return m.status();
    if (*m) {
      d.excluded = !p.exclusion();
      d.decider = static_cast<int>(i);
    }
  }
  return d;
}

Result<bool> PatternMatcher::MatchesDeprecated(std::string_view path) const {
  bool matched = false;
  const std::string parent = go::Dir(path);
  std::vector<std::string_view> parent_dirs;
  for (std::size_t start = 0;;) {
    const std::size_t slash = parent.find('/', start);
    parent_dirs.push_back(std::string_view(parent).substr(0, slash));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (const Pattern& p : patterns_) {
    if (p.exclusion() != matched) continue;
    Pattern::Outcome o = p.Match(path);
    if (o == Pattern::Outcome::kBadPattern) return BadPattern(p);
    bool match = o == Pattern::Outcome::kMatch;
    if (!match && parent != ".") {
      // Only the parent as many levels deep as the pattern has components.
      const std::size_t depth =
          static_cast<std::size_t>(std::count(p.text().begin(), p.text().end(), '/')) + 1;
      if (depth <= parent_dirs.size()) {
        match = p.Match(parent_dirs[depth - 1]) == Pattern::Outcome::kMatch;
      }
    }
    if (match) matched = !p.exclusion();
  }
  return matched;
}

}  // namespace ctxscan
