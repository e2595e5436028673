// Reading RE2 pattern text; see src/match/regex_text.h.
#include "match/regex_text.h"

#include <algorithm>
#include <cctype>

namespace ctxscan {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;

// Index just past the quantifier at `i` (none: `i`).
std::size_t SkipQuantifier(std::string_view s, std::size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '?' || s[i] == '*' || s[i] == '+') {
    ++i;
  } else if (s[i] == '{') {
    std::size_t j = i + 1;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) != 0 || s[j] == ',')) {
      ++j;
    }
    // "{" not followed by digits and "}" is a literal brace in RE2.
    if (j == i + 1 || j >= s.size() || s[j] != '}') return i;
    i = j + 1;
  } else {
    return i;
  }
  if (i < s.size() && s[i] == '?') ++i;  // lazy
  return i;
}

// Index just past the escape at `i` (a backslash), or npos: "\Q...\E"
// whole (or to the end without "\E"); "\xHH", "\x{...}", "\pL",
// "\p{...}" (and \P) and up to three octal digits whole, as RE2 reads
// them; any other escape is the backslash and one character.
std::size_t SkipEscape(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return kNpos;
  const char c = s[i + 1];
  if (c == 'Q') {
    const std::size_t end = s.find("\\E", i + 2);
    return end == kNpos ? s.size() : end + 2;
  }
  if ((c == 'x' || c == 'p' || c == 'P') && i + 2 < s.size() && s[i + 2] == '{') {
    const std::size_t close = s.find('}', i + 3);
    return close == kNpos ? kNpos : close + 1;
  }
  if (c == 'x') return std::min(i + 4, s.size());
  if (c == 'p' || c == 'P') return std::min(i + 3, s.size());
  if (c >= '0' && c <= '7') {
    std::size_t end = i + 2;
    while (end < s.size() && end < i + 4 && s[end] >= '0' && s[end] <= '7') ++end;
    return end;
  }
  return i + 2;
}

// Index just past the class member at `i` (inside a class).
std::size_t MemberEnd(std::string_view s, std::size_t i) {
  if (s[i] == '\\') {
    if (i + 1 < s.size() && s[i + 1] == 'Q') return i + 2;  // no quoting in a class
    return std::min(SkipEscape(s, i), s.size());
  }
  if (s.substr(i, 2) == "[:") {
    const std::size_t end = s.find(":]", i + 2);
    if (end != kNpos) return end + 2;
  }
  return i + 1;
}

// Index of the first member of the class at `i`, past "[" or "[^".
std::size_t FirstMember(std::string_view s, std::size_t i) {
  ++i;
  if (i < s.size() && s[i] == '^') ++i;
  return i;
}

}  // namespace

std::size_t LeadingFlags(std::string_view pattern) {
  std::size_t i = 0;
  while (pattern.substr(i, 2) == "(?") {
    std::size_t j = i + 2;
    while (j < pattern.size() &&
           (std::isalpha(static_cast<unsigned char>(pattern[j])) != 0 || pattern[j] == '-')) {
      ++j;
    }
    if (j == i + 2 || j >= pattern.size() || pattern[j] != ')') break;
    i = j + 1;
  }
  return i;
}

std::size_t SkipClass(std::string_view s, std::size_t i) {
  i = FirstMember(s, i);
  if (i < s.size() && s[i] == ']') ++i;  // a leading ']' is a literal
  while (i < s.size()) {
    if (s[i] == ']') return i + 1;
    i = MemberEnd(s, i);
  }
  return kNpos;
}

std::vector<std::string_view> ClassMembers(std::string_view cls, bool* negated) {
  std::size_t i = FirstMember(cls, 0);
  *negated = i == 2;
  std::vector<std::string_view> members;
  const std::size_t close = cls.size() - 1;
  while (i < close) {
    const std::size_t end = MemberEnd(cls, i);
    members.push_back(cls.substr(i, end - i));
    i = end;
  }
  return members;
}

std::size_t TokenEnd(std::string_view s, std::size_t i) {
  if (s[i] == '\\') return SkipEscape(s, i);
  if (s[i] == '[') return SkipClass(s, i);
  return i + 1;
}

std::size_t SkipGroup(std::string_view s, std::size_t i) {
  int depth = 0;
  while (i < s.size()) {
    const std::size_t end = TokenEnd(s, i);
    if (end == kNpos) return kNpos;
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return end;
    i = end;
  }
  return kNpos;
}

std::vector<std::string_view> TopLevelItems(std::string_view pattern) {
  std::vector<std::string_view> items;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '|' || pattern[i] == ')') return {};
    std::size_t end = pattern[i] == '(' ? SkipGroup(pattern, i) : TokenEnd(pattern, i);
    if (end == kNpos) return {};
    end = SkipQuantifier(pattern, end);
    items.push_back(pattern.substr(i, end - i));
    i = end;
  }
  return items;
}

std::vector<std::string_view> GroupAlternatives(std::string_view group) {
  if (group.size() < 2 || group.front() != '(' || group.back() != ')' ||
      SkipGroup(group, 0) != group.size()) {
    return {};
  }
  std::size_t body = 1;
  if (group.substr(1, 3) == "?P<") {
    body = group.find('>');
    if (body == kNpos) return {};
    ++body;
  } else if (group.substr(1, 1) == "?") {
    body = group.find(':');
    if (body == kNpos) return {};
    ++body;
  }
  std::vector<std::string_view> out;
  const std::string_view inner = group.substr(body, group.size() - 1 - body);
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < inner.size();) {
    const std::size_t end = TokenEnd(inner, i);
    if (end == kNpos) return {};
    const char c = inner[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == '|' && depth == 0) {
      out.push_back(inner.substr(start, i - start));
      start = end;
    }
    i = end;
  }
  out.push_back(inner.substr(start));
  return out;
}

}  // namespace ctxscan
