// Explaining one path's fate; see include/ctxscan/context/explain.h.
#include "ctxscan/context/explain.h"

#include "ctxscan/util/escape.h"
#include "ctxscan/util/go_path.h"

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

std::string DescribeExplanation(const Explanation& e, const ContextRules& rules) {
  std::string out = EscapeText(e.path);
  if (e.is_dir) out += '/';
  out += ": ";
  auto pattern_ref = [&]() {
    std::string s;
    if (e.pattern == nullptr) return s;
    s = rules.matcher.Where(*e.pattern) + " \"" + (e.pattern->exclusion() ? "!" : "") +
        EscapeText(e.pattern->text()) + "\"";
    const std::string& target = e.pruned_dir.empty() ? e.path : e.pruned_dir;
    if (!e.matched.empty() && e.matched != target) {
      s += " (matches its parent directory " + EscapeText(e.matched) + "/)";
    }
    return s;
  };
  using R = Explanation::Reason;
  switch (e.reason) {
    case R::kNoPatternMatches:
      out += "sent: no pattern";
      out += rules.ignore_file.empty() ? " (no ignore file)" : " in " + rules.ignore_file;
      out += " matches it";
      break;
    case R::kReincluded:
      out += "sent: re-included by " + pattern_ref();
      break;
    case R::kAddedByClient:
      out +=
          "sent: the classic builder always sends .dockerignore and the Dockerfile, "
          "even when they are ignored";
      break;
    case R::kParentOfSent:
      out += "sent although excluded by " + pattern_ref() +
             ": BuildKit sends every directory above an entry it sends";
      break;
    case R::kExcluded:
      out += "not sent: excluded by " + pattern_ref();
      if (e.is_dir && rules.builder == Builder::kLegacy && !PrunesExcludedDir(rules, e.path)) {
        out += "; entries below it that an exception re-includes are still sent";
      }
      break;
    case R::kParentPruned:
      out += "not sent: parent directory " + EscapeText(e.pruned_dir) + "/ is excluded by " +
             pattern_ref() + " and the builder does not look inside it";
      break;
    case R::kParentNotListed:
      out += "not sent: a parent directory could not be read";
      break;
  }
  if (!e.exists) out += " (the path does not exist; this is what would happen if it did)";
  return out;
}

}  // namespace ctxscan
