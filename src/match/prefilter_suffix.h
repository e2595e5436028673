// A rule may give the prefilter a suffix of its pattern instead of the whole
// pattern (field `prefilter` in the rule YAML). The prefilter then looks only
// for that suffix; RE2 still confirms the whole pattern in a window as wide
// as the whole pattern's longest match, ending where the suffix matched.
//
// Why it is exact: if pattern = P S (a concatenation at the top level), every
// match of the pattern ends with a match of S at the same end offset, and
// Hyperscan reports every end offset of S. So no match is lost; the prefilter
// only reports more candidates, which RE2 rejects. It pays when P is costly
// for Hyperscan (a common keyword, a long unbounded-looking context) and S is
// rare (a literal such as "password=" followed by the secret).
//
// The split is checked, not trusted: the suffix must be a textual suffix of
// the pattern; the part before it (after the pattern's leading flag groups
// such as "(?i)", which are carried over to the suffix) must be a complete
// regex with no top-level alternation and no top-level flag group (which
// would change what S means); and S must not begin with a repetition
// operator (it would repeat the end of P).
//
// Covered by tests/unit/prefilter_suffix_test.cc.
#pragma once

#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

// Returns the regex (RE2 syntax) the prefilter should use for `pattern`
// given the rule's `suffix`: the pattern's leading flag groups followed by
// `suffix`. Fails, saying why, when `suffix` is not a sound split of
// `pattern` (see above). Does not compile anything; the caller compiles the
// result with RE2 and Hyperscan.
Result<std::string> PrefilterFromSuffix(std::string_view pattern, std::string_view suffix);

}  // namespace ctxscan
