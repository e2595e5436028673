// Hyperscan reads patterns as PCRE does, RE2 as RE2 does; the two differ on a
// few escapes, and the prefilter must never miss a match RE2 would find. So
// before a pattern goes to Hyperscan, its escapes are rewritten to mean what
// RE2 means:
//   \s  RE2: [\t\n\f\r ]   PCRE adds \v      -> [\t\n\f\r ]
//   \S  RE2: the complement of the above       -> [^\t\n\f\r ]
//   \v  RE2: the VT character   PCRE: vertical whitespace  -> \x0b
// (\d, \w, \b and the rest agree in byte mode.) \S inside a negated
// character class cannot be rewritten this way and is rejected.
//
// For the prefilter database the counted repeats are also relaxed: {m,n}
// becomes {m,} (an exact {n} stays). The relaxed pattern matches everything
// the original does, so no match end is lost; and it keeps Hyperscan away
// from its bounded-repeat machinery, which was seen here (vectorscan 5.4) to
// miss matches of a multi-line pattern that RE2 finds. The engine bounds its
// windows with the original pattern's width, and RE2 confirms every candidate.
//
// Covered by tests/unit/rules_test.cc (the engine-against-RE2 differential).
#pragma once

#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

enum class Repeats { kExact, kRelaxed };

// Returns `pattern` (RE2 syntax) rewritten for Hyperscan with RE2's meaning;
// with Repeats::kRelaxed, counted repeats lose their upper bound.
Result<std::string> ToHyperscanDialect(std::string_view pattern, Repeats repeats = Repeats::kExact);

}  // namespace ctxscan
