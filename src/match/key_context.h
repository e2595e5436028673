// What the code around a generic rule's value says about it, beyond the key
// name the pattern matched: whether the key labels or publishes a secret
// instead of holding one, and whether a call the key names sets it.
//
// Both answers come from labelled real code (docs/quality.md): UI strings
// under labelPassword, .NET's PublicKeyToken, and arguments of functions that
// get, make or test a token (get_password("service", key),
// testAdminToken("name", ...)) were reported as secrets.
//
// Covered by tests/unit/filters_test.cc (through JudgeSurroundings).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

// The words of an identifier, lower-cased: split at '_', '-', '.' and case
// changes (labelPassword -> label, password; HMACSecret -> hmac, secret;
// DB_PASSWORD -> db, password).
std::vector<std::string> IdentifierWords(std::string_view identifier);

// Whether the key identifier `key` (the name a value is assigned to) labels,
// describes or publishes a secret: a word such as label, placeholder, hint,
// prompt, title, description or publishable among its words, "public key"
// (publicKey, PublicKeyToken), sudoers' NOPASSWD or OAuth 1.0's oauth_nonce
// (sent in clear with every request).
bool KeyLabelsOrPublishes(std::string_view key);

// For a value quoted right after an opening parenthesis (`before` ends with
// `name(` and a quote, `after` starts at the closing quote): whether the call
// is not one that sets the key to this value. A call sets it when `name` is
// a value wrapper the generic patterns allow after an operator (String,
// Some, SecretStr, ...), or when the value is its only argument and no word
// of `name` says the function reads, makes, tests or shows a secret (get,
// fetch, create, generate, test, verify, is, has, parse, mock, ...): setters,
// builder methods (.ldapBindPassword("...")) and constructors
// (new OAuth2AccessToken("...")) set it; get_password("service", key),
// testAdminToken("name") and a value followed by a second argument do not.
// False when the value does not follow a parenthesis.
bool CallTakesOtherArguments(std::string_view before, std::string_view after);

// Whether the line the value stands on says, before the value, that it is an
// example: the word "example" (Example:, for example, EXAMPLE_KEY, examples),
// not in a host or a path (sql.example.com, /tmp/example). Documentation shows
// made-up values so.
bool LineSaysExample(std::string_view before);

}  // namespace ctxscan
