// RE2 as the match stage uses it, in one place: the options of every rule
// pattern (Latin-1 bytes, like the Hyperscan prefilter; no logging) and the
// leftmost-match search the confirmation runs. Internal to the match stage
// (and its tests); the public headers keep RE2 out of sight.
//
// Covered by tests/unit/rules_test.cc (Engine.FindLeftmostIsRe2sUnanchoredSearch
// and the engine against RE2 alone).
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <string_view>

namespace ctxscan {

RE2::Options RuleRegexOptions();

// The leftmost match of `re` in data[pos, to) with its first `ngroups` groups,
// exactly as RE2's unanchored search finds it (data outside the range is the
// context of ^, $ and \b), but without RE2's reverse search for the start,
// which is slow on long ambiguous repeats. False when there is none.
bool FindLeftmost(const re2::RE2& re, std::string_view data, std::uint64_t pos, std::uint64_t to,
                  re2::StringPiece* groups, int ngroups);

}  // namespace ctxscan
