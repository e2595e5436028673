// A compact binary form of parsed rules, so that a run need not parse the
// embedded YAML again (yaml-cpp takes about 100 ms for the default rules;
// decoding takes a few). LoadDefaultRules keeps it in the cache directory,
// keyed by the embedded files' digest, beside the compiled database.
//
// Covered by tests/unit/rules_test.cc (RuleCodec.*): every field of every
// default rule survives a round trip; damaged input is refused.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/rule.h"

namespace ctxscan {

// The encoding's version: part of the cache key, so that a cache written by
// another encoding is never decoded. Bump it with any change to the encoding.
inline constexpr int kRuleCodecVersion = 1;

// Encodes every field of every rule.
std::string EncodeRules(const std::vector<Rule>& rules);

// Decodes what EncodeRules wrote; nothing when `data` is not exactly that
// (truncated, trailing bytes, an impossible value).
std::optional<std::vector<Rule>> DecodeRules(std::string_view data);

}  // namespace ctxscan
