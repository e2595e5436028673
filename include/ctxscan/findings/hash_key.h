// The secret key of the keyed hashes (HMAC-SHA256) that name secrets in
// reports: `secret_hmac`, the short hash shown beside a redacted secret, and
// the fingerprints baselines match on. An unsalted hash of a short password
// lets anyone who reads a report confirm a guess offline; a keyed hash does
// not, unless the reader also holds the key (docs/security.md).
//
// Where the key comes from, first match wins:
//   1. --hash-key-file FILE (`HashKeySource::key_file`);
//   2. the environment variable CTXSCAN_HASH_KEY (`HashKeySource::env`);
//   3. DIR/hash-key in the user's cache directory (`HashKeySource::cache_dir`,
//      $XDG_CACHE_HOME/ctxscan or ~/.cache/ctxscan): 32 random bytes, created
//      on first use with mode 0600 in a directory of mode 0700.
// A key given as text (1, 2) is 64 hex digits (decoded to 32 bytes) or any
// other string of at least 16 bytes (its bytes are the key).
//
// Covered by tests/unit/hash_key_test.cc and tests/e2e/scan_cli_test.py.
// Thread safety: LoadHashKey may race another process creating the cache
// key; both end up with the same key (the file is created atomically).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

struct HashKey {
  std::string bytes;   // the key; never printed
  std::string origin;  // where it came from, for messages ("CTXSCAN_HASH_KEY", a path)
};

struct HashKeySource {
  std::string key_file;            // --hash-key-file; empty: not given
  std::optional<std::string> env;  // the value of CTXSCAN_HASH_KEY, when set
  std::string cache_dir;           // where hash-key lives; empty: no cache directory
};

// Returns the key `source` names (see above), creating the cache key when
// there is none yet. Fails, naming the file or variable, on a key file that
// is not a regular file, has group or other permissions, or (the cache key)
// is not 32 bytes; on a text key that is too short; and when there is no
// key to use (no cache directory and nothing else given).
Result<HashKey> LoadHashKey(const HashKeySource& source);

// Returns the key `text` spells: 64 hex digits decoded, any other text of at
// least 16 bytes as it is. `origin` names it in the error.
Result<HashKey> ParseHashKey(std::string_view text, std::string_view origin);

// The key's id, which JSON reports carry as `hash_key_id`: the first 16 hex
// digits of HMAC-SHA256(key, "ctxscan report hash key id v1"). Reports with
// the same id were made with the same key, so their hashes compare; the id
// is a keyed hash of a constant and says nothing about any secret (like a
// fingerprint, it can check a guess of the key: keys should be random).
std::string HashKeyId(const HashKey& key);

}  // namespace ctxscan
