// Key and call context of a generic value; see src/match/key_context.h.
#include "match/key_context.h"

#include <algorithm>
#include <cctype>

#include "util/text.h"

namespace ctxscan {
namespace {

bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool OneOf(std::string_view word, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

}  // namespace

std::vector<std::string> IdentifierWords(std::string_view identifier) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < identifier.size(); ++i) {
    const auto c = static_cast<unsigned char>(identifier[i]);
    if (std::isalnum(c) == 0) {
      flush();
      continue;
    }
    const bool upper = std::isupper(c) != 0;
    if (upper && i > 0) {
      const auto prev = static_cast<unsigned char>(identifier[i - 1]);
      const bool next_lower = i + 1 < identifier.size() &&
                              std::islower(static_cast<unsigned char>(identifier[i + 1])) != 0;
      // fooBar, fooBAR: a capital after a lower-case letter or digit starts a
      // word; HMACSecret: the last capital of a run before a lower-case letter.
      if (std::islower(prev) != 0 || std::isdigit(prev) != 0 ||
          (std::isupper(prev) != 0 && next_lower))
        flush();
    }
    word += static_cast<char>(std::tolower(c));
  }
  flush();
  return words;
}

bool KeyLabelsOrPublishes(std::string_view key) {
  const std::vector<std::string> words = IdentifierWords(key);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (OneOf(w, {"label", "lbl", "placeholder", "hint", "prompt", "title", "caption", "tooltip",
                  "heading", "desc", "description", "help", "i18n", "translation", "publishable"}))
      return true;
    // publicKey, public_key_pem, PublicKeyToken (.NET's strong-name key
    // token); a PublicDataToken cookie can still be a session.
    if (w == "public" && i + 1 < words.size() && words[i + 1] == "key") return true;
    // sudoers' NOPASSWD: tag; OAuth 1.0's oauth_nonce, sent in clear with
    // every request.
    if (w == "nopasswd" || w == "nopass") return true;
    if (w == "oauth" && i + 1 < words.size() && words[i + 1] == "nonce") return true;
  }
  return false;
}

bool CallTakesOtherArguments(std::string_view before, std::string_view after) {
  // Back over the opening quote (escaped or a string prefix such as r or @)
  // and blanks to the parenthesis.
  std::size_t end = before.size();
  if (end > 0 && std::string_view("\"'`").find(before[end - 1]) != std::string_view::npos) --end;
  if (end > 0 && before[end - 1] == '\\') --end;
  if (end > 0 && std::string_view("rRbBuU@$").find(before[end - 1]) != std::string_view::npos &&
      (end < 2 || !IsIdentChar(before[end - 2])))
    --end;
  while (end > 0 && (before[end - 1] == ' ' || before[end - 1] == '\t')) --end;
  if (end == 0 || before[end - 1] != '(') return false;
  --end;
  std::size_t start = end;
  while (start > 0 && IsIdentChar(before[start - 1])) --start;
  const std::string_view name = before.substr(start, end - start);
  if (OneOf(name, {"Some", "String", "string", "str", "Str", "Secret", "SecretStr", "SecretString",
                   "Password", "StringPtr", "Ptr", "of", "b64decode"}))
    return false;
  // The value must be the only argument: its closing quote, blanks, ')'.
  std::size_t at = 0;
  if (at < after.size() && after[at] == '\\') ++at;
  if (at < after.size() && std::string_view("\"'`").find(after[at]) != std::string_view::npos) ++at;
  while (at < after.size() && (after[at] == ' ' || after[at] == '\t')) ++at;
  if (at >= after.size() || after[at] != ')') return true;
  const std::vector<std::string> words = IdentifierWords(name);
  if (words.empty()) return true;
  // A function that reads, makes, tests or shows a secret takes something
  // else: get_password("service"), testAdminToken("name"), isValidToken("x").
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return OneOf(
        w, {"get",   "fetch",   "load",   "read",     "find",   "lookup",  "resolve", "retrieve",
            "query", "request", "create", "generate", "gen",    "make",    "random",  "mock",
            "fake",  "test",    "verify", "validate", "valid",  "invalid", "check",   "has",
            "is",    "parse",   "decode", "encode",   "revoke", "refresh", "delete",  "remove",
            "clear", "expect",  "assert", "print",    "log",    "show",    "display", "format",
            "from",  "by",      "for"});
  });
}

bool LineSaysExample(std::string_view before) {
  const std::size_t newline = before.find_last_of('\n');
  const std::string_view line =
      newline == std::string_view::npos ? before : before.substr(newline + 1);
  const std::string lower = AsciiLower(line);
  for (std::size_t at = lower.find("example"); at != std::string::npos;
       at = lower.find("example", at + 1)) {
    // Not a host or a path: sql.example.com, /tmp/example:2:.
    const bool starts = at == 0 || (std::isalpha(static_cast<unsigned char>(lower[at - 1])) == 0 &&
                                    lower[at - 1] != '.' && lower[at - 1] != '/');
    const std::size_t end = at + 7;
    if (end < lower.size() && (lower[end] == '.' || lower[end] == '/')) continue;
    const bool ends =
        end == lower.size() || std::isalpha(static_cast<unsigned char>(lower[end])) == 0 ||
        (lower[end] == 's' && (end + 1 == lower.size() ||
                               std::isalpha(static_cast<unsigned char>(lower[end + 1])) == 0));
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace ctxscan
