// HMAC-SHA256; see src/util/hmac.h.
#include "util/hmac.h"

#include "util/sha256.h"

namespace ctxscan {

std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view message) {
  constexpr std::size_t kBlock = 64;
  std::string k(key);
  if (k.size() > kBlock) {
    const std::array<std::uint8_t, 32> d = Sha256(k);
    k.assign(reinterpret_cast<const char*>(d.data()), d.size());
  }
  k.resize(kBlock, '\0');
  std::string inner(kBlock, '\0');
  std::string outer(kBlock, '\0');
  for (std::size_t i = 0; i < kBlock; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  inner.append(message);
  const std::array<std::uint8_t, 32> d = Sha256(inner);
  outer.append(reinterpret_cast<const char*>(d.data()), d.size());
  return Sha256(outer);
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : HmacSha256(key, message)) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace ctxscan
