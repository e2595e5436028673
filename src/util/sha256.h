// SHA-256 (FIPS 180-4), for fingerprints and for naming secrets without
// printing them. Small and dependency-free; not used for anything that needs
// to resist timing attacks.
//
// Covered by tests/unit/sha256_test.cc (FIPS test vectors).
// Thread safety: pure function.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ctxscan {

// Returns the SHA-256 digest of `data`.
std::array<std::uint8_t, 32> Sha256(std::string_view data);

// Returns the digest as 64 lowercase hex characters.
std::string Sha256Hex(std::string_view data);

}  // namespace ctxscan
