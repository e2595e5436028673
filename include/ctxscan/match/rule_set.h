// A loaded, checked set of rules with each content rule's RE2 compiled.
// Building one validates what the YAML loader cannot: unique ids, regexes
// that compile, a bounded match length (the engine confirms candidates in a
// window ending at the prefilter's hit, so every match must fit one), and
// path patterns that parse.
//
// Thread safety: immutable after Build; shared by all scanning threads.
//
// Covered by tests/unit/rules_test.cc and tests/unit/file_signature_test.cc.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/rule.h"
#include "ctxscan/status.h"
#include "ctxscan/util/pattern.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ctxscan {

// The longest match a content rule may have, in bytes.
inline constexpr unsigned kMaxRuleMatchBytes = 16 * 1024;

// A rule's RE2, compiled when first used: RE2 takes most of a millisecond a
// pattern to parse and compile, and a scan confirms candidates of only a few
// rules. RuleSet::Build compiles (so checks) every pattern the first time it
// sees a rule set and caches that it did (see RuleCache); later runs of the
// same set compile on demand. Thread-safe.
class LazyRegex {
 public:
  explicit LazyRegex(std::string pattern);
  // An already compiled regex.
  explicit LazyRegex(std::unique_ptr<const re2::RE2> re);
  ~LazyRegex();
  LazyRegex(const LazyRegex&) = delete;
  LazyRegex& operator=(const LazyRegex&) = delete;
  // The compiled regex (Latin-1 byte mode, like the prefilter). Check ok():
  // it fails only if the RE2 library changed since the pattern was checked.
  const re2::RE2& get() const;

 private:
  std::string pattern_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<const re2::RE2> re_;
};

// One content rule ready to match.
struct ContentRule {
  const Rule* rule;
  std::unique_ptr<const LazyRegex> re;
  int secret_group = 0;    // index of the group named "secret"; 0: the whole match
  unsigned max_width = 0;  // longest possible match, bytes
  // What the prefilter looks for (RE2 syntax): the pattern, or the leading
  // flags plus the rule's checked prefilter suffix.
  std::string prefilter_pattern;
  bool approximate = false;  // compiled in Hyperscan's prefilter mode
  // Set when the rule is matched behind the keyed gate (src/match/keyed_gate.h):
  // its brand (RE2 syntax) goes to the gate's brand database instead of the
  // always-on one, and `gate_lookback` bounds how far before an anchor's hit
  // its match may start. Empty and 0 otherwise.
  std::string gate_brand;
  unsigned gate_lookback = 0;
  // A pattern that matches at the start of every match of this rule (the
  // pattern's first items; src/match/rule_regex_options.h, StartPattern):
  // confirmation tries only the offsets where it matches. Null when the
  // pattern has no such shorter start.
  std::unique_ptr<const LazyRegex> start;
};

// The always-on patterns that open the keyed gate (one today), and how far
// back of a hit the brands are looked for (the largest lookback of the gated
// rules).
struct KeyedGateAnchors {
  std::vector<std::string> patterns;  // RE2 syntax
  unsigned lookback = 0;
};

// One file rule ready to match.
struct FileRule {
  const Rule* rule;
  std::vector<Pattern> paths;
  // For each path pattern, text every matching path ends with (the literal
  // end of its last component; empty when that ends in a wildcard): a cheap
  // test that spares most paths the full match.
  std::vector<std::string> path_endings;
  // The rule's signature compiled (Latin-1, "." matches a newline); null
  // when it has none. See FileRule::MatchesContent.
  std::shared_ptr<const re2::RE2> signature;

  // Whether `head`, the first kSignatureBytes (or fewer) of a file, matches
  // the signature at offset 0; false without one.
  bool MatchesContent(std::string_view head) const;
};

// The literal text every path matching the .dockerignore-style `pattern`
// ends with: what follows the last wildcard, escape or slash. Patterns are
// anchored at both ends, so a match must end with it.
std::string RequiredPathEnding(std::string_view pattern);

// Where RuleSet::Build caches Hyperscan's analysis of the patterns (their
// match widths), keyed by the rule set's digest: `dir` or the default cache
// directory (src/match/cache_file.h); nothing when `use` is false.
struct RuleCache {
  std::string dir;
  bool use = true;
};

class RuleSet {
 public:
  // Checks and compiles `rules`. Fails with the rule's origin (file:line)
  // and what is wrong.
  static Result<std::shared_ptr<const RuleSet>> Build(std::vector<Rule> rules,
                                                      const RuleCache& cache = {});

  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<ContentRule>& content_rules() const { return content_; }
  const std::vector<FileRule>& file_rules() const { return files_; }
  const KeyedGateAnchors& gate_anchors() const { return anchors_; }
  // Appends to `out` the indices (into file_rules()) of the rules whose
  // signature matches `head`, in increasing order: FileRule::MatchesContent
  // for all of them in one pass.
  void MatchSignatures(std::string_view head, std::vector<std::uint32_t>* out) const;
  // Appends to `out` the indices (into file_rules()) of the rules one of
  // whose path patterns matches `path`, in increasing order, each once: the
  // same answer as trying every pattern, but only the patterns whose
  // required ending (RequiredPathEnding) ends with the path's last byte, and
  // those without one, are tried.
  void MatchPaths(std::string_view path, std::vector<std::uint32_t>* out) const;
  // A stable digest of everything the compiled prefilter depends on.
  const std::string& digest() const { return digest_; }
  // Returns the rule with `id`, or null.
  const Rule* Find(std::string_view id) const;

 private:
  Status AnalyzeWidths(const std::string& material, const RuleCache& cache);
  std::vector<Rule> rules_;
  std::vector<ContentRule> content_;
  void BuildGateAnchors();
  std::vector<FileRule> files_;
  // Every file rule's signature in one RE2::Set, anchored at the start;
  // null when no rule has one.
  struct SignatureSet;
  Status BuildSignatureSet();
  std::shared_ptr<const SignatureSet> signatures_;
  // The file rules' path patterns by the last byte of their required ending
  // (src/match/file_rule_paths.cc).
  struct PathIndex;
  void BuildPathIndex();
  std::shared_ptr<const PathIndex> paths_;
  KeyedGateAnchors anchors_;
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
