// Detection rules: what ctxscan looks for. A content rule is a regular
// expression (RE2 syntax) over file bytes; a file rule is a set of path
// patterns that flag a sensitive file by its name, optionally only when its
// content holds a finding of some other rule (a `*.pem` is only a problem
// when it holds a private key).
//
// Rules are data (patterns/*.yaml, embedded in the binary at build time; see
// docs/rules.md for the format). A RuleSet is immutable once loaded and is
// shared by all scanning threads.
//
// Covered by tests/unit/rules_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

enum class Severity : std::uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };
enum class Confidence : std::uint8_t { kLow, kMedium, kHigh };

std::string_view SeverityName(Severity s);
std::optional<Severity> ParseSeverity(std::string_view s);
std::string_view ConfidenceName(Confidence c);
std::optional<Confidence> ParseConfidence(std::string_view s);

struct Rule {
  std::string id;    // stable, dotted: "aws.access-key-id"
  std::string name;  // human name
  // Content rule: RE2 syntax; a group named "secret" isolates the secret.
  std::string pattern;
  // Optional: a suffix of `pattern` the prefilter looks for instead of the
  // whole pattern (see src/match/prefilter_suffix.h); empty: the pattern.
  std::string prefilter;
  // File rule: path patterns (Docker .dockerignore syntax, anchored at the
  // context root; use "**/" for any depth). Exactly one of pattern and paths.
  std::vector<std::string> paths;
  // File rule: flag the file only if it has a finding of a rule whose id
  // starts with this prefix ("private-key."); empty: by name alone.
  std::string requires_content;
  // File rule: let the content decide the severity: a file with no finding
  // of a content rule gets severity info ("no credential found in it").
  bool content_decides = false;
  // File rule: an RE2 pattern over the start of a file's content (its
  // first kSignatureBytes, as bytes: Latin-1, "." matches a newline),
  // matched at offset 0, that a file of this kind matches whatever its name
  // (a JKS keystore begins with FE ED FE ED). A file whose content matches
  // is flagged by its content alone. Empty: by name only.
  std::string signature;
  // File rule with a signature: a file matched by name whose content does
  // not match the signature gets severity info ("named like one, but its
  // content is not one"): where the name alone is ambiguous (*.dump).
  bool signature_decides = false;
  // File rule with a signature: whether content matching it flags a file
  // whatever its name (true), or only vets files matched by name (false:
  // a browser's "Login Data" is an SQLite database, but so is much else).
  bool signature_alone = true;
  // File rule with a signature: starts of files that match it and that do
  // not (`rules check` holds the rule to them). In YAML, \xHH is a byte and
  // \n, \r, \t, \0 and \\ the usual escapes; the loader decodes them.
  std::vector<std::string> content_examples;
  std::vector<std::string> content_negatives;
  // Content rule: text that, right before the secret (case-insensitive),
  // makes the match no secret (an AWS key id in a presigned URL's
  // X-Amz-Credential is public there).
  std::vector<std::string> not_after;
  std::vector<std::string> keywords;  // literals; informational for now
  double min_entropy = 0;             // Shannon bits per byte of the secret
  double min_value_score = 0;         // ValueScore() bits per character; 0 = off
  // A secret below min_entropy gets low confidence instead of being dropped
  // (distinctive formats whose IDs may be repetitive: xoxa-2-5111...), unless
  // one character makes up most of it (a zero-filled placeholder).
  bool entropy_lowers = false;
  // A value below min_entropy or min_value_score is still a secret when it
  // is shaped like a password someone made up (LooksLikeMadePassword:
  // Harbor2003, amber*964E, 58574916): for rules whose key says password.
  bool weak_passwords = false;
  std::string validate;  // named structural check, or empty
  // Lengths of the secret that the format's issuer produces, as inclusive
  // ranges. A distinctive-prefix rule matches any plausible length and gives
  // a secret of another length medium confidence; empty: every length is.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> canonical_lengths;
  bool placeholders = true;  // drop secrets that look like placeholders
  Severity severity = Severity::kHigh;
  Confidence confidence = Confidence::kMedium;
  std::string category;
  std::string description;
  std::string remediation;
  // Whose credential it is ("github", "stripe"); default: the id's first
  // part. Where the format's facts come from (the provider's documentation,
  // mostly): URLs or short citations.
  std::string provider;
  std::vector<std::string> references;
  std::vector<std::string> examples;
  std::vector<std::string> negative_examples;
  // Lines the rule finds only at low confidence (a checksum that does not
  // verify, a value of low entropy); `rules check` holds it to that.
  std::vector<std::string> low_examples;
  // Where the rule was defined, for messages: "patterns/aws.yaml:12".
  std::string origin;

  bool is_file_rule() const { return !paths.empty(); }
  friend bool operator==(const Rule&, const Rule&) = default;
  // A rule that finds secrets by their context (a secret-named key, a URL's
  // userinfo) rather than by a provider's format: category "generic".
  bool is_generic() const { return category == "generic"; }
};

// How much of a file's start a file rule's signature sees.
inline constexpr std::size_t kSignatureBytes = 1024;

// Parses one YAML rule file (a top-level `rules:` list). `source` names the
// file in errors, which carry its line: "aws.yaml:14: rule aws.x: ...".
// Checks fields and types, not regex syntax (the engine does that).
Result<std::vector<Rule>> ParseRuleFile(std::string_view yaml, std::string_view source);

// Names of the structural checks a rule may ask for in `validate`.
const std::vector<std::string>& KnownValidators();

}  // namespace ctxscan
