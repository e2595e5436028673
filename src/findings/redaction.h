// How reports hide secrets (unless --show-secrets). Two rules:
//
//  - A secret is shown by its redacted form (RedactedSecret): nothing of a
//    short or low-entropy secret (a password: any prefix or hash would help
//    guess it), and for a long random one at most a small prefix and 8 hex
//    digits of its keyed hash (secret_hmac), never an unsalted hash.
//  - A printed line hides every secret found on it, not only the finding's
//    own: two registry credentials on one line of a config.json are two
//    findings, and each one's quoted line must hide both. A Redactor is
//    built from all the findings of a scan and cuts, from each line it is
//    given, the spans of every secret located on that line (mapped through
//    their columns, so a secret the 400-byte window cuts is hidden too) and
//    every other occurrence of any secret found in that file; overlapping
//    spans are merged into one redacted token.
//
// See docs/security.md. Covered by tests/unit/redaction_test.cc and
// tests/e2e/leak_test.py. Thread safety: a Redactor is immutable once built.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "ctxscan/findings/finding.h"

namespace ctxscan {

// Whether `secret` is long (16 bytes or more) and varied (3.5 bits of
// Shannon entropy per byte or more) enough that showing a prefix of it and
// a short keyed hash gives nothing away.
bool ShowsHint(std::string_view secret);

// Returns the redacted form of `f`'s secret: "[redacted]" unless ShowsHint,
// else its first characters (at most a quarter, at most 6) and the first 8
// hex digits of `f.secret_hmac`, e.g. "ghp_FA…[hmac:1f2e3d4c]". Empty for a
// finding without a secret.
std::string RedactedSecret(const Finding& f);

class Redactor {
 public:
  // Indexes the secrets of `findings`, which must outlive the Redactor.
  explicit Redactor(const std::vector<Finding>& findings);

  // Returns `l.line_text` (a location of `f`) with every secret located on
  // that line, and every occurrence of any secret found in `l.path`,
  // replaced by a redacted form. A location without line text (a finding of
  // the build analysis) gives `f`'s redacted secret.
  std::string Line(const Finding& f, const Location& l) const;

  // Returns `text` (a finding's detail) with every occurrence of any secret
  // of the scan replaced by its redacted form.
  std::string Text(std::string_view text) const;

 private:
  struct Span {
    std::uint64_t start = 0;  // 0-based byte column in the whole line
    std::size_t length = 0;   // of the secret's first line
    const Finding* finding = nullptr;
  };
  using Needle = std::pair<std::string, const Finding*>;  // a secret's first line
  // (path, line, blob id or "") -> the secrets located there.
  std::map<std::tuple<std::string, std::uint64_t, std::string>, std::vector<Span>> by_line_;
  std::map<std::string, std::vector<Needle>, std::less<>> by_path_;
  std::vector<Needle> all_;
};

}  // namespace ctxscan
