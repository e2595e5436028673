// Credential checksums against published vectors (BIP-173 for Bech32) and
// against an encoder written here from the nkeys format description.
#include "match/checksums.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ctxscan {
namespace {

TEST(Checksums, Bech32MatchesBip173Vectors) {
  for (const char* valid :
       {"A12UEL5L", "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5"
        "tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"}) {
    EXPECT_TRUE(Bech32Checksum(valid)) << valid;
  }
  // No separator, empty human-readable part, mixed case, checksum too short,
  // a character outside the alphabet, a changed character.
  for (const char* invalid : {"pzry9x0s0muk", "1pzry9x0s0muk", "A12uEL5L", "a12uel5", "x1b4n0q5v",
                              "10a06t8", "1qzzfhee", "a12uel5m"}) {
    EXPECT_FALSE(Bech32Checksum(invalid)) << invalid;
  }
}

// The nkeys encoding, written from its description: base32 (RFC 4648, no
// padding) of prefix bytes, key and CRC-16/XMODEM, little-endian.
std::string EncodeNkey(const std::vector<std::uint8_t>& prefix_and_key) {
  std::uint16_t crc = 0;
  for (std::uint8_t b : prefix_and_key) {
    crc ^= static_cast<std::uint16_t>(b << 8);
    for (int k = 0; k < 8; ++k) {
      crc = static_cast<std::uint16_t>((crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1);
    }
  }
  std::vector<std::uint8_t> raw = prefix_and_key;
  raw.push_back(static_cast<std::uint8_t>(crc & 0xFF));
  raw.push_back(static_cast<std::uint8_t>(crc >> 8));
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t bits = 0;
  int have = 0;
  for (std::uint8_t b : raw) {
    bits = (bits << 8) | b;
    have += 8;
    while (have >= 5) {
      have -= 5;
      out += kAlphabet[(bits >> have) & 31];
    }
  }
  if (have > 0) out += kAlphabet[(bits << (5 - have)) & 31];
  return out;
}

TEST(Checksums, NkeySeedsAndPublicKeysVerify) {
  std::vector<std::uint8_t> key(32);
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 37 + 11);
  // A user seed: the seed marker (18 << 3) with the type's high bits, then
  // the type's low bits (user: 20 << 3).
  std::vector<std::uint8_t> seed = {static_cast<std::uint8_t>((18 << 3) | (160 >> 5)),
                                    static_cast<std::uint8_t>((160 & 31) << 3)};
  seed.insert(seed.end(), key.begin(), key.end());
  const std::string s = EncodeNkey(seed);
  ASSERT_EQ(s.size(), 58u);
  EXPECT_EQ(s.substr(0, 3), "SUA");
  EXPECT_TRUE(NkeyChecksum(s)) << s;
  std::vector<std::uint8_t> pub = {160};
  pub.insert(pub.end(), key.begin(), key.end());
  const std::string p = EncodeNkey(pub);
  ASSERT_EQ(p.size(), 56u);
  EXPECT_EQ(p[0], 'U');
  EXPECT_TRUE(NkeyChecksum(p)) << p;
  // Any changed character, a lower-case or foreign character, a cut.
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string t = s;
    t[i] = t[i] == 'B' ? 'C' : 'B';
    EXPECT_FALSE(NkeyChecksum(t)) << t;
  }
  EXPECT_FALSE(NkeyChecksum("s" + s.substr(1)));
  EXPECT_FALSE(NkeyChecksum(s.substr(0, 20) + "1" + s.substr(21)));
  EXPECT_FALSE(NkeyChecksum(s.substr(0, 50)));
}

// A changed character anywhere in `token` (but its dots, which GitLab's
// check reads as the token's form) must fail `check`.
template <typename Check>
void EveryEditFails(const std::string& token, Check check) {
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '.') continue;
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(check(t)) << t;
  }
}

TEST(Checksums, Crc32MatchesTheCheckValue) {
  // The catalogue's check value for CRC-32/ISO-HDLC.
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926U);
  EXPECT_EQ(Crc32(""), 0U);
}

