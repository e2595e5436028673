// Checking a rule's prefilter suffix; see prefilter_suffix.h.
#include "match/prefilter_suffix.h"

#include "match/regex_text.h"

namespace ctxscan {
namespace {

// Checks that `prefix` is a complete regex that concatenates with whatever
// follows: balanced groups, no top-level '|', no top-level flag group.
Status CheckPrefix(std::string_view prefix) {
  int depth = 0;
  for (std::size_t i = 0; i < prefix.size();) {
    const std::size_t end = TokenEnd(prefix, i);
    const char c = prefix[i];
    if (end == std::string_view::npos) {
      return Status::Error(c == '[' ? "the part before the prefilter suffix has an unclosed ["
                                    : "the prefilter suffix splits an escape");
    }
    if (prefix.substr(i, 2) == "\\Q") {
      return Status::Error("the part before the prefilter suffix uses \\Q...\\E");
    }
    if (c == '(') {
      if (depth == 0 && LeadingFlags(prefix.substr(i)) != 0) {
        return Status::Error(
            "the part before the prefilter suffix sets flags for the rest of the pattern; "
            "use a scoped group such as (?i:...)");
      }
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return Status::Error("the prefilter suffix splits a group");
    } else if (c == '|' && depth == 0) {
      return Status::Error(
          "the pattern has a top-level alternation before the prefilter suffix, so not "
          "every match ends with the suffix");
    }
    i = end;
  }
  if (depth != 0) return Status::Error("the prefilter suffix splits a group");
  return Status::Ok();
}

}  // namespace

Result<std::string> PrefilterFromSuffix(std::string_view pattern, std::string_view suffix) {
  if (suffix.empty()) return Status::Error("the prefilter suffix is empty");
  const std::size_t flags = LeadingFlags(pattern);
  if (suffix.size() > pattern.size() - flags ||
      pattern.substr(pattern.size() - suffix.size()) != suffix) {
    return Status::Error("the prefilter is not a suffix of the pattern");
  }
  if (suffix.size() == pattern.size() - flags) {
    return Status::Error("the prefilter is the whole pattern; leave it out");
  }
  if (const char c = suffix.front(); c == '*' || c == '+' || c == '?' || c == '{') {
    return Status::Error("the prefilter suffix starts with a repetition of what precedes it");
  }
  const Status s = CheckPrefix(pattern.substr(flags, pattern.size() - flags - suffix.size()));
  if (!s.ok()) return s;
  return std::string(pattern.substr(0, flags)) + std::string(suffix);
}

}  // namespace ctxscan
