// Post-match filters; see include/ctxscan/match/filters.h.
#include "ctxscan/match/filters.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ctxscan/match/rule.h"
#include "match/checksums.h"
#include "match/key_context.h"
#include "match/stand_ins.h"
#include "match/value_score.h"
#include "util/text.h"

namespace ctxscan {
namespace {

// Encodes `v` in base 62 with `alphabet`, left-padded with its zero digit.
std::string Base62(std::uint32_t v, std::string_view alphabet, std::size_t width) {
  std::string out;
  while (v > 0) {
    out.insert(out.begin(), alphabet[v % 62]);
    v /= 62;
  }
  while (out.size() < width) out.insert(out.begin(), alphabet[0]);
  return out;
}

// GitHub's and npm's token format: prefix "xxx_", random base62 characters,
// then 6 base62 characters of the CRC32 of the random part. Published
// descriptions disagree on the digit order of the base62 alphabet, so both
// orders are accepted (a random string passes either with odds of about
// 2 in 62^6).
bool Base62Crc32(std::string_view token) {
  const std::size_t underscore = token.rfind('_');
  std::string_view payload =
      underscore == std::string_view::npos ? token : token.substr(underscore + 1);
  if (payload.size() < 7) return false;
  const std::string_view body = payload.substr(0, payload.size() - 6);
  const std::string_view check = payload.substr(payload.size() - 6);
  const std::uint32_t crc = Crc32(body);
  return check ==
             Base62(crc, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 6) ||
         check == Base62(crc, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 6);
}

// A JSON Web Token: three base64url parts whose first decodes to a JSON
// object with an "alg" field.
bool JwtShape(std::string_view token) {
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos || token.find('.', dot + 1) == std::string_view::npos)
    return false;
  const std::string_view head = token.substr(0, dot);
  Base64Bytes bytes;
  for (char c : head) {
    if (c == '=') break;
    const int v = Base64Digit(c);
    if (v < 0) return false;
    bytes.Add(v);
  }
  const std::string& decoded = bytes.bytes();
  return decoded.find('{') != std::string::npos && decoded.find("\"alg\"") != std::string::npos;
}

// An environment variable's name (GITHUB_TOKEN, AWS_S3_KEY): words of
// capitals and digits joined by underscores, each word starting with a letter.
bool LooksLikeEnvName(std::string_view s) {
  if (s.find('_') == std::string_view::npos) return false;
  bool word_start = true;
  for (char c : s) {
    if (c == '_') {
      if (word_start) return false;
      word_start = true;
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    if (word_start ? !upper : !(upper || (c >= '0' && c <= '9'))) return false;
    word_start = false;
  }
  return !word_start;
}

// A code expression standing where a value would: a dotted member access such
// as this.password, config.password or process.env.API_KEY (letters and _
// only, so versions, host names with digits and base64 do not count).
bool LooksLikeMemberAccess(std::string_view s) {
  if (s.find('.') == std::string_view::npos || s.front() == '.' || s.back() == '.') return false;
  char prev = '.';
  for (char c : s) {
    const bool ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    if (!ident && c != '.') return false;
    if (c == '.' && prev == '.') return false;
    prev = c;
  }
  return true;
}

// A printf or Python format directive (%s, %d, %(name)s) in the value.
bool HasFormatDirective(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '%' && std::string_view("sdvq(").find(s[i + 1]) != std::string_view::npos)
      return true;
  }
  return false;
}

// One character makes up more than 60% of `s`: a zero-filled placeholder
// (ghs_000...), not a repetitive ID.
bool MostlyOneCharacter(std::string_view s) {
  std::array<std::size_t, 256> counts{};
  std::size_t most = 0;
  for (char c : s) most = std::max(most, ++counts[static_cast<unsigned char>(c)]);
  return most * 10 > s.size() * 6;
}

// `before` ends with a URL scheme and its colon ("-u http:"): a secret
// starting "//" right after it is the rest of the URL, not a password.
bool ReadsAsScheme(std::string_view before) {
  if (!before.ends_with(':')) return false;
  before.remove_suffix(1);
  std::size_t n = 0;
  while (n < before.size() &&
         std::isalpha(static_cast<unsigned char>(before[before.size() - 1 - n])))
    ++n;
  return n >= 2 && n <= 10;
}

