// One .dockerignore pattern, matched exactly as Docker matches it
// (moby/patternmatcher Pattern). Docker classifies each pattern:
//   exact   - no wildcard: the path must equal the pattern text;
//   prefix  - a trailing "**" after literal text: the path must start with it;
//   suffix  - a leading "**": the path must end with the rest, or equal it
//             without its leading '/';
//   regexp  - anything else: a Go regexp built from the pattern.
// Those shortcuts are not always equivalent to the regexp (for instance an
// escaped character is compared literally, backslash included, in an exact
// pattern), and Docker's answer is the shortcut's, so ctxscan keeps them.
// A regexp that does not compile makes every match fail with an error, which
// is when Docker fails the build.
//
// Covered by tests/unit/pattern_test.cc and the conformance vectors.
// Thread safety: immutable after construction; Match may run in many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace ctxscan {

class GlobProgram;

class Pattern {
 public:
  enum class Type { kExact, kPrefix, kSuffix, kRegexp };
  enum class Outcome { kNoMatch, kMatch, kBadPattern };

  // Builds a pattern from its cleaned text (without the '!' of an exception).
  // Never fails: a pattern whose regexp is invalid reports kBadPattern when
  // matched, and error() says why.
  Pattern(std::string text, bool exclusion, int line);

  // Matches a slash-separated path relative to the context root.
  Outcome Match(std::string_view path) const;

  const std::string& text() const { return text_; }
  bool exclusion() const { return exclusion_; }
  // 1-based line in the ignore file; 0 for a pattern ctxscan added itself.
  int line() const { return line_; }
  Type type() const { return type_; }
  // The Go regexp Docker would compile (empty unless type() is kRegexp).
  const std::string& regexp() const { return regexp_; }
  // Why the regexp does not compile; empty when it does.
  const std::string& error() const { return error_; }

 private:
  void Compile();

  std::string text_;
  bool exclusion_ = false;
  int line_ = 0;
  Type type_ = Type::kExact;
  std::string regexp_;
  std::string error_;
  // Immutable once compiled, so copies of a Pattern share them.
  std::shared_ptr<const GlobProgram> glob_;  // fast path for regexp patterns
  std::shared_ptr<const re2::RE2> re2_;      // fallback when glob_ cannot express it
};

}  // namespace ctxscan
