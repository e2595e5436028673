// Decoded views of a file: secrets that are written encoded are scanned in
// their decoded form and reported at the encoded bytes.
//
// Three decoders, each run only on the lines that call for it, so a file
// without encoded text costs one pass over its bytes
// (src/findings/decode_triggers.h):
//   - escaped and joined strings: `\"`, `\/`, `\\`, `\n`, `\uXXXX` (ASCII)
//     unescaped, and string concatenations ("..." + "...", across lines)
//     joined: JSON inside a string literal, a private key written as
//     "-----BEGIN ...-----\n" + "MIIE..." + ...;
//   - URL-encoding: %XX of the characters that matter to a credential's
//     shape (: / @ = + & ? and the like);
//   - base64: text whose base64 begins with "-----" (a PEM block wrapped in
//     base64, as Kubernetes and CI variables hold it), and the values of a
//     Kubernetes Secret's `data:` (each decoded after its key, so a rule
//     that needs the key sees it).
// Each view maps every decoded byte back to the original offset it came
// from, so a match in a view becomes a span of the original text.
//
// Covered by tests/unit/decoded_views_test.cc.
// Thread safety: free functions on values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

struct DecodedView {
  std::string text;  // decoded
  // origin[i]: the offset in the original data of text[i]; origin has one
  // more entry, the end of the last decoded byte's encoding, so decoded
  // [s, e) came from original [origin[s], origin[e]).
  std::vector<std::uint64_t> origin;
  const char* how = "";  // "escaped", "url-encoded", "base64"
};

// Returns the decoded views of `data` worth scanning (none when nothing in
// it is encoded in a way the decoders know).
std::vector<DecodedView> DecodeViews(std::string_view data);

}  // namespace ctxscan