// A hash or an encrypted value tagged with its scheme in braces, as LDAP,
// Dovecot and Spring Security store passwords ({SHA}..., {SSHA512}...,
// {bcrypt}$2a$...) and Spring Cloud Config keeps encrypted ones ({cipher}...).
// Spring's {noop} marks a plain password and is not one of them.
bool SchemeTaggedHash(std::string_view secret) {
  if (!secret.starts_with('{')) return false;
  const std::size_t close = secret.find('}');
  if (close == std::string_view::npos || close < 3 || close + 8 > secret.size()) return false;
  const std::string scheme = AsciiLower(secret.substr(1, close - 1));
  for (std::string_view s : {"sha",       "ssha",   "sha256",        "ssha256",       "sha512",
                             "ssha512",   "md5",    "smd5",          "crypt",         "bcrypt",
                             "blf-crypt", "pbkdf2", "pbkdf2-sha256", "pbkdf2-sha512", "argon2",
                             "argon2id",  "scrypt", "sha256-crypt",  "sha512-crypt",  "cipher"}) {
    if (scheme == s) return true;
  }
  return false;
}

// An ASP.NET Core Identity v3 password hash: base64 of the format marker 1,
// the PRF (0 HMAC-SHA1, 1 HMAC-SHA256, 2 HMAC-SHA512) as a big-endian 32-bit
// number, then the iteration count, salt size, salt and subkey: it starts
// AQAAAAA, AQAAAAE or AQAAAAI and runs to 60 characters or more.
bool AspNetIdentityHash(std::string_view secret) {
  if (secret.size() < 60 || !(secret.starts_with("AQAAAAA") || secret.starts_with("AQAAAAE") ||
                              secret.starts_with("AQAAAAI")))
    return false;
  return std::all_of(secret.begin(), secret.end(),
                     [](char c) { return Base64Digit(c) >= 0 || c == '='; });
}

// A stored password hash: an algorithm's name, then at least two '$'
// fields (Django pbkdf2_sha256$600000$salt$hash, passlib, Werkzeug
// pbkdf2:sha256:600000$salt$hash). The application keeps it instead of the
// password; modular-crypt hashes ($2b$, $argon2id$) start with '$' and are
// placeholders already.
bool LooksLikePasswordHash(std::string_view secret) {
  if (SchemeTaggedHash(secret) || AspNetIdentityHash(secret)) return true;
  const std::size_t dollar = secret.find('$');
  if (dollar == 0 || dollar == std::string_view::npos ||
      secret.find('$', dollar + 1) == std::string_view::npos)
    return false;
  const std::string head = AsciiLower(secret.substr(0, dollar));
  if (head.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_:-") != std::string::npos)
    return false;
  for (std::string_view algo :
       {"pbkdf2", "argon2", "bcrypt", "scrypt", "sha1", "sha256", "sha512", "md5"}) {
    if (head.find(algo) != std::string::npos) return true;
  }
  return false;
}

// A bcrypt salt: $2a$, $2b$, $2x$ or $2y$ (or $2$), a two-digit cost, '$' and
// 22 characters of bcrypt's base64 (./A-Za-z0-9). A whole hash (31 more
// characters) is a stored hash, not a salt.
bool IsBcryptSalt(std::string_view s) {
  std::size_t at = 2;
  if (!s.starts_with("$2")) return false;
  if (at < s.size() && std::string_view("abxy").find(s[at]) != std::string_view::npos) ++at;
  if (s.size() != at + 4 + 22 || s[at] != '$' ||
      !std::isdigit(static_cast<unsigned char>(s[at + 1])) ||
      !std::isdigit(static_cast<unsigned char>(s[at + 2])) || s[at + 3] != '$')
    return false;
  for (char c : s.substr(at + 4)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '/') return false;
  }
  return true;
}

