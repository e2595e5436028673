// Redaction in reports: the redacted form of a secret, and lines that hide
// every secret on them (two on one line, overlapping, cut by the window).
#include "findings/redaction.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ctxscan/findings/hash_key.h"

namespace ctxscan {
namespace {

const Rule kRedactedRule = [] {
  Rule r;
  r.id = "test.secret";
  return r;
}();

// A finding of `secret` on line 1 of `path`, whose recorded line text is
// `line` starting `window` bytes into the line.
Finding At(std::string secret, std::string path, std::string line, std::size_t window = 0) {
  Finding f;
  f.rule = &kRedactedRule;
  f.secret = secret;
  f.identity = path;
  const std::size_t at = line.find(secret.substr(0, secret.find('\n')));
  Location l;
  l.path = std::move(path);
  l.line = 1;
  l.column = window + at + 1;
  l.line_text = std::move(line);
  l.secret_offset = at;
  l.secret_length = std::min(secret.size(), l.line_text.size() - at);
  f.locations.push_back(std::move(l));
  return f;
}

std::vector<Finding> Keyed(std::vector<Finding> findings) {
  KeyFindings(HashKey{std::string(32, 'k'), "test"}, &findings);
  return findings;
}

TEST(Redaction, ShortOrLowEntropySecretsShowNothing) {
  for (const char* weak : {"postgres", "pass", "FAKEp4ssw0rd", "aaaaaaaaaaaaaaaaaaaaaaaa",
                           "correcthorsebatterystaple"}) {
    const std::vector<Finding> f = Keyed({At(weak, "x", std::string("p=") + weak)});
    EXPECT_EQ(RedactedSecret(f[0]), "[redacted]") << weak;
  }
}

TEST(Redaction, StrongSecretsShowAQuarterAtMostSixAndAKeyedHash) {
  const std::string secret = "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";
  const std::vector<Finding> f = Keyed({At(secret, "x", "token=" + secret)});
  EXPECT_EQ(f[0].secret_hmac.size(), 64u);
  EXPECT_EQ(RedactedSecret(f[0]), "ghp_FA…[hmac:" + f[0].secret_hmac.substr(0, 8) + "]");
  const std::string twenty = "AKIAFAKE2QX7LMN4PQRS";
  const std::vector<Finding> g = Keyed({At(twenty, "x", twenty)});
  EXPECT_EQ(RedactedSecret(g[0]),
            "AKIAF…[hmac:" + g[0].secret_hmac.substr(0, 8) + "]");  // 5 = 20 / 4
  // Without a keyed hash (KeyFindings not run) nothing but the marker.
  EXPECT_EQ(RedactedSecret(At(secret, "x", secret)), "[redacted]");
}

TEST(Redaction, EveryOccurrenceOfTheSecretOnTheLine) {
  const std::string secret = "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";
  const std::vector<Finding> f = Keyed({At(secret, "x", "token=" + secret + " again " + secret)});
  const Redactor r(f);
  const std::string token = RedactedSecret(f[0]);
  EXPECT_EQ(r.Line(f[0], f[0].locations[0]), "token=" + token + " again " + token);
}

TEST(Redaction, TwoSecretsOnOneLineHideEachOther) {
  const std::string a = "Y2ktYm90OkZBS0VwN0xxMlZ4N1R6NG1XcDNLcTk=";
  const std::string b = "postgres";
  const std::string line = R"({"auths":{"a":{"auth":")" + a + R"("},"b":{"auth":")" + b + R"("}}})";
  const std::vector<Finding> f = Keyed({At(a, "config.json", line), At(b, "config.json", line)});
  const Redactor r(f);
  for (const Finding& x : f) {
    const std::string shown = r.Line(x, x.locations[0]);
    EXPECT_EQ(shown.find(a), std::string::npos) << shown;
    EXPECT_EQ(shown.find(b), std::string::npos) << shown;
    EXPECT_EQ(shown, R"({"auths":{"a":{"auth":")" + RedactedSecret(f[0]) +
                         R"("},"b":{"auth":"[redacted]"}}})");
  }
  // A detail that holds a secret of the scan hides it too.
  EXPECT_EQ(r.Text("detail naming postgres"), "detail naming [redacted]");
}

