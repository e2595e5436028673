// The `git filter-repo --replace-text` file of `ctxscan git --remediate`:
// applied as filter-repo applies it, it must turn each secret into
// ***REMOVED*** and leave harmless code, including the armour lines of a
// private key written as string constants, byte for byte as it was.
#include "git/remediation.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

namespace ctxscan {
namespace {

// A made-up key in OpenSSH's armour; its first base64 line is the one every
// unencrypted ed25519 key starts with.
constexpr char kFirstLine[] =
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
const std::string kKey = std::string("-----BEGIN OPENSSH PRIVATE KEY-----\n") + kFirstLine +
                         "\n"
                         "QyNTUxOQAAACFAKEz3Yt8Qw1Lr5Vb7Nc9Mx2Kp4Hs6Jd0Gf3Ua8Ie1Ro5Wy7Tq9Po2Lk4Mj\n"
                         "FAKE0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8C9D0E1F2G3\n"
                         "Hb9Vn2Xc4Zm6Lq8Wp0Ts==\n"
                         "-----END OPENSSH PRIVATE KEY-----";
const std::string kHarmless = std::string(
                                  "HEADER = \"-----BEGIN OPENSSH PRIVATE KEY-----\"\n"
                                  "FOOTER = \"-----END OPENSSH PRIVATE KEY-----\"\n"
                                  "FIRST = \"") +
                              kFirstLine + "\"\n";

// `data` after `git filter-repo --replace-text` with `replace_text`: each
// line split at its last "==>", literals first, then regexes.
std::string Apply(const std::string& replace_text, std::string data) {
  std::vector<std::pair<std::string, std::string>> literals, regexes;
  std::size_t start = 0;
  while (start < replace_text.size()) {
    std::size_t end = replace_text.find('\n', start);
    if (end == std::string::npos) end = replace_text.size();
    std::string line = replace_text.substr(start, end - start);
    start = end + 1;
    std::string with = "***REMOVED***";
    if (const std::size_t arrow = line.rfind("==>"); arrow != std::string::npos) {
      with = line.substr(arrow + 3);
      line.resize(arrow);
    }
    if (line.rfind("regex:", 0) == 0) {
      regexes.emplace_back(line.substr(6), with);
    } else {
      literals.emplace_back(line.rfind("literal:", 0) == 0 ? line.substr(8) : line, with);
    }
  }
  for (const auto& [from, to] : literals) {
    for (std::size_t at = 0; (at = data.find(from, at)) != std::string::npos; at += to.size()) {
      data.replace(at, from.size(), to);
    }
  }
  for (const auto& [re, to] : regexes) RE2::GlobalReplace(&data, RE2(re), to);
  return data;
}

Finding SecretAt(const std::string& secret, const std::vector<std::string>& paths) {
  Finding f;
  f.secret = secret;
  for (const std::string& p : paths) {
    Location l;
    l.path = p;
    f.locations.push_back(l);
  }
  return f;
}

Finding FileAt(const std::string& path) {
  Finding f;
  f.kind = FindingKind::kFile;
  Location l;
  l.path = path;
  f.locations.push_back(l);
  return f;
}

TEST(ReplaceText, KeyInSourceIsReplacedWholeAndArmourElsewhereIsLeft) {
  const std::string text = ReplaceText({SecretAt(kKey, {"tests/fixture.py"})});
  EXPECT_EQ(Apply(text, "KEY = \"\"\"" + kKey + "\n\"\"\"\n"),
            "KEY = \"\"\"***REMOVED***\n\"\"\"\n");
  EXPECT_EQ(Apply(text, kHarmless), kHarmless);
  EXPECT_EQ(text.find("PRIVATE KEY"), std::string::npos) << text;
}

TEST(ReplaceText, KeyWithCrlfLineBreaksIsReplacedToo) {
  std::string crlf;
  for (const char c : kKey) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const std::string text = ReplaceText({SecretAt(kKey, {"a.py"})});
  EXPECT_EQ(Apply(text, "k = '" + crlf + "'\n"), "k = '***REMOVED***'\n");
}

TEST(ReplaceText, SecretsOnlyInRemovedFilesAreNotListed) {
  // deploy/id_ed25519 is removed from history whole; the key in it needs no
  // replacement, and the replacement file must not hold it.
  const std::string text =
      ReplaceText({FileAt("deploy/id_ed25519"), SecretAt(kKey, {"deploy/id_ed25519"})});
  EXPECT_EQ(text, "");
  // The same key also pasted into an ordinary file: replaced there.
  const std::string both =
      ReplaceText({FileAt("deploy/id_ed25519"), SecretAt(kKey, {"deploy/id_ed25519", "setup.sh"})});
  EXPECT_EQ(Apply(both, "echo '" + kKey + "'\n"), "echo '***REMOVED***'\n");
}

TEST(ReplaceText, OneLineSecretsAreLiteralsAndShortOnesAreLeft) {
  const std::string token = "tok_FAKEa8d7f6g5==>h4j3k2l1";
  const std::string text =
      ReplaceText({SecretAt(token, {"a.ini"}), SecretAt("pw12345", {"b.ini"})});
  EXPECT_EQ(text, "literal:" + token + "==>***REMOVED***\n");
  EXPECT_EQ(Apply(text, "k=" + token + "\nx=pw12345\n"), "k=***REMOVED***\nx=pw12345\n");
}

}  // namespace
}  // namespace ctxscan
