// Recognising rules for the keyed gate; see src/match/keyed_gate.h.
#include "match/keyed_gate.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "match/regex_text.h"

namespace ctxscan {
namespace {

// The words an anchor may end a key with. A word outside this list would
// make the anchor hit ordinary code often; such rules stay always-on.
constexpr std::array<std::string_view, 15> kAnchorWords = {
    "apikey",   "auth", "key",        "keys", "keystring", "pass",      "passphrase", "passwd",
    "password", "pat",  "privatekey", "pwd",  "secret",    "secretkey", "token"};

bool IsAnchorWord(std::string_view w) {
  return std::find(kAnchorWords.begin(), kAnchorWords.end(), w) != kAnchorWords.end();
}

// {0,n}, {0,n}?, * or *?: may repeat zero or more times, possibly bounded.
bool IsZeroOrMore(std::string_view q) {
  if (q == "*" || q == "*?") return true;
  if (q.size() < 5 || q.substr(0, 3) != "{0,") return false;
  std::size_t i = 3;
  while (i < q.size() && std::isdigit(static_cast<unsigned char>(q[i])) != 0) ++i;
  return i > 3 && (q.substr(i) == "}" || q.substr(i) == "}?");
}

// Any repetition count, including none, or exactly one.
bool IsAnyRepeat(std::string_view q) {
  if (q.empty() || q == "?" || q == "+" || IsZeroOrMore(q)) return true;
  if (q.front() != '{') return false;
  const std::size_t close = q.find('}');
  return close != std::string_view::npos && q.find_first_not_of("0123456789,", 1) == close &&
         (q.size() == close + 1 || q.substr(close + 1) == "?");
}

// The class or escape at the start of `item` and the rest of it.
std::pair<std::string_view, std::string_view> Body(std::string_view item) {
  std::size_t end = 1;
  if (item.front() == '[') {
    end = SkipClass(item, 0);
  } else if (item.front() == '\\') {
    end = 2;
  }
  if (end == std::string_view::npos || end > item.size()) return {{}, {}};
  return {item.substr(0, end), item.substr(end)};
}

// Whether the class body `[...]` holds only the given escapes and bytes.
bool ClassOf(std::string_view cls, std::string_view escapes, std::string_view bytes) {
  if (cls.size() < 3 || cls.front() != '[' || cls[1] == '^') return false;
  for (std::size_t i = 1; i + 1 < cls.size(); ++i) {
    bool allowed = false;
    if (cls[i] == '\\' && i + 2 < cls.size()) {
      // An escape from `escapes`, or an escaped punctuation byte (that byte).
      const char e = cls[++i];
      allowed = escapes.find(e) != std::string_view::npos ||
                (std::isalnum(static_cast<unsigned char>(e)) == 0 &&
                 bytes.find(e) != std::string_view::npos);
    } else if (i + 3 < cls.size() && cls[i + 1] == '-' && cls[i + 2] != '\\') {
      // A range such as A-Z: every byte in it must be allowed.
      allowed = true;
      for (int c = static_cast<unsigned char>(cls[i]); c <= static_cast<unsigned char>(cls[i + 2]);
           ++c) {
        allowed = allowed && bytes.find(static_cast<char>(c)) != std::string_view::npos;
      }
      i += 2;
    } else {
      // A '-' inside the class here starts a range from an escape: refused.
      allowed = (cls[i] != '-' || i == 1 || i + 2 == cls.size()) &&
                bytes.find(cls[i]) != std::string_view::npos;
    }
    if (!allowed) return false;
  }
  return true;
}

constexpr std::string_view kWordBytes =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

// A run of identifier characters or of anything on the line.
bool IsGap(std::string_view item) {
  auto [body, q] = Body(item);
  if (body.empty() || !IsZeroOrMore(q)) return false;
  return body == "." || body == "\\w" || ClassOf(body, "w", kWordBytes);
}

bool IsQuote(std::string_view item) {
  auto [body, q] = Body(item);
  return q == "?" && (body == "\"" || body == "'" || ClassOf(body, "", "\"'"));
}

bool IsBlanks(std::string_view item) {
  auto [body, q] = Body(item);
  return IsAnyRepeat(q) && (body == "\\s" || body == " " || ClassOf(body, "stnfr", " \t"));
}

// Every match of the alternative `a` starts with ':', '=' or '>'.
bool OperatorAlternative(std::string_view a) {
  if (a.empty()) return false;
  std::size_t first_end = 1;
  if (a.front() == '[') {
    first_end = SkipClass(a, 0);
    if (first_end == std::string_view::npos || !ClassOf(a.substr(0, first_end), "", ":=>")) {
      return false;
    }
  } else if (a.front() != ':' && a.front() != '=' && a.front() != '>') {
    return false;
  }
  // The first character must not be optional or repeated.
  return first_end >= a.size() ||
         (a[first_end] != '?' && a[first_end] != '*' && a[first_end] != '{' && a[first_end] != '+');
}

// Every match starts with ':', '=' or '>'.
bool IsOperator(std::string_view item) {
  if (item == ":" || item == "=") return true;
  if (item.front() == '[') return ClassOf(item, "", ":=>");
  const std::vector<std::string_view> alternatives = GroupAlternatives(item);
  if (alternatives.empty()) return false;
  return std::all_of(alternatives.begin(), alternatives.end(), OperatorAlternative);
}

bool IsPlainGroup(std::string_view item) {
  return item.size() >= 2 && item.front() == '(' && item.back() == ')' &&
         SkipGroup(item, 0) == item.size() && item.substr(0, 3) != "(?P" &&
         !GroupAlternatives(item).empty();
}

// The lower-case words the alternatives of `group` end with, or nothing when
// one of them does not end in a literal anchor word (or in a group, without
// quantifier, whose alternatives all do).
std::optional<std::vector<std::string>> EndWords(std::string_view group, int depth = 0) {
  std::vector<std::string> words;
  for (std::string_view a : GroupAlternatives(group)) {
    if (a.find("\\Q") != std::string_view::npos) return std::nullopt;
    if (!a.empty() && a.back() == ')') {
      const std::vector<std::string_view> items = TopLevelItems(a);
      if (items.empty() || depth > 4 || !IsPlainGroup(items.back())) return std::nullopt;
      std::optional<std::vector<std::string>> inner = EndWords(items.back(), depth + 1);
      if (!inner) return std::nullopt;
      for (std::string& w : *inner) {
        if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
      }
      continue;
    }
    std::size_t start = a.size();
    while (start > 0 && std::isalpha(static_cast<unsigned char>(a[start - 1])) != 0) --start;
    // The first letter of "\bkey" is the escape's, not the word's.
    if (start > 0 && a[start - 1] == '\\') ++start;
    if (a.size() < start + 3) return std::nullopt;
    std::string w(a.substr(start));
    std::transform(w.begin(), w.end(), w.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!IsAnchorWord(w)) return std::nullopt;
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
  }
  if (words.empty()) return std::nullopt;
  return words;
}

bool Anchored(std::string_view text) {
  return text.find_first_of("^$") != std::string_view::npos ||
         text.find("\\A") != std::string_view::npos || text.find("\\z") != std::string_view::npos;
}

}  // namespace

std::optional<KeyedGate> FindKeyedGate(std::string_view pattern) {
  const std::size_t flags = LeadingFlags(pattern);
  const std::string_view flag_text = pattern.substr(0, flags);
  if (flag_text.find('s') != std::string_view::npos ||
      flag_text.find('m') != std::string_view::npos) {
    return std::nullopt;
  }
  const std::vector<std::string_view> items = TopLevelItems(pattern.substr(flags));
  if (items.size() < 3 || !IsPlainGroup(items[0]) || Anchored(items[0])) return std::nullopt;
  std::size_t k = 1;
  std::string_view words_from = items[0];
  if (IsGap(items[k]) && k + 1 < items.size() && IsPlainGroup(items[k + 1])) {
    words_from = items[k + 1];
    k += 2;
  } else if (IsPlainGroup(items[k])) {
    words_from = items[k++];
  }
  if (k < items.size() && IsQuote(items[k])) ++k;
  if (k < items.size() && IsBlanks(items[k])) ++k;
  if (k >= items.size() || !IsOperator(items[k])) return std::nullopt;
  std::optional<std::vector<std::string>> words = EndWords(words_from);
  if (!words) return std::nullopt;
  KeyedGate gate;
  gate.brand = std::string(flag_text) + std::string(items[0]);
  const std::size_t prefix_end =
      static_cast<std::size_t>(items[k].data() + items[k].size() - pattern.data());
  gate.prefix = std::string(pattern.substr(0, prefix_end));
  gate.words = std::move(*words);
  return gate;
}

std::string KeyedGateAnchor(const std::vector<std::string>& words) {
  std::vector<std::string> sorted = words;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string out = "(?i:";
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out += '|';
    out += sorted[i];
  }
  return out + ")[\"']?\\s*[:=>]";
}

}  // namespace ctxscan
