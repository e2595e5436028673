// The keyed gate: matching provider rules of the form
//
//     BRAND  [gap KEY | KEY]  ["']?  \s*  OP  value...
//
// (e.g. "(?i:acme)[\w.-]{0,20}(?i:api[_-]?key|token)["']?\s{0,3}(?:[:=]|=>)...")
// without putting every provider's name into the always-on prefilter.
//
// Why: Hyperscan's cost here grows with the number of literals in its
// database, and about half of the default rules are of this form, each with
// its own brand literal. Behind the gate, the always-on database holds one
// small "anchor" pattern instead: a word the keys end with (key, token,
// secret, password, ...), an optional quote, blanks, and an operator
// character (: = >). Only around an anchor's hit does the engine
// scan a second database of the brands, and only a brand hit there makes a
// window for RE2 to confirm.
//
// Why it is exact: every match of such a rule contains a match of the anchor
// (the key's last word, the quote and blanks, then the operator's first
// character), ending at most `lookback` bytes
// after the match starts, where lookback is the longest match of the rule's
// text up to and including OP. So a brand scan over [hit - lookback - 1, hit]
// sees the rule's brand with one byte of context before it (for \b), and a
// brand hit ending at q puts the rule's match inside [q - width, q + width].
// The engine differential (two stages against RE2 alone) guards this.
//
// What is recognised is checked item by item (regex_text.h); anything else
// stays in the always-on database:
//   - BRAND is a group without quantifier, with no ^, $, \A or \z;
//   - a gap is a class of identifier characters ([\w.-], [\w], \w, ...) or
//     '.', under {0,n}, {0,n}? or *; flags must not include 's' or 'm';
//   - the word source (KEY when present, else BRAND) is a group whose every
//     alternative ends in a literal word of the anchor vocabulary (or in a
//     group whose alternatives all do), and the quote, blanks or OP follow
//     it directly;
//   - the quote is an optional class of quote characters, the blanks a
//     repeat of \s or of a class of blanks, and OP a ':', '=', a class of
//     ':', '=', '>', or a group whose alternatives all start with one.
//
// Measured (vectorscan 5.4.9, 300 MB of /usr/include and /usr/share text):
// the default set's always-on database scans at 746 MB/s with 238 rules
// behind the gate, 642 MB/s without. Anchors that also allowed identifier
// characters or the rest of the line between the word and OP (to gate 120
// more rules) hit 12 times as often and made the database slower than none
// (639 MB/s), so those rules stay always-on.
//
// Covered by tests/unit/keyed_gate_test.cc and the engine differential in
// tests/unit/rules_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

struct KeyedGate {
  std::string brand;               // the leading flags and BRAND (RE2 syntax)
  std::string prefix;              // the leading flags and every item up to OP: its
                                   // longest match is the gate's lookback
  std::vector<std::string> words;  // the key's possible last words, lower case
};

// The gate for `pattern`, or nothing when the pattern is not of the form
// above.
std::optional<KeyedGate> FindKeyedGate(std::string_view pattern);

// The anchor pattern (RE2 syntax) that every match of a gated rule whose key
// ends with one of `words` contains.
std::string KeyedGateAnchor(const std::vector<std::string>& words);

}  // namespace ctxscan
