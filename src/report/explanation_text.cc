// `context why` in words; see src/report/explanation_text.h.
#include "report/explanation_text.h"

#include "util/escape.h"

namespace ctxscan {

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
