// RE2 as the match stage uses it, in one place: the options of every rule
// pattern (Latin-1 bytes, like the Hyperscan prefilter; no logging) and the
// leftmost-match search the confirmation runs. Internal to the match stage
// (and its tests); the public headers keep RE2 out of sight.
//
// Covered by tests/unit/rules_test.cc (Engine.FindLeftmostIsRe2sUnanchoredSearch,
// with and without each rule's start pattern; Engine.StartPatternIsTheFirstItemThatMustMatch;
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
// which is slow on long ambiguous repeats: the start is the first offset
// where an anchored search matches. `start`, when not null, must match at
// the start of every match of `re` (StartPattern): only the offsets where it
// matches are tried, found with its own unanchored search. False when there
// is no match.
bool FindLeftmost(const re2::RE2& re, const re2::RE2* start, std::string_view data,
                  std::uint64_t pos, std::uint64_t to, re2::StringPiece* groups, int ngroups);

// A pattern that matches at the start of every match of `pattern`: its
// leading flag groups and its first top-level items, up to and including
// the first that is neither an assertion nor optional. Empty when the
// pattern has fewer than two top-level items (or does not split cleanly),
// or when those items would be the whole pattern.
std::string StartPattern(std::string_view pattern);

}  // namespace ctxscan
