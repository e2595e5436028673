// Checksums that some credential formats carry, for rules' `validate` field.
// Each returns true when the text's own check verifies; none knows a key's
// issuer, so a pass says "well formed", not "live".
//
// Covered by tests/unit/checksums_test.cc (published test vectors).
#pragma once

#include <cstdint>
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

// CRC-32 as zlib computes it (ISO-HDLC: reflected polynomial 0xEDB88320,
// initial and final XOR 0xFFFFFFFF).
std::uint32_t Crc32(std::string_view data);

// An Atlassian Cloud token (ATATT3... API tokens, ATCTT3... Bitbucket
// access tokens): the last 8 characters are the CRC-32 of everything before
// them (prefix included) in hexadecimal. The format is not published by
// Atlassian; it holds for every public sample checked (four revoked tokens).
bool AtlassianCrc32(std::string_view token);

// A GitLab routable token (glpat-<base64url payload>.[<version>.]<2 base-36
// digits of payload length><7 base-36 digits of CRC-32>): the CRC-32 of
// everything before the last 7 characters, prefix included, as GitLab's
// routable-token design describes it. A token without a '.' is a legacy
// token (20 random characters, no checksum) and passes: there is nothing to
// check.
bool GitLabRoutableCrc32(std::string_view token);

// A PyPI API token: "pypi-" and the base64url (unpadded) serialization of a
// version-2 macaroon: the version byte 2, then fields (type, length, bytes;
// varints) in packets ended by a zero byte, the last field the 32-byte
// signature (type 6), ending the data exactly. A structural check, not a
// cryptographic one: it catches truncated, edited and made-up tokens.
bool PypiMacaroon(std::string_view token);

}  // namespace ctxscan