TEST(Checksums, AtlassianTokensCarryTheirCrc32) {
  // Made here (zlib.crc32 in Python, an independent implementation).
  const std::string api =
      "ATATT3xFfGF0FAKEIiosxfC6nH7-pTznyaaVJiRxtA9CdXiZlJZ9ILP2Nm8z4wWCDTDGjZP8p7MtOHSGNRB44dS0exr_"
      "OX-evYBb6x22eRPHbwAFzA75wvAovqmqt948PT2H91aOLIuJOlfRViUZpHQMo-Y_6Ple7DBV-"
      "HVthkTIiptPPrPOMndbJ"
      "rlo=46E219C7";
  const std::string access =
      "ATCTT3xFfGN0FAKEP0kDcRLw_kX5bOzcYD_bJNROEgOnzZJsE5c7IMINwmafQKvm7hmdU5yOg_GIoq5RKfeAgqZ1B5z_"
      "sHvMRkUcRqdY-uHhE67c3hmvy5ElMQTcze4BNaphif3R0KwYq-"
      "AS1J3Aly6p66reiXaROr19p5S4n7xcpA6OMbtr9mbcCk"
      "5f=785E6B14";
  EXPECT_TRUE(AtlassianCrc32(api));
  EXPECT_TRUE(AtlassianCrc32(access));
  EveryEditFails(api, AtlassianCrc32);
  EXPECT_FALSE(AtlassianCrc32(api.substr(0, api.size() - 1)));
  EXPECT_FALSE(AtlassianCrc32("46E219C7"));
  EXPECT_FALSE(AtlassianCrc32(api.substr(0, api.size() - 8) + "46E219CG"));
}

TEST(Checksums, GitLabRoutableTokensCarryTheirCrc32) {
  // The example in GitLab's routable-token design (no prefix), then tokens
  // made here with and without the version part.
  for (const char* valid : {"bzoxd_Rb5_cHeWe1JH56wr2FCBA.0r1pum4t4",
                            "glpat-bzoxCnU6OGZha2WUetovsNLLYLgCl7oXsvqJEA.01.120s6r45t",
                            "glpat-bzoxCnU6OGZha2VtV0xY26HmEWk7JcLZUrh7EA.121peb4lo"}) {
    EXPECT_TRUE(GitLabRoutableCrc32(valid)) << valid;
    EveryEditFails(valid, GitLabRoutableCrc32);
  }
  // A legacy token has no checksum: nothing to fail.
  EXPECT_TRUE(GitLabRoutableCrc32("glpat-FAKEAZa7Q-LxFBxkARZM"));
  EXPECT_FALSE(GitLabRoutableCrc32("glpat-bzoxCnU6OGZha2WUetovsNLLYLgCl7oXsvqJEA.01.120s6r45T"));
  EXPECT_FALSE(GitLabRoutableCrc32(".0s6r45"));
}

TEST(Checksums, PypiTokensAreVersion2Macaroons) {
  // Made here: location pypi.org (or test.pypi.org), a JSON identifier, one
  // caveat, a 32-byte signature.
  const std::string pypi =
      "pypi-"
      "AgEIcHlwaS5vcmcCQ3sidmVyc2lvbiI6IDEsICJwZXJtaXNzaW9ucyI6ICJ1c2VyIiwgIm5vdGUiOiAiY3R4c2Nh"
      "biBmYWtlIHRva2VuIn0AAhtbMSwgImN0eHNjYW4tZmFrZS1wcm9qZWN0Il0AAAYgNXRCP2LZzdrBs37HUnLPtNLX0RFX"
      "DsNW7UjzCp2wWkc";
  const std::string test_pypi =
      "pypi-"
      "AgENdGVzdC5weXBpLm9yZwJDeyJ2ZXJzaW9uIjogMSwgInBlcm1pc3Npb25zIjogInVzZXIiLCAibm90ZSI6ICJj"
      "dHhzY2FuIGZha2UgdG9rZW4ifQACG1sxLCAiY3R4c2Nhbi1mYWtlLXByb2plY3QiXQAABiANyPgPFOGw9IaZLXcHGsL3"
      "lvNJzS-Z5O4BGUiJHR4IaA";
  EXPECT_TRUE(PypiMacaroon(pypi));
  EXPECT_TRUE(PypiMacaroon(test_pypi));
  // Cut anywhere, or with bytes added, the signature no longer ends the data.
  for (std::size_t n = 5; n + 4 < pypi.size(); n += 7) {
    EXPECT_FALSE(PypiMacaroon(pypi.substr(0, n))) << n;
  }
  EXPECT_FALSE(PypiMacaroon(pypi + "AAAA"));
  EXPECT_FALSE(PypiMacaroon("pypi-" + pypi.substr(6)));  // version byte changed
  EXPECT_FALSE(
      PypiMacaroon("pypi-AgEIcHlwaS5vcmcFAKE4ra7N_HJM25mY_7w8vu3U0_1-pisqGca1ABerSmFY7gvX"));
  EXPECT_FALSE(PypiMacaroon("npm_" + pypi.substr(5)));
}

}  // namespace
}  // namespace ctxscan
