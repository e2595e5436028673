// Credential checksums; see src/match/checksums.h.
#include "match/checksums.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "util/text.h"

namespace ctxscan {
namespace {

// RFC 4648 base32 (A-Z, 2-7) without padding; false on another character
// or on nonzero bits left over after the last whole byte.
bool DecodeBase32(std::string_view text, std::vector<std::uint8_t>* out) {
  std::uint32_t bits = 0;
  int have = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) return false;
    bits = (bits << 5) | static_cast<std::uint32_t>(v);
    have += 5;
    if (have >= 8) {
      have -= 8;
      out->push_back(static_cast<std::uint8_t>(bits >> have));
      bits &= (1U << have) - 1;
    }
  }
  return bits == 0;
}

std::uint16_t Crc16Xmodem(const std::uint8_t* data, std::size_t n) {
  std::uint16_t crc = 0;
  for (std::size_t i = 0; i < n; ++i) {
    crc = static_cast<std::uint16_t>(crc ^ (data[i] << 8));
    for (int k = 0; k < 8; ++k) {
      crc = (crc & 0x8000) != 0 ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                                : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;
}

std::uint32_t Bech32Polymod(const std::vector<std::uint8_t>& values) {
  static constexpr std::uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                            0x2a1462b3};
  std::uint32_t chk = 1;
  for (std::uint8_t v : values) {
    const std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if (((top >> i) & 1) != 0) chk ^= kGen[i];
    }
  }
  return chk;
}

// Reads a macaroon varint (LEB128, at most 5 bytes) at *at.
bool ReadVarint(const std::string& data, std::size_t* at, std::uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*at >= data.size()) return false;
    const auto byte = static_cast<std::uint8_t>(data[(*at)++]);
    *value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace

std::uint32_t Crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFU;
  for (char ch : data) crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFU;
}

bool AtlassianCrc32(std::string_view token) {
  if (token.size() <= 8) return false;
  std::uint32_t stored = 0;
  for (char c : token.substr(token.size() - 8)) {
    const int v = HexDigit(c);
    if (v < 0) return false;
    stored = (stored << 4) | static_cast<std::uint32_t>(v);
  }
  return Crc32(token.substr(0, token.size() - 8)) == stored;
}

bool GitLabRoutableCrc32(std::string_view token) {
  if (token.find('.') == std::string_view::npos) return true;
  if (token.size() <= 7) return false;
  std::uint64_t stored = 0;
  for (char c : token.substr(token.size() - 7)) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 10;
    if (v < 0) return false;
    stored = stored * 36 + static_cast<std::uint64_t>(v);
  }
  return Crc32(token.substr(0, token.size() - 7)) == stored;
}

bool PypiMacaroon(std::string_view token) {
  constexpr std::string_view kPrefix = "pypi-";
  if (!token.starts_with(kPrefix)) return false;
  Base64Bytes bytes;
  for (char c : token.substr(kPrefix.size())) {
    const int v = Base64Digit(c);
    if (v < 0) return false;
    bytes.Add(v);
  }
  const std::string& data = bytes.bytes();
  if (data.empty() || data[0] != 2) return false;
  constexpr std::uint64_t kSignature = 6;
  std::size_t at = 1;
  while (at < data.size()) {
    std::uint64_t type = 0;
    if (!ReadVarint(data, &at, &type)) return false;
    if (type == 0) continue;  // end of a packet
    if (type != 1 && type != 2 && type != 4 && type != kSignature) return false;
    std::uint64_t length = 0;
    if (!ReadVarint(data, &at, &length) || length > data.size() - at) return false;
    at += static_cast<std::size_t>(length);
    if (type == kSignature) return length == 32 && at == data.size();
  }
  return false;
}

bool NkeyChecksum(std::string_view key) {
  std::vector<std::uint8_t> raw;
  if (!DecodeBase32(key, &raw)) return false;
  // Seeds: 2 + 32 + 2 bytes; public keys: 1 + 32 + 2.
  if (raw.size() != 36 && raw.size() != 35) return false;
  const std::size_t body = raw.size() - 2;
  const auto stored = static_cast<std::uint16_t>(raw[body] | (raw[body + 1] << 8));
  return Crc16Xmodem(raw.data(), body) == stored;
}

bool Bech32Checksum(std::string_view text) {
  static constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  bool lower = false;
  bool upper = false;
  std::string s;
  for (char c : text) {
    if (c < 33 || c > 126) return false;
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
    s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::size_t sep = s.rfind('1');
  if ((lower && upper) || sep == std::string::npos || sep == 0 || sep + 7 > s.size()) {
    return false;
  }
  std::vector<std::uint8_t> values;
  for (std::size_t i = 0; i < sep; ++i) values.push_back(static_cast<std::uint8_t>(s[i] >> 5));
  values.push_back(0);
  for (std::size_t i = 0; i < sep; ++i) values.push_back(static_cast<std::uint8_t>(s[i] & 31));
  for (std::size_t i = sep + 1; i < s.size(); ++i) {
    const std::size_t v = kCharset.find(s[i]);
    if (v == std::string_view::npos) return false;
    values.push_back(static_cast<std::uint8_t>(v));
  }
  return Bech32Polymod(values) == 1;
}

}  // namespace ctxscan
