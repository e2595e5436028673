// A loaded, checked set of rules with each content rule's RE2 compiled.
// Building one validates what the YAML loader cannot: unique ids, regexes
// that compile, a bounded match length (the engine confirms candidates in a
// window ending at the prefilter's hit, so every match must fit one), and
// path patterns that parse.
//
// Thread safety: immutable after Build; shared by all scanning threads.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/context/pattern.h"
#include "ctxscan/match/rule.h"
#include "ctxscan/status.h"

namespace ctxscan {

// The longest match a content rule may have, in bytes.
inline constexpr unsigned kMaxRuleMatchBytes = 16 * 1024;

// One content rule ready to match.
struct ContentRule {
  const Rule* rule;
  std::unique_ptr<const re2::RE2> re;  // Latin-1 (byte) mode, like the prefilter
  int secret_group = 0;                // 0: the whole match
  unsigned max_width = 0;              // longest possible match, bytes
  // What the prefilter looks for (RE2 syntax): the pattern, or the leading
  // flags plus the rule's checked prefilter suffix.
  std::string prefilter_pattern;
};

// One file rule ready to match.
struct FileRule {
  const Rule* rule;
  std::vector<Pattern> paths;
};

class RuleSet {
 public:
  // Checks and compiles `rules`. Fails with the rule's origin (file:line)
  // and what is wrong.
  static Result<std::shared_ptr<const RuleSet>> Build(std::vector<Rule> rules);

  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<ContentRule>& content_rules() const { return content_; }
  const std::vector<FileRule>& file_rules() const { return files_; }
  // A stable digest of everything the compiled prefilter depends on.
  const std::string& digest() const { return digest_; }
  // Returns the rule with `id`, or null.
  const Rule* Find(std::string_view id) const;

 private:
  std::vector<Rule> rules_;
  std::vector<ContentRule> content_;
  std::vector<FileRule> files_;
  std::string digest_;
};

// The rules built into the binary (patterns/*.yaml at build time).
Result<std::vector<Rule>> LoadDefaultRules();

// Loads rule files or directories of *.yaml files.
Result<std::vector<Rule>> LoadRuleFiles(const std::vector<std::string>& paths);

// Where rules come from: the defaults plus `extra`, or only `only` when it
// is not empty (--rules / --only-rules).
struct RuleSources {
  std::vector<std::string> extra;
  std::vector<std::string> only;
};

// Loads and builds the rule set the sources name.
Result<std::shared_ptr<const RuleSet>> LoadRuleSet(const RuleSources& sources);

}  // namespace ctxscan
