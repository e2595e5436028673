// Reading RE2 pattern text without compiling it: the one tokenizer of the
// rewrites of pattern text (hyperscan_dialect.h, prefilter_suffix.h,
// keyed_gate.h), and the pieces of a pattern they reason about. Everything
// here is syntax only; RE2 still parses and checks every pattern, so a text
// these functions misread is refused, never trusted.
//
// Covered by tests/unit/regex_text_test.cc, tests/unit/keyed_gate_test.cc,
// tests/unit/prefilter_suffix_test.cc and tests/unit/hyperscan_dialect_test.cc.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace ctxscan {

// Index just past the lexical token that starts at `i`: an escape ("\w";
// "\x41", "\x{41}", "\pN", "\p{Greek}" and octal "\101" whole, as RE2
// reads them; "\Q...\E" whole, or to the end without "\E"), a character
// class (SkipClass), or one character. npos for a trailing backslash, a class
// that is not closed or a "\x{" or "\p{" without its "}".
std::size_t TokenEnd(std::string_view s, std::size_t i);

// The members of the character class `cls` (one whole class, as TokenEnd
// gives it): each an escape (whole, as TokenEnd reads it), a POSIX class
// ("[:alpha:]") or one character.
// Sets `*negated` when the class starts with "[^".
std::vector<std::string_view> ClassMembers(std::string_view cls, bool* negated);

// Length of the leading flag groups of `pattern`: "(?i)", "(?m)(?s)", ...
std::size_t LeadingFlags(std::string_view pattern);

// Index just past the character class that starts at `i` (a '['), or npos
// when it is not closed. A ']' right after '[' or '[^' is a member, and
// POSIX classes ("[:alpha:]") are skipped whole; as in RE2, a "[:" with no
// ":]" after it is a literal '['.
std::size_t SkipClass(std::string_view s, std::size_t i);

// Index just past the group that starts at `i` (a '('), or npos when the
// parentheses do not balance.
std::size_t SkipGroup(std::string_view s, std::size_t i);

// The top-level items of `pattern` in order: a group, a class, an escape
// ("\w", "\x41"; "\Q...\E" whole) or one character, each with the
// quantifier that follows it ("?", "*", "+", "{m,n}", and a lazy '?').
// Empty when the text does not split cleanly (an unclosed class or group, a
// trailing backslash, a top-level '|'), which callers treat as "do not
// rewrite".
std::vector<std::string_view> TopLevelItems(std::string_view pattern);

// The top-level alternatives inside a group item such as "(?i:a|b)",
// "(?:a|b)", "(?P<n>a|b)" or "(a|b)". Empty when `group` is not a group
// without a quantifier.
std::vector<std::string_view> GroupAlternatives(std::string_view group);

}  // namespace ctxscan
