// Port of Go's path/filepath.Match (Unix flavour, Go >= 1.16, which checks the
// whole pattern for syntax errors even after a mismatch).
#include "util/go_glob.h"

#include "util/go_path.h"

namespace ctxscan::go {
namespace {

struct Chunk {
  bool star;
  std::string_view chunk;
  std::string_view rest;
};

// Splits off the leading run of '*' and the literal chunk that follows it.
Chunk ScanChunk(std::string_view pattern) {
  bool star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    star = true;
  }
  bool in_range = false;
  std::size_t i = 0;
  for (; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) ++i;
    } else if (c == '[') {
      in_range = true;
    } else if (c == ']') {
      in_range = false;
    } else if (c == '*' && !in_range) {
      break;
    }
  }
  return {star, pattern.substr(0, i), pattern.substr(i)};
}

// Reads one possibly escaped character of a class (getEsc).
bool GetEsc(std::string_view* chunk, char32_t* r, std::string* error) {
  std::string_view c = *chunk;
  if (c.empty() || c[0] == '-' || c[0] == ']') {
    *error = c.empty() ? "unclosed '['" : "unexpected '" + std::string(1, c[0]) + "' in class";
    return false;
  }
  if (c[0] == '\\') {
    c.remove_prefix(1);
    if (c.empty()) {
      *error = "trailing '\\' in class";
      return false;
    }
  }
  const DecodedRune d = DecodeRune(c);
  if (d.rune == kRuneError && d.width == 1) {
    *error = "invalid UTF-8 in class";
    return false;
  }
  *r = d.rune;
  c.remove_prefix(d.width);
  if (c.empty()) {
    *error = "unclosed '['";
    return false;
  }
  *chunk = c;
  return true;
}

struct ChunkMatch {
  bool ok;
  std::string_view rest;
};

// Matches `chunk` against the start of `s`; keeps scanning the chunk after a
// mismatch so that syntax errors are always found (matchChunk).
ChunkMatch MatchChunk(std::string_view chunk, std::string_view s, std::string* error) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    switch (chunk[0]) {
      case '[': {
        char32_t r = 0;
        if (!failed) {
          const DecodedRune d = DecodeRune(s);
          r = d.rune;
          s.remove_prefix(d.width);
        }
        chunk.remove_prefix(1);
        bool negated = false;
        if (!chunk.empty() && chunk[0] == '^') {
          negated = true;
          chunk.remove_prefix(1);
        }
        bool match = false;
        int nrange = 0;
        while (true) {
          if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
            chunk.remove_prefix(1);
            break;
          }
          char32_t lo = 0;
          if (!GetEsc(&chunk, &lo, error)) return {false, {}};
          char32_t hi = lo;
          if (chunk[0] == '-') {
            chunk.remove_prefix(1);
            if (!GetEsc(&chunk, &hi, error)) return {false, {}};
          }
          if (lo <= r && r <= hi) match = true;
          ++nrange;
        }
        if (match == negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] == '/') failed = true;
          s.remove_prefix(DecodeRune(s).width);
        }
        chunk.remove_prefix(1);
        break;
      case '\\':
        chunk.remove_prefix(1);
        if (chunk.empty()) {
          *error = "trailing '\\'";
          return {false, {}};
        }
        [[fallthrough]];
      default:
        if (!failed) {
          if (chunk[0] != s[0]) failed = true;
          s.remove_prefix(1);
        }
        chunk.remove_prefix(1);
        break;
    }
  }
  if (failed) return {false, {}};
  return {true, s};
}

}  // namespace

GlobResult Match(std::string_view pattern, std::string_view name) {
  GlobResult result;
  std::string& error = result.error;
  while (!pattern.empty()) {
    const Chunk c = ScanChunk(pattern);
    pattern = c.rest;
    if (c.star && c.chunk.empty()) {
      // A trailing star matches the rest of the name unless it has a '/'.
      result.matched = name.find('/') == std::string_view::npos;
      return result;
    }
    ChunkMatch m = MatchChunk(c.chunk, name, &error);
    if (m.ok && (m.rest.empty() || !pattern.empty())) {
      name = m.rest;
      continue;
    }
    if (!error.empty()) return result;
    bool advanced = false;
    if (c.star) {
      // Try skipping i+1 bytes of the name; a star never skips '/'.
      for (std::size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        m = MatchChunk(c.chunk, name.substr(i + 1), &error);
        if (m.ok) {
          if (pattern.empty() && !m.rest.empty()) continue;
          name = m.rest;
          advanced = true;
          break;
        }
        if (!error.empty()) return result;
      }
    }
    if (advanced) continue;
    // Before reporting a mismatch, check the rest of the pattern's syntax.
    while (!pattern.empty()) {
      const Chunk rest = ScanChunk(pattern);
      pattern = rest.rest;
      MatchChunk(rest.chunk, "", &error);
      if (!error.empty()) return result;
    }
    return result;
  }
  result.matched = name.empty();
  return result;
}

}  // namespace ctxscan::go
