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

}  // namespace
}  // namespace ctxscan
