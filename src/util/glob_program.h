// A small matcher for the regular expressions that Docker builds from
// .dockerignore patterns. Docker turns a pattern into a Go regexp ('*' ->
// [^/]*, '?' -> [^/], '**/' -> (.*/)?, a trailing '**' -> .*) and runs Go's
// regexp engine on every path. For the common shapes a bit-parallel NFA over
// at most 63 tokens is far cheaper than a general engine, and a literal prefix
// and suffix reject most paths before the NFA runs at all.
//
// Semantics are Go's: the input is read as runes, an invalid byte reads as
// U+FFFD, '.' never matches '\n', negated classes do. Patterns outside the
// supported subset (escaped letters or digits, non-ASCII literals, '^' outside
// a class, classes with anything but letters, digits, '.', '_' and ranges)
// are not compiled here; Pattern falls back to RE2 for them. The equivalence
// with RE2 on the supported subset is checked by tests/unit/glob_program_test.cc.
//
// Thread safety: immutable after Compile; Match may run in many threads.
//
// Covered by tests/unit/pattern_test.cc, tests/unit/conformance_test.cc and
// differential.docker_cli.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

class GlobProgram {
 public:
  enum class Op : std::uint8_t {
    kLiteral,  // one ASCII byte
    kStar,     // [^/]*
    kAnyRune,  // [^/]
    kClass,    // [...] or [^...]
    kAnyDirs,  // (.*/)?
    kAnyTail,  // .*
  };
  struct Token {
    Op op;
    char literal = 0;
    bool negated = false;
    std::vector<std::pair<char32_t, char32_t>> ranges;  // kClass only
  };
  // Returns a token of kind `op` (with `literal` for kLiteral).
  static Token Make(Op op, char literal = 0) { return Token{op, literal, false, {}}; }

  // Appends a token; Compile-time only.
  void Add(Token t) { tokens_.push_back(std::move(t)); }
  // Finishes construction; returns false when the program is too long for
  // the bit-parallel matcher.
  bool Finish();

  // Reports whether `path` matches the whole program.
  bool Match(std::string_view path) const;

 private:
  std::uint64_t Closure(std::uint64_t at, std::uint64_t* loop) const;
  bool TokenAccepts(const Token& t, char32_t r) const;

  std::vector<Token> tokens_;
  std::string prefix_;  // literal bytes every match starts with
  std::string suffix_;  // literal bytes every match ends with
  std::string inner_;   // the longest literal run between them: must occur
  // The common shapes "*.ext", "name*", "**/*.ext": an optional leading
  // (.*/)? and then literals around at most one [^/]*, none of them '/'.
  // Such a program is decided by comparing the last path component's ends.
  bool simple_ = false;
  bool simple_any_dirs_ = false;
  bool simple_star_ = false;
  std::string simple_head_;
  std::string simple_tail_;
  bool MatchSimple(std::string_view path) const;

  std::uint64_t epsilon_ = 0;   // tokens that may match the empty string
  std::uint64_t any_dirs_ = 0;  // kAnyDirs tokens
};

}  // namespace ctxscan
