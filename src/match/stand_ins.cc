// Typed stand-ins for secrets; see src/match/stand_ins.h.
#include "match/stand_ins.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "util/text.h"

namespace ctxscan {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// All of `lower` (4 or more characters) lies along one keyboard row.
bool KeyboardRow(std::string_view lower) {
  if (lower.size() < 4) return false;
  for (std::string_view row : {"qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"}) {
    if (row.find(lower) != std::string_view::npos) return true;
  }
  return false;
}

// `lower` is made of counting runs of three or more letters or digits
// (ghi789, abc456, abcd1234), two runs at least.
bool CountingRuns(std::string_view lower) {
  if (lower.size() < 6) return false;
  std::size_t runs = 0;
  std::size_t i = 0;
  while (i < lower.size()) {
    if (std::isalnum(static_cast<unsigned char>(lower[i])) == 0) return false;
    std::size_t j = i + 1;
    while (j < lower.size() && lower[j] == lower[j - 1] + 1 &&
           IsDigit(lower[j]) == IsDigit(lower[i]))
      ++j;
    if (j - i < 3) return false;
    ++runs;
    i = j;
  }
  return runs >= 2;
}

// `lower` with digits and symbols read as the letters they stand for.
std::string Unleet(std::string_view lower) {
  std::string out(lower);
  for (char& c : out) {
    switch (c) {
      case '0':
        c = 'o';
        break;
      case '1':
        c = 'i';
        break;
      case '3':
        c = 'e';
        break;
      case '4':
      case '@':
        c = 'a';
        break;
      case '5':
      case '$':
        c = 's';
        break;
      case '7':
        c = 't';
        break;
      default:
        break;
    }
  }
  return out;
}

bool DemoWord(std::string_view w) {
  // The start of "password" someone stopped typing (passw, passwo).
  if (w.size() >= 5 && std::string_view("password").starts_with(w)) return true;
  for (std::string_view d :
       {"secret", "password", "passwd", "passphrase", "pass",     "token",      "test",    "foo",
        "bar",    "foobar",   "baz",    "qux",        "blah",     "blabla",     "example", "sample",
        "dummy",  "changeme", "apikey", "mytoken",    "mysecret", "mypassword", "admin"}) {
    if (w == d) return true;
  }
  return false;
}

// A demo word spelt with digits for letters (s3cr3t) or followed by digits
// (foobar1, secret1); admin and test with digits (a dev container's test123)
// are left to the value rules.
bool DemoWordVariant(std::string_view lower) {
  if (lower.size() < 4) return false;
  if (DemoWord(Unleet(lower)) && lower != "admin") return true;
  std::size_t end = lower.size();
  while (end > 0 && IsDigit(lower[end - 1])) --end;
  const std::string_view word = lower.substr(0, end);
  return end < lower.size() && end >= 3 && word != "admin" && word != "test" && DemoWord(word);
}

// Demo words joined by ':', '/', '_', '.' or '-' (foo:bar, test_test).
bool JoinedDemoWords(std::string_view lower) {
  if (lower.find_first_of(":/_.-") == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= lower.size()) {
    std::size_t end = lower.find_first_of(":/_.-", start);
    if (end == std::string_view::npos) end = lower.size();
    if (!DemoWord(lower.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

// A short unit typed over and over, six characters or more (yadayada,
// blahblah, abcabc, testtest).
bool RepeatedUnit(std::string_view lower) {
  if (lower.size() < 6) return false;
  for (std::size_t unit = 2; unit <= 4 && unit * 2 <= lower.size(); ++unit) {
    if (lower.size() % unit != 0) continue;
    bool same = true;
    for (std::size_t i = unit; i < lower.size() && same; ++i) same = lower[i] == lower[i - unit];
    if (same) return true;
  }
  return false;
}

bool ValidationRule(std::string_view lower) {
  if (lower.find('|') == std::string_view::npos) return false;
  for (std::string_view w : {"required", "nullable", "string", "min:", "max:", "confirmed", "email",
                             "numeric", "sometimes"}) {
    std::size_t at = lower.find(w);
    while (at != std::string_view::npos) {
      const bool starts = at == 0 || lower[at - 1] == '|';
      const std::size_t after = at + w.size();
      const bool ends = w.back() == ':' || after == lower.size() || lower[after] == '|';
      if (starts && ends) return true;
      at = lower.find(w, at + 1);
    }
  }
  return false;
}

// _HEARTBEAT_PASS_: capitals and underscores, starting and ending with '_'.
bool UnderscoreMarker(std::string_view s) {
  if (s.size() < 4 || s.front() != '_' || s.back() != '_') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

// Letters (and '_' or '-') only, or a trailing digit, with a secret's name
// inside: ENVTOKEN, myJwtSecret, my_oauth_token, passphrase1.
bool NamesASecret(std::string_view lower) {
  // A long phrase is a value someone made to be a key, however it reads
  // (SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes signs real tokens).
  if (lower.size() > 32) return false;
  std::size_t end = lower.size();
  if (end > 0 && IsDigit(lower[end - 1])) --end;
  const std::string_view body = lower.substr(0, end);
  if (body.empty() || std::any_of(body.begin(), body.end(), [](char c) {
        return !((c >= 'a' && c <= 'z') || c == '_' || c == '-');
      }))
    return false;
  for (std::string_view w :
       {"token", "secret", "passwd", "passphrase", "apikey", "api_key", "pwd", "oauth", "bearer"}) {
    if (body.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// One character makes up more than 80% of `s` once %XX escapes are removed
// (AAAA%2FAAA%3DAAAAAAAA, and AAAA/AAA=AAAAAAAA as the URL-decoded view reads it).
bool RepeatedThroughEscapes(std::string_view s) {
  std::string plain;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      i += 2;
      continue;
    }
    plain += s[i];
  }
  if (plain.size() < 8) return false;
  std::array<std::size_t, 256> counts{};
  std::size_t most = 0;
  for (char c : plain) most = std::max(most, ++counts[static_cast<unsigned char>(c)]);
  return most * 10 > plain.size() * 8;
}

}  // namespace

bool LooksLikeTypedStandIn(std::string_view secret) {
  const std::string lower = AsciiLower(secret);
  return KeyboardRow(lower) || CountingRuns(lower) || DemoWordVariant(lower) ||
         JoinedDemoWords(lower) || RepeatedUnit(lower) || ValidationRule(lower) ||
         UnderscoreMarker(secret) || NamesASecret(lower) || RepeatedThroughEscapes(secret);
}

}  // namespace ctxscan
