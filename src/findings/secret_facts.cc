// What a matched secret is; see include/ctxscan/findings/secret_facts.h.
#include "ctxscan/findings/secret_facts.h"

#include <algorithm>
#include <cstdint>

#include "util/text.h"

namespace ctxscan {
namespace {

// Decodes the base64 between the first line break after `-----BEGIN` and
// `-----END`, skipping whitespace and escaped line breaks (\n, \r as two
// characters in a string literal); stops at the first byte that is not
// base64. Returns at most `limit` bytes.
std::string DecodeBody(std::string_view pem, std::size_t limit) {
  std::size_t at = pem.find("-----", 5);  // end of the BEGIN line
  if (at == std::string_view::npos) return "";
  at += 5;
  Base64Bytes out;
  for (std::size_t i = at; i < pem.size() && out.bytes().size() < limit; ++i) {
    const char c = pem[i];
    if (c == '\\' && i + 1 < pem.size() && (pem[i + 1] == 'n' || pem[i + 1] == 'r')) {
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    // The standard alphabet only: a PEM body has no - or _.
    const int v = c == '-' || c == '_' ? -1 : Base64Digit(c);
    if (v < 0) break;
    out.Add(v);
  }
  return out.Take();
}

// The cipher of an OpenSSH private key ("none" when unencrypted), read from
// its binary header: "openssh-key-v1\0", then a uint32 length and the
// cipher's name. Empty when the body is not that format.
std::string OpensshCipher(std::string_view pem) {
  static constexpr std::string_view kMagic("openssh-key-v1\0", 15);
  const std::string body = DecodeBody(pem, 128);
  if (body.size() < kMagic.size() + 4 || std::string_view(body).substr(0, 15) != kMagic) return "";
  std::uint32_t n = 0;
  for (std::size_t i = 15; i < 19; ++i) n = (n << 8) | static_cast<unsigned char>(body[i]);
  if (n == 0 || n > 64 || body.size() < 19 + n) return "";
  return body.substr(19, n);
}

// The encryption of a private key block: empty when it is not encrypted.
std::string KeyEncryption(std::string_view secret) {
  if (secret.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos) {
    return "PEM encryption (Proc-Type: 4,ENCRYPTED)";
  }
  if (secret.find("ENCRYPTED PRIVATE KEY") != std::string_view::npos) {
    return "PKCS#8 encryption";
  }
  if (secret.find("\nEncryption: ") != std::string_view::npos &&
      secret.find("\nEncryption: none") == std::string_view::npos) {
    return "PuTTY encryption";
  }
  if (secret.find("BEGIN OPENSSH PRIVATE KEY") != std::string_view::npos) {
    const std::string cipher = OpensshCipher(secret);
    if (!cipher.empty() && cipher != "none") return "the OpenSSH cipher " + cipher;
  }
  return "";
}

// The key a value stands under, as text to look for a name in: the line
// before the value, and the line above it too when the value's own line names
// nothing but "value" (a Kubernetes env entry's `- name: X` / `value: ...`).
std::string KeyText(std::string_view before) {
  std::size_t start = before.rfind('\n');
  start = start == std::string_view::npos ? 0 : start + 1;
  std::string own = AsciiLower(before.substr(start));
  std::string letters;
  for (char c : own) {
    if (c >= 'a' && c <= 'z') letters += c;
  }
  if ((letters.empty() || letters == "value") && start > 1) {
    const std::size_t prev = before.rfind('\n', start - 2);
    return AsciiLower(before.substr(prev == std::string_view::npos ? 0 : prev + 1));
  }
  return own;
}

// A Google API key of a Firebase web configuration: next to the config's
// authDomain or projectId, or under a key that names Firebase.
bool FirebaseWebKey(std::string_view before, std::string_view after) {
  for (std::string_view field : {"authDomain", "projectId"}) {
    if (before.find(field) != std::string_view::npos || after.find(field) != std::string_view::npos)
      return true;
  }
  return KeyText(before).find("firebase") != std::string::npos;
}

}  // namespace

SecretFacts JudgeSecretFacts(const Rule& rule, std::string_view secret, std::string_view before,
                             std::string_view after) {
  SecretFacts facts;
  if (rule.id.starts_with("private-key.")) {
    const std::string how = KeyEncryption(secret);
    if (!how.empty()) {
      facts.severity = std::min(rule.severity, Severity::kMedium);
      facts.detail = "the key is encrypted with a passphrase (" + how +
                     "): replace it if the passphrase is weak or stored nearby";
    }
  } else if (rule.id == "gcp.api-key" && FirebaseWebKey(before, after)) {
    facts.severity = std::min(rule.severity, Severity::kLow);
    facts.detail =
        "a Firebase web configuration's apiKey is a public identifier that ships in every page: "
        "restrict it (API and HTTP referrer restrictions, App Check), no need to rotate it";
  }
  return facts;
}

}  // namespace ctxscan