// The letters and digits of `s`, lower-cased.
std::string Folded(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The key a value is assigned to, read back from the text before it: past
// the quotes, spaces, commas and operators ("DARKTOKEN": ", MFA_TOKEN = ',
// 'x' => ', put("oauth_nonce", ")
// to the last word of a dotted or plain name.
std::string_view KeyBefore(std::string_view before) {
  std::size_t end = before.size();
  while (end > 0 &&
         std::string_view("\"'` \t=:>(?|\\]$@,").find(before[end - 1]) != std::string_view::npos)
    --end;
  std::size_t start = end;
  while (start > 0 && (std::isalnum(static_cast<unsigned char>(before[start - 1])) ||
                       before[start - 1] == '_' || before[start - 1] == '-'))
    --start;
  return before.substr(start, end - start);
}

// A value without digits that restates its key: the key itself, give or
// take a few letters after it ("DARKTOKEN": "DarkToken", MFA_TOKEN =
// 'mfa_token', "TOKEN": "TokenFi"), where the key names a secret. It names
// the key, it is no secret. A value that only shares a service's name with
// its key (postgres://postgres:postgres@, umami_password: 'umami') or runs  ctxscan:allow
// on past it (AUTH_KEY = "AuthKeyOfDoomThatMustBeLong...") is still judged  ctxscan:allow
// as a value.
bool RestatesKey(std::string_view before, std::string_view secret) {
  if (std::any_of(secret.begin(), secret.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const std::string key = Folded(KeyBefore(before));
  const std::string value = Folded(secret);
  if (key.empty() || !value.starts_with(key) || value.size() > key.size() + 4) return false;
  for (std::string_view word :
       {"pass", "pwd", "secret", "token", "key", "auth", "credential", "salt", "nonce", "seed"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

// What people type when a password is asked for in a demo: a letter three
// times (aaa), a digit four (0000), four counting up or down (1234, 9876,
// abcd), or 123, 321, 012 anywhere. A made-up password keeps its digits
// otherwise (tundra!345T, Sierra1999).
bool HasDemoRun(std::string_view s) {
  for (std::string_view run : {"123", "321", "012", "210"}) {
    if (s.find(run) != std::string_view::npos) return true;
  }
  auto at = [&](std::size_t i) { return static_cast<int>(static_cast<unsigned char>(s[i])); };
  auto alnum = [&](std::size_t from, std::size_t n) {
    for (std::size_t k = from; k < from + n; ++k) {
      if (std::isalnum(at(k)) == 0) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
    // Letters three times (aaa); digits four (0000: a year such as 1999 is fine).
    const bool same3 = alnum(i, 3) && at(i) == at(i + 1) && at(i + 1) == at(i + 2);
    if (same3 && (std::isalpha(at(i)) != 0 || (i + 3 < s.size() && at(i + 3) == at(i))))
      return true;
    if (i + 4 > s.size() || !alnum(i, 4)) continue;
    const int d = at(i + 1) - at(i);
    if ((d == 1 || d == -1) && at(i + 2) - at(i + 1) == d && at(i + 3) - at(i + 2) == d)
      return true;
  }
  return false;
}

// A value that stands unquoted after an assignment and reads as code, not
// as a secret: a number literal (0x1b, 0xFFFF) or a lowerCamel variable
// name (smtpPasswd, pbrtDoc: a capital for each word, so at most three
// capitals or one in five letters, and letters that read as words or
// abbreviations: a value score under kNameScore). A quoted value is a string
// someone typed; a capitalised word (KoelIsCool), one with digits, or random
// letters with a capital (smqjgItqb) is judged as a value. In an argument
// list (a comma or parenthesis after it), a snake_case name is a variable too
// (password=ntlm_hash, hashed_password=argon2_hash, in a call).
bool UnquotedCode(std::string_view before, std::string_view secret, std::string_view after) {
  // Names score 3-5.3 (getUserTokenFromConfig 3.9, smtpPasswd 5.1, oldPwd
  // 5.3); random letters with one or two capitals score 6 or more seven times
  // in ten, and 2% of the lowerCamel names in a real Go tree do, most of them
  // fragments of base64 test data.
  constexpr double kNameScore = 6.0;
  if (!before.empty() && std::string_view("\"'`").find(before.back()) != std::string_view::npos)
    return false;
  auto all = [&](std::string_view s, const char* set) {
    return !s.empty() && s.find_first_not_of(set) == std::string_view::npos;
  };
  // A negative number (-0x7) and a pointer dereference (*password) are code too.
  if (secret.starts_with('-') && secret.size() > 1 && secret[1] == '0') secret.remove_prefix(1);
  if (secret.size() <= 18 && (secret.starts_with("0x") || secret.starts_with("0X")) &&
      all(secret.substr(2), "0123456789abcdefABCDEF")) {
    return true;
  }
  if ((after.starts_with(',') || after.starts_with(')')) && !secret.empty() &&
      std::islower(static_cast<unsigned char>(secret[0])) != 0 &&
      secret.find('_') != std::string_view::npos &&
      all(secret, "abcdefghijklmnopqrstuvwxyz0123456789_")) {
    return true;
  }
  if (secret.size() > 1 && secret.front() == '*' &&
      all(secret.substr(1), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") &&
      std::isdigit(static_cast<unsigned char>(secret[1])) == 0)
    return true;
  if (!all(secret, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) return false;
  // A name's words start with its capitals (getUserTokenFromConfig: 4 of 22);
  // random letters in both cases hold far more (eitqQdvRbsMFCjOuZLftliNz: 9 of 24).
  const auto capitals =
      static_cast<std::size_t>(std::count_if(secret.begin(), secret.end(), [](char ch) {
        return std::isupper(static_cast<unsigned char>(ch)) != 0;
      }));
  return std::islower(static_cast<unsigned char>(secret[0])) != 0 && capitals > 0 &&
         capitals <= std::max<std::size_t>(3, secret.size() / 5) && ValueScore(secret) < kNameScore;
}

}  // namespace

const std::vector<std::string>& KnownValidators() {
  static const std::vector<std::string> kNames = {
      "base62-crc32",    "jwt",          "nkey-crc16",   "bech32",
      "atlassian-crc32", "gitlab-crc32", "pypi-macaroon"};
  return kNames;
}

bool RunValidator(std::string_view name, std::string_view secret) {
  if (name == "base62-crc32") return Base62Crc32(secret);
  if (name == "jwt") return JwtShape(secret);
  if (name == "nkey-crc16") return NkeyChecksum(secret);
  if (name == "bech32") return Bech32Checksum(secret);
  if (name == "atlassian-crc32") return AtlassianCrc32(secret);
  if (name == "gitlab-crc32") return GitLabRoutableCrc32(secret);
  if (name == "pypi-macaroon") return PypiMacaroon(secret);
  return false;
}

bool IsChecksumValidator(std::string_view name) {
  return name != "jwt" && std::find(KnownValidators().begin(), KnownValidators().end(), name) !=
                              KnownValidators().end();
}

std::string LoweredByText(std::uint8_t lowered) {
  static const std::pair<std::uint8_t, const char*> kTexts[] = {
      {kLoweredByChecksum, "the checksum does not verify (mistyped, truncated or made up?)"},
      {kLoweredByEntropy, "the value is repetitive for this format"},
      {kLoweredByLength, "the length is not one this format's issuer produces"},
      {kLoweredByTestPath, "in a test, fixture or example path"},
      {kLoweredByDocHost, "the host is a documentation domain (example.com)"}};
  std::string out;
  for (const auto& [bit, text] : kTexts) {
    if ((lowered & bit) == 0) continue;
    out += out.empty() ? "" : "; ";
    out += text;
  }
  return out;
}

bool JudgeSecret(const Rule& rule, std::string_view secret, Confidence* confidence,
                 std::uint8_t* lowered) {
  *confidence = rule.confidence;
  *lowered = 0;
  if (rule.placeholders && LooksLikePlaceholder(secret)) return false;
  if (rule.category != "password-hash" && LooksLikePasswordHash(secret)) return false;
  if (rule.min_entropy > 0 && ShannonEntropy(secret) < rule.min_entropy &&
      !(rule.weak_passwords && LooksLikeMadePassword(secret))) {
    if (!rule.entropy_lowers || MostlyOneCharacter(secret)) return false;
    *lowered |= kLoweredByEntropy;
  }
  if (!rule.validate.empty() && !RunValidator(rule.validate, secret)) {
    if (!IsChecksumValidator(rule.validate)) return false;
    *lowered |= kLoweredByChecksum;
  }
  if (!rule.canonical_lengths.empty() &&
      std::none_of(
          rule.canonical_lengths.begin(), rule.canonical_lengths.end(),
          [&](const auto& r) { return secret.size() >= r.first && secret.size() <= r.second; })) {
    *lowered |= kLoweredByLength;
  }
  if ((*lowered & (kLoweredByEntropy | kLoweredByChecksum)) != 0) {
    *confidence = Confidence::kLow;
  } else if ((*lowered & kLoweredByLength) != 0) {
    *confidence = std::min(*confidence, Confidence::kMedium);
  }
  return true;
}

bool JudgeSurroundings(const Rule& rule, std::string_view before, std::string_view secret,
                       std::string_view after, Confidence* confidence, std::uint8_t* lowered) {
  if (secret.starts_with("//") && ReadsAsScheme(before)) return false;
  if (rule.is_generic() && (RestatesKey(before, secret) || UnquotedCode(before, secret, after) ||
                            KeyLabelsOrPublishes(KeyBefore(before)) || LineSaysExample(before) ||
                            CallTakesOtherArguments(before, after)))
    return false;
  if (!rule.not_after.empty()) {
    const std::string lower_before = AsciiLower(before);
    for (const std::string& text : rule.not_after) {
      if (lower_before.ends_with(AsciiLower(text))) return false;
    }
  }
  if (!after.starts_with("@")) return true;
  std::string host = AsciiLower(after.substr(1, 64));
  host = host.substr(0, host.find_first_of("/:?#'\"` \t\r\n"));
  for (std::string_view doc : {"example.com", "example.org", "example.net"}) {
    if (host == doc || (host.ends_with(doc) && host[host.size() - doc.size() - 1] == '.')) {
      *confidence = Confidence::kLow;
      *lowered |= kLoweredByDocHost;
      return true;
    }
  }
  return true;
}

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<std::uint32_t, 256> counts{};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (std::uint32_t c : counts) {
    if (c == 0) continue;
    const double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

bool LooksLikePlaceholder(std::string_view secret) {
  // Trim quotes and spaces a pattern may have let through.
  while (!secret.empty() &&
         std::string_view("\"' \t`").find(secret.front()) != std::string_view::npos) {
    secret.remove_prefix(1);
  }
  while (!secret.empty() &&
         std::string_view("\"' \t`;,").find(secret.back()) != std::string_view::npos) {
    secret.remove_suffix(1);
  }
  if (secret.empty()) return true;
  const std::string lower = AsciiLower(secret);
  // Exact words people write instead of a value.
  static const char* const kWords[] = {
      "true", "false", "null", "nil", "none", "undefined", "changeme", "change_me", "change-me",
      "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "example", "sample",
      "dummy", "test", "testing", "placeholder", "redacted", "removed", "hidden", "notset",
      "not_set", "todo", "tbd", "default", "empty", "required", "optional", "string", "value",
      "yes", "no", "on", "off", "enabled", "disabled", "foo", "bar", "foobar", "abc123", "123456",
      "12345678", "password123", "qwerty", "letmein", "admin", "root", "secret123", "pass", "pwd",
      "passw0rd", "user", "username", "demo", "mysecret", "newpass", "oldpass", "hunter2",
      "anonymous",
      // Protocol words a login check compares with (GitLab's private-token, oauth2).
      "oauth", "oauth2", "bearer", "basic",
      // What a test types to be refused.
      "wrong", "weak", "invalid", "incorrect"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  // Variable references and templates: ${VAR}, $VAR, %VAR%, {{ var }}, <var>;
  // a bcrypt salt ($2b$12$ and 22 characters) starts with '$' but is a value.
  if ((lower.front() == '$' && !IsBcryptSalt(secret)) || lower.rfind("{{", 0) == 0 ||
      lower.rfind("%(", 0) == 0 || (lower.front() == '<' && lower.back() == '>') ||
      (lower.front() == '%' && lower.back() == '%') ||
      (lower.front() == '[' && lower.back() == ']')) {
    return true;
  }
  if (lower.find("${") != std::string::npos || lower.find("{{") != std::string::npos) return true;
  // A value SOPS encrypted (ENC[AES256_GCM,data:...,type:str]): useless without its key.
  if (secret.starts_with("ENC[") && secret.ends_with("]")) return true;
  // A marker that a deploy step replaces: __SECRET__, __DB_PASSWORD__.
  if (lower.size() > 4 && lower.starts_with("__") && lower.ends_with("__")) return true;
  if (LooksLikeEnvName(secret) || LooksLikeMemberAccess(secret) || HasFormatDirective(secret) ||
      LooksLikeTypedStandIn(secret))
    return true;
  // Masked, repeated or obviously made-up values.
  static const char* const kFragments[] = {
      "xxxx",       "****",        "....",        "example",   "your_",       "your-",
      "yourapikey", "yoursecret",  "yourtoken",   "insert_",   "insert-",     "replace_",
      "replace-",   "replace_me",  "put_your",    "dummy",     "placeholder", "redacted",
      "changeme",   "<your",       "_here",       "-here",     "password",    "my_pass",
      "my-pass",    "mypass",      "my_secret",   "my-secret", "test_pass",   "test-pass",
      "testpass",   "test_secret", "test-secret", "my_token",  "my-token",    "goeshere",
      "not-a-real", "not_a_real"};
  for (const char* f : kFragments) {
    if (lower.find(f) != std::string::npos) return true;
  }
  if (lower.starts_with("sample-") || lower.starts_with("sample_")) return true;
  // ctxscan's own redaction (a committed report or baseline): "q8Jx3v…[hmac:0cd28be1]".
  if (lower.find("\xE2\x80\xA6[hmac:") != std::string::npos) return true;
  // One character repeated (0000000, aaaaaaa) or a plain run like 1234567890.
  bool all_same = true;
  for (char c : lower) all_same = all_same && c == lower[0];
  if (all_same) return true;
  static const std::string kRuns[] = {"0123456789", "abcdefghijklmnopqrstuvwxyz"};
  for (const std::string& run : kRuns) {
    if (lower.size() >= 8 && run.find(lower) != std::string::npos) return true;
  }
  return false;
}

bool LooksLikeMadePassword(std::string_view secret) {
  if (secret.size() < 6 || secret.size() > 64) return false;
  std::size_t letters = 0;
  std::size_t digits = 0;
  std::size_t symbols = 0;
  for (char c : secret) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      ++letters;
    } else if (std::isdigit(u)) {
      ++digits;
    } else if (std::isgraph(u)) {
      ++symbols;
    } else {
      return false;
    }
  }
  const bool word_with_suffix = letters >= 3 && (digits >= 2 || (digits >= 1 && symbols >= 1));
  const bool number = digits == secret.size();
  if ((!word_with_suffix && !number) || HasDemoRun(secret)) return false;
  const std::string lower = AsciiLower(secret);
  static const char* const kDemoWords[] = {"pass",  "test", "user",   "admin",   "guest",
                                           "demo",  "qwer", "asdf",   "welcome", "secret",
                                           "login", "temp", "sample", "changeit"};
  for (const char* w : kDemoWords) {
    if (lower.find(w) != std::string::npos) return false;
  }
  return true;
}

bool LooksLikeRandomHex(std::string_view secret) {
  // A UUID keeps its dashes at 8, 13, 18 and 23; other hex has none.
  const bool uuid = secret.size() == 36;
  std::string hex;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (uuid && (i == 8 || i == 13 || i == 18 || i == 23)) {
      if (secret[i] != '-') return false;
      continue;
    }
    if (HexDigit(secret[i]) < 0) return false;
    hex += secret[i];
  }
  if (hex.size() < 16) return false;
  const bool upper =
      std::any_of(hex.begin(), hex.end(), [](char c) { return c >= 'A' && c <= 'F'; });
  const bool lower =
      std::any_of(hex.begin(), hex.end(), [](char c) { return c >= 'a' && c <= 'f'; });
  const auto digits =
      std::count_if(hex.begin(), hex.end(), [](char c) { return c >= '0' && c <= '9'; });
  if ((upper && lower) || digits < 2 || hex.size() - static_cast<std::size_t>(digits) < 2)
    return false;
  if (ShannonEntropy(hex) < 3.0) return false;
  // A run of five counting up or down (01234, abcde, 98765).
  for (std::size_t i = 0; i + 5 <= hex.size(); ++i) {
    int up = 0;
    int down = 0;
    for (std::size_t k = i; k + 1 < i + 5; ++k) {
      const int d = HexDigit(hex[k + 1]) - HexDigit(hex[k]);
      up += d == 1 ? 1 : 0;
      down += d == -1 ? 1 : 0;
    }
    if (up == 4 || down == 4) return false;
  }
  return true;
}

}  // namespace ctxscan
