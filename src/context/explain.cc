// Explaining one path's fate; see src/context/explain.h.
#include "context/explain.h"

#include "util/go_path.h"

namespace ctxscan {
namespace {

// The shortest of `path` and its parents that `p` matches ("" if none).
std::string MatchedBy(const Pattern& p, std::string_view path) {
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    if (p.Match(path.substr(0, slash)) == Pattern::Outcome::kMatch) {
      return std::string(path.substr(0, slash));
    }
  }
  return std::string(path);
}

}  // namespace

Result<Explanation> Explain(const FileSystem& fs, const ContextRules& rules,
                            const ContextListing& listing, std::string_view raw) {
  Explanation e;
  e.path = go::Clean(raw);
  if (e.path.starts_with('/') || e.path == ".." || e.path.starts_with("../")) {
    return Status::Error(std::string(raw) + ": path is outside the build context");
  }
  if (e.path == ".") return Status::Error(std::string(raw) + ": the context root is always sent");
  const Result<EntryType> type = fs.TypeOf(e.path);
  e.exists = type.ok();
  e.is_dir = e.exists && *type == EntryType::kDirectory;

  const std::vector<Pattern>& patterns = rules.matcher.patterns();
  MatchInfo parent;
  MatchInfo info;
  for (std::size_t slash = e.path.find('/');; slash = e.path.find('/', slash + 1)) {
    const bool last = slash == std::string::npos;
    const std::string prefix = e.path.substr(0, last ? e.path.size() : slash);
    Result<MatchDecision> d = rules.matcher.MatchUsingParent(prefix, parent, &info);
    if (!d.ok()) return d.status();
    if (d->decider >= 0) {
      e.pattern = &patterns[static_cast<std::size_t>(d->decider)];
      e.matched = MatchedBy(*e.pattern, prefix);
    } else {
      e.pattern = nullptr;
    }
    if (!last && d->excluded && PrunesExcludedDir(rules, prefix)) {
      e.reason = Explanation::Reason::kParentPruned;
      e.pruned_dir = prefix;
      return e;
    }
    if (last) {
      const long idx = listing.Find(e.path);
      e.sent = idx >= 0;
      if (e.sent && d->excluded) {
        e.reason = Explanation::Reason::kParentOfSent;
      } else if (e.sent && e.pattern != nullptr) {
        e.reason = e.pattern->line() == 0 ? Explanation::Reason::kAddedByClient
                                          : Explanation::Reason::kReincluded;
      } else if (e.sent) {
        e.reason = Explanation::Reason::kNoPatternMatches;
      } else if (d->excluded) {
        e.reason = Explanation::Reason::kExcluded;
      } else {
        // Included by the patterns, yet not listed: a parent was unreadable
        // or the path does not exist.
        e.reason = e.exists ? Explanation::Reason::kParentNotListed
                            : (e.pattern ? Explanation::Reason::kReincluded
                                         : Explanation::Reason::kNoPatternMatches);
        e.sent = !e.exists;
      }
      return e;
    }
    parent.swap(info);
  }
}

}  // namespace ctxscan
