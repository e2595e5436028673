// Small byte-string helpers shared across stages.
// Thread safety: pure functions.
//
// Covered by its users' tests (tests/unit/filters_test.cc, tests/unit/rules_test.cc).
#pragma once

#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace ctxscan {

// Whether `file`, a whole file's content, is a Git LFS pointer (under 1 KiB,
// starting with the spec line): the file's real content is in LFS storage.
inline bool IsGitLfsPointer(std::string_view file) {
  return file.size() < 1024 && file.starts_with("version https://git-lfs.github.com/spec/v1\n");
}

// Returns `s` with ASCII letters lowercased; other bytes unchanged.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Returns strerror(err) with a lowercase first letter, as error messages start.
inline std::string ErrnoText(int err) {
  std::string s = std::strerror(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// Returns `s` with ASCII letters uppercased; other bytes unchanged.
inline std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// 64-bit FNV-1a of `s` starting from `seed` (not cryptographic: checksums
// and cache file names only).
inline std::uint64_t Fnv1a64(std::string_view s, std::uint64_t seed = 0xcbf29ce484222325ULL) {
  std::uint64_t h = seed;
  for (char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// The value of hex digit `c`, or -1.
inline int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of base64 digit `c` in the standard or the URL-safe alphabet
// (+ and -, / and _), or -1 (padding '=' included).
inline int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Turns base64 digits (Base64Digit values), added one by one, into bytes;
// callers decide what to skip and where to stop.
class Base64Bytes {
 public:
  void Add(int digit) {
    acc_ = (acc_ << 6) | static_cast<std::uint32_t>(digit);
    bits_ += 6;
    if (bits_ >= 8) {
      bits_ -= 8;
      bytes_.push_back(static_cast<char>((acc_ >> bits_) & 0xFF));
    }
  }
  const std::string& bytes() const { return bytes_; }
  std::string Take() { return std::move(bytes_); }

 private:
  std::string bytes_;
  std::uint32_t acc_ = 0;
  int bits_ = 0;
};

// Calls `visit(part, last)` for each '/'-separated part of `path`, first to
// last (`last`: the final part, the file's name), until it returns true;
// returns whether it did.
template <typename Visit>
bool AnyPathPart(std::string_view path, Visit visit) {
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    const bool last = end == std::string_view::npos;
    if (last) end = path.size();
    if (visit(path.substr(start, end - start), last)) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace ctxscan
