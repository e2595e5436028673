// Which file rules a path names: RuleSet::MatchPaths and its index; see
// include/ctxscan/match/rule_set.h.
//
// Every item a scan reads is asked against every file rule's path patterns
// (184 patterns in the default set). A pattern matches only paths that end
// with its required ending, so the patterns are kept by the last byte of that
// ending and a path tries only the few that share its last byte.
#include <algorithm>
#include <array>

#include "ctxscan/match/rule_set.h"

namespace ctxscan {

struct RuleSet::PathIndex {
  struct Entry {
    std::uint32_t rule;     // into file_rules()
    std::uint32_t pattern;  // into that rule's paths
  };
  // Patterns whose ending ends with byte b, in rule order.
  std::array<std::vector<Entry>, 256> by_last_byte;
  // Patterns without an ending (the last component ends in a wildcard).
  std::vector<Entry> any_ending;
};

void RuleSet::BuildPathIndex() {
  auto index = std::make_shared<PathIndex>();
  for (std::uint32_t r = 0; r < files_.size(); ++r) {
    const FileRule& fr = files_[r];
    for (std::uint32_t p = 0; p < fr.paths.size(); ++p) {
      const std::string& ending = fr.path_endings[p];
      if (ending.empty()) {
        index->any_ending.push_back({r, p});
      } else {
        index->by_last_byte[static_cast<unsigned char>(ending.back())].push_back({r, p});
      }
    }
  }
  paths_ = std::move(index);
}

void RuleSet::MatchPaths(std::string_view path, std::vector<std::uint32_t>* out) const {
  const std::size_t first = out->size();
  auto try_all = [&](const std::vector<PathIndex::Entry>& entries) {
    for (const PathIndex::Entry& e : entries) {
      const FileRule& fr = files_[e.rule];
      if (out->size() > first && out->back() == e.rule) continue;  // already named
      if (path.ends_with(fr.path_endings[e.pattern]) &&
          fr.paths[e.pattern].Match(path) == Pattern::Outcome::kMatch) {
        out->push_back(e.rule);
      }
    }
  };
  if (!path.empty()) try_all(paths_->by_last_byte[static_cast<unsigned char>(path.back())]);
  try_all(paths_->any_ending);
  // The two lists are each in rule order; together they may not be.
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
  out->erase(std::unique(out->begin() + static_cast<std::ptrdiff_t>(first), out->end()),
             out->end());
}

}  // namespace ctxscan
