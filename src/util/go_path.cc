// Ports of Go's path and string helpers; see src/util/go_path.h.
#include "util/go_path.h"

#include <cstdint>

namespace ctxscan::go {
namespace {

bool IsGoSpace(char32_t r) {
  // unicode.IsSpace: Latin-1 spaces plus the White_Space property.
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

// Decodes the last rune of `s` (utf8.DecodeLastRuneInString).
DecodedRune DecodeLastRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  const auto last = static_cast<unsigned char>(s.back());
  if (last < 0x80) return {last, 1};
  // Back up over at most three continuation bytes to a start byte.
  std::size_t start = s.size() - 1;
  const std::size_t lim = s.size() >= 4 ? s.size() - 4 : 0;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  const DecodedRune d = DecodeRune(s.substr(start));
  if (start + d.width != s.size()) return {kRuneError, 1};
  return d;
}

}  // namespace

DecodedRune DecodeRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return {b0, 1};
  auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    if (i >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[i]);
    return b >= lo && b <= hi;
  };
  auto bits = [&](std::size_t i) { return static_cast<char32_t>(s[i] & 0x3F); };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return {kRuneError, 1};
    return {(static_cast<char32_t>(b0 & 0x1F) << 6) | bits(1), 2};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    // Exclude overlong forms (E0 80..9F) and surrogates (ED A0..BF).
    const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2)) return {kRuneError, 1};
    return {(static_cast<char32_t>(b0 & 0x0F) << 12) | (bits(1) << 6) | bits(2), 3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return {kRuneError, 1};
    return {(static_cast<char32_t>(b0 & 0x07) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3),
            4};
  }
  return {kRuneError, 1};
}

bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const DecodedRune d = DecodeRune(s.substr(i));
    if (d.rune == kRuneError && d.width == 1) return false;
    i += d.width;
  }
  return true;
}

void AppendRune(char32_t r, std::string* out) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty()) {
    const DecodedRune d = DecodeRune(s);
    if (!(d.width > 1 || d.rune != kRuneError) || !IsGoSpace(d.rune)) break;
    s.remove_prefix(d.width);
  }
  while (!s.empty()) {
    const DecodedRune d = DecodeLastRune(s);
    if (!IsGoSpace(d.rune)) break;
    s.remove_suffix(d.width);
  }
  return s;
}

std::string Clean(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  std::string out;
  out.reserve(path.size());
  if (rooted) out.push_back('/');
  // `dotdot` is the length of `out` below which ".." cannot back up.
  std::size_t dotdot = out.size();
  std::size_t r = rooted ? 1 : 0;
  const std::size_t n = path.size();
  while (r < n) {
    if (path[r] == '/' || (path[r] == '.' && (r + 1 == n || path[r + 1] == '/'))) {
      ++r;  // an empty or "." element
    } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        // Back up to the previous separator.
        std::size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out.push_back('/');
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out.push_back('/');
      while (r < n && path[r] != '/') out.push_back(path[r++]);
    }
  }
  if (out.empty()) return ".";
  return out;
}

std::string_view Base(std::string_view path) {
  if (path.empty()) return ".";
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/") return path;
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string Dir(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view dir = slash == std::string_view::npos ? "" : path.substr(0, slash + 1);
  return Clean(dir);
}

}  // namespace ctxscan::go