TEST(Redaction, OverlappingSecretsBecomeOneToken) {
  // Two rules' secrets overlap: "KEY=abc...xyz" and the inner "abc...".
  const std::string outer = "FAKEq8Lp3Vx7Tz4mWp2Kq8Nr5Gh1Jd6Sb9Ck0Fy3";
  const std::string inner = outer.substr(10, 20);
  const std::string line = "k=" + outer + "; z";
  Finding o = At(outer, "f", line);
  Finding i = At(inner, "f", line);
  const std::vector<Finding> f = Keyed({o, i});
  const Redactor r(f);
  EXPECT_EQ(r.Line(f[0], f[0].locations[0]), "k=" + RedactedSecret(f[0]) + "; z");
  EXPECT_EQ(r.Line(f[1], f[1].locations[0]), "k=" + RedactedSecret(f[0]) + "; z");
  // Partly overlapping: a tail of one and the head of the next.
  const std::string x = "FAKEa1b2c3d4e5f6g7h8";
  const std::string y = "h8FAKEz9y8x7w6v5u4t3";
  const std::string both = "v=" + x + y.substr(2) + ".";
  Finding fx = At(x, "g", both);
  Finding fy = At(y, "g", both);
  fy.locations[0].column = 2 + x.size() - 2 + 1;
  fy.locations[0].secret_offset = 2 + x.size() - 2;
  const std::vector<Finding> g = Keyed({fx, fy});
  const Redactor rg(g);
  EXPECT_EQ(rg.Line(g[1], g[1].locations[0]), "v=" + RedactedSecret(g[0]) + ".");
}

TEST(Redaction, ASecretTheWindowCutsIsHiddenByItsColumn) {
  // The recorded text of finding b starts 10 bytes into the line, in the
  // middle of secret a: the visible tail of a must go too.
  const std::string a = "FAKEa1b2c3d4e5f6g7h8i9";
  const std::string b = "FAKEz9y8x7w6v5u4t3s2r1";
  const std::string full = "a=" + a + " b=" + b;
  Finding fa = At(a, "f", full);
  Finding fb = At(b, "f", full.substr(10), 10);
  const std::vector<Finding> f = Keyed({fa, fb});
  const Redactor r(f);
  const std::string shown = r.Line(f[1], f[1].locations[0]);
  EXPECT_EQ(shown, RedactedSecret(f[0]) + " b=" + RedactedSecret(f[1]));
}

TEST(Redaction, ASecretCutByTheEndOfTheLineTextIsHidden) {
  const std::string secret = "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";
  Finding f = At(secret, "x", "k=" + secret);
  f.locations[0].line_text = "k=" + secret.substr(0, 10);
  f.locations[0].secret_length = 10;
  const std::vector<Finding> v = Keyed({f});
  EXPECT_EQ(Redactor(v).Line(v[0], v[0].locations[0]), "k=" + RedactedSecret(v[0]));
}

TEST(KeyFindings, FingerprintsDependOnTheKeyAndAreStable) {
  const std::string line = "token=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";
  std::vector<Finding> a = {At("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", "x", line)};
  std::vector<Finding> b = a;
  std::vector<Finding> c = a;
  KeyFindings(HashKey{std::string(32, 'k'), "one"}, &a);
  KeyFindings(HashKey{std::string(32, 'k'), "same"}, &b);
  KeyFindings(HashKey{std::string(32, 'q'), "other"}, &c);
  EXPECT_EQ(a[0].fingerprint, b[0].fingerprint);
  EXPECT_EQ(a[0].secret_hmac, b[0].secret_hmac);
  EXPECT_NE(a[0].fingerprint, c[0].fingerprint);
  EXPECT_NE(a[0].secret_hmac, c[0].secret_hmac);
  EXPECT_EQ(a[0].fingerprint.size(), 64u);
}

}  // namespace
}  // namespace ctxscan
