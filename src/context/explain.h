// `ctxscan context why`: whether one path is sent and which ignore-file line
// decided it. The verdict comes from the real walk (so it is exactly what
// `context ls` prints); the reason comes from replaying the pattern decisions
// along the path, directory by directory, as the walk made them.
//
// Rendered by src/report/explanation_text.h.
//
// Covered by tests/unit/build_context_test.cc. Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "ctxscan/context/build_context.h"

namespace ctxscan {

struct Explanation {
  enum class Reason {
    kNoPatternMatches,  // sent: nothing matches it or its parents
    kReincluded,        // sent: an exception re-includes it
    kAddedByClient,     // sent: the classic builder always sends it
    kParentOfSent,      // sent although excluded: BuildKit sends parents of sent entries
    kExcluded,          // not sent: a pattern excludes it
    kParentPruned,      // not sent: an excluded parent directory is never entered
    kParentNotListed,   // not sent: a parent directory could not be read
  };
  std::string path;  // cleaned, relative to the context root
  bool exists = false;
  bool is_dir = false;
  bool sent = false;
  Reason reason = Reason::kNoPatternMatches;
  // The deciding pattern (for kReincluded, kAddedByClient, kParentOfSent,
  // kExcluded, kParentPruned); null otherwise.
  const Pattern* pattern = nullptr;
  // The path the deciding pattern matched: `path` itself or a parent of it.
  std::string matched;
  // For kParentPruned: the excluded directory the walk does not enter.
  std::string pruned_dir;
};

// Explains `path` (relative to the context root; cleaned first) using a
// finished `listing` of the same context and rules. Fails when `path` leaves
// the context ("..", absolute) or a pattern fails to compile.
Result<Explanation> Explain(const FileSystem& fs, const ContextRules& rules,
                            const ContextListing& listing, std::string_view path);

}  // namespace ctxscan
