// Byte-exact equivalents of the few Go standard-library string and path
// functions that decide how Docker reads .dockerignore: filepath.Clean,
// filepath.Dir, strings.TrimSpace and utf8.DecodeRuneInString. Docker's
// behaviour on odd input (invalid UTF-8, Unicode spaces, "..") follows from
// these functions, so ctxscan reproduces them rather than approximating.
//
// Covered by tests/unit/go_path_test.cc. Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ctxscan::go {

// The Unicode replacement character, which Go yields for an invalid byte.
inline constexpr char32_t kRuneError = 0xFFFD;

struct DecodedRune {
  char32_t rune;
  std::size_t width;  // bytes consumed; 1 for an invalid byte; 0 only at end
};

// Decodes the rune at the start of `s` as utf8.DecodeRuneInString does: an
// invalid or truncated sequence decodes as (kRuneError, 1).
DecodedRune DecodeRune(std::string_view s);

// Reports whether `s` is entirely valid UTF-8.
bool ValidUtf8(std::string_view s);

// Appends the UTF-8 encoding of `r` to `out`.
void AppendRune(char32_t r, std::string* out);

// Returns `s` without leading and trailing Unicode white space (strings.TrimSpace).
std::string_view TrimSpace(std::string_view s);

// Returns the shortest path equivalent to `path` by purely lexical processing
// (filepath.Clean on Unix): "a//b/./c/.." -> "a/b", "" -> ".", "/.." -> "/".
std::string Clean(std::string_view path);

// Returns all but the last element of `path`, cleaned (filepath.Dir).
std::string Dir(std::string_view path);

// Returns the last element of `path`, trailing slashes removed
// (filepath.Base): "a/b" -> "b", "a/b/" -> "b", "" -> ".", "//" -> "/".
std::string_view Base(std::string_view path);

}  // namespace ctxscan::go
