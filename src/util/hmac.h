// HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256), the keyed hash that names
// secrets in reports: without the key, a report's hashes cannot be used to
// confirm a guessed secret (see docs/security.md). Not constant-time; keys
// and secrets stay in this process, so no timing is observable.
//
// Covered by tests/unit/hmac_test.cc (RFC 4231 test vectors).
// Thread safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ctxscan {

// Returns HMAC-SHA256 of `message` under `key` (any length; keys longer than
// 64 bytes are hashed first, as RFC 2104 says).
std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view message);

// Returns the HMAC as 64 lowercase hex characters.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace ctxscan
