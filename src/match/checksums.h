// Checksums that some credential formats carry, for rules' `validate` field.
// Each returns true when the text's own check verifies; none knows a key's
// issuer, so a pass says "well formed", not "live".
//
// Covered by tests/unit/checksums_test.cc (published test vectors).
#pragma once

#include <string_view>

namespace ctxscan {

// A NATS nkey (seed "SU...", or public key "U...", "A...", ...): RFC 4648
// base32 without padding of the prefix byte(s), the 32-byte key and a
// CRC-16/XMODEM of those, little-endian. Seeds carry two prefix bytes (the
// seed marker and the key type), public keys one.
bool NkeyChecksum(std::string_view key);

// A Bech32 string (BIP-173: human-readable part, '1', data, 6-character
// checksum), in one case: age secret keys (AGE-SECRET-KEY-1...), Nostr nsec
// keys. Bech32m strings (BIP-350) do not verify.
bool Bech32Checksum(std::string_view text);

}  // namespace ctxscan
