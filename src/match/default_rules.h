// The default ruleset, embedded at build time from patterns/*.yaml by
// cmake/EmbedRules.cmake (generated source default_rules.cc).
//
// Covered by tests/unit/rules_test.cc.
#pragma once

#include <span>
#include <string_view>

namespace ctxscan {

struct EmbeddedRuleFile {
  std::string_view name;     // "patterns/aws.yaml"
  std::string_view content;  // the file's bytes
};

// Returns the embedded files in name order.
std::span<const EmbeddedRuleFile> DefaultRuleFiles();

// SHA-256 (hex) of the embedded files' names and bytes, computed at build
// time: the key of the parsed-rules cache (LoadDefaultRules).
std::string_view DefaultRulesDigest();

}  // namespace ctxscan
