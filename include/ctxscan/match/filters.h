// The checks a confirmed match must pass before it becomes a finding. Each
// exists to cut false alarms without hiding real secrets:
//   - Shannon entropy of the secret (per rule, `min_entropy`): random keys
//     score high, words and repeated characters low;
//   - the placeholder list (docs/rules.md): `${VAR}`, `<your-token>`,
//     `changeme`, `xxxx`, `EXAMPLE`, empty and boolean values and the like
//     are what people write where a secret will go later;
//   - structural validators (per rule, `validate`), e.g. the CRC32 that
//     GitHub and npm append to their tokens.
// A placeholder is always dropped. A checksum that does not verify only
// lowers the match's confidence to low, and so does low entropy for a rule
// with `entropy_lowers` (distinctive formats): a `gho_` token whose checksum
// fails or an `xoxa-` token with repetitive digits is still most likely a
// credential someone pasted, mistyped or truncated. A secret of a length
// outside the rule's `canonical_length` gets medium.
//
// Covered by tests/unit/filters_test.cc. Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ctxscan/match/rule.h"

namespace ctxscan {

// Why a match's or finding's confidence is below its rule's: bits.
enum LoweredBy : std::uint8_t {
  kLoweredByChecksum = 1,  // the format's checksum does not verify (low)
  kLoweredByEntropy = 2,   // repetitive value for a distinctive format (low)
  kLoweredByLength = 4,    // not one of the format's canonical lengths (medium)
  kLoweredByTestPath = 8,  // in a test, fixture or example path (one level)
  kLoweredByDocHost = 16,  // user:password@ a documentation host, example.com (low)
};

// Judges the text around a secret: false to drop the match (it follows one
// of the rule's `not_after` texts; it is the rest of a URL read as a
// password, "//host" from `-u http://host`; for a generic rule, a value
// without digits that restates its key, "DARKTOKEN": "DarkToken" or
// MFA_TOKEN = 'mfa_token', an unquoted value that reads as code (0x1b, a
// lowerCamel name whose letters read as words, a snake_case name followed by
// a comma or parenthesis), a key that labels or publishes a secret
// (labelPassword, PublicKeyToken), a value on a line that calls it an
// example, or an argument of a call that does not set the key
// (get_password("service", ...)): src/match/key_context.h); else true, and a
// secret right before "@example.com" (.org, .net, or a subdomain: RFC 2606's
// documentation domains) lowers `*confidence` to low.
bool JudgeSurroundings(const Rule& rule, std::string_view before, std::string_view secret,
                       std::string_view after, Confidence* confidence, std::uint8_t* lowered);

// Describes the LoweredBy bits in `lowered` as one clause
// ("the checksum does not verify; in a test path"); empty for 0.
std::string LoweredByText(std::uint8_t lowered);

// Judges a confirmed secret of `rule`: false to drop it (a placeholder; for
// any rule but the hash-file rules (category password-hash) also a stored
// password hash: pbkdf2_sha256$600000$salt$hash, {SSHA}..., ASP.NET Identity's
// AQAAAAE...),
// else true with `*confidence` and `*lowered` set (the rule's confidence,
// lowered by evidence as described above).
bool JudgeSecret(const Rule& rule, std::string_view secret, Confidence* confidence,
                 std::uint8_t* lowered);

// Reports whether the named validator is a checksum (failing it lowers
// confidence) rather than a shape check (failing it drops the match).
bool IsChecksumValidator(std::string_view name);

// Shannon entropy of `s` in bits per byte (0 for an empty string).
double ShannonEntropy(std::string_view s);

// Reports whether `secret` looks like a placeholder rather than a value.
bool LooksLikePlaceholder(std::string_view secret);

// Reports whether `secret` is shaped like a password someone made up rather
// than drawn at random: 6 to 64 bytes, either at least 3 letters with 2
// digits (or a digit and a symbol) — a word with a year or a suffix,
// Harbor2003, amber*964E, winter-cobalt-harbor68 — or only digits (58574916);
// never with a demo run (123, 321, 1234, 9876, aaa, 0000) or a demo word (pass,
// test, user, admin, guest, demo, qwerty, welcome). Such values score low on entropy and
// the value score, yet under a password key they are passwords; rules with
// `weak_passwords` accept them.
bool LooksLikeMadePassword(std::string_view secret);

// Reports whether `secret` is random hex: a UUID (8-4-4-4-12) or at least 16
// hex digits without separators, one case, with letters and digits, spread
// (Shannon entropy 3 or more) and without a run of five (01234, abcde). The
// value score folds digits into one symbol and so rates such keys, salts and
// nonces below words; under a secret-named key they are secrets all the same.
bool LooksLikeRandomHex(std::string_view secret);

// Runs the named validator; unknown names fail.
bool RunValidator(std::string_view name, std::string_view secret);

}  // namespace ctxscan
