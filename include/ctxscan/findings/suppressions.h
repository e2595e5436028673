// What a CI gate lets through: a project's .ctxscan.yaml (allowlisted paths,
// regexes and stopwords, disabled rules, severity overrides, extra rule
// files) and a baseline (the fingerprints of a previous JSON report).
// Inline markers (ctxscan:allow, gitleaks:allow, pragma: allowlist secret)
// are handled while scanning, in file_scanner.h.
//
// Covered by tests/e2e/scan_cli_test.py (no unit test yet).
// Thread safety: immutable after loading.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ctxscan/findings/scan.h"
#include "ctxscan/status.h"
#include "ctxscan/util/pattern.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ctxscan {

struct ProjectConfig {
  std::vector<Pattern> allow_paths;  // Docker pattern syntax
  std::vector<std::string> allow_path_texts;
  std::vector<std::shared_ptr<const re2::RE2>> allow_regexes;  // matched against the secret
  std::vector<std::string> stopwords;                          // lowercase; substring of the secret
  std::set<std::string> disabled_rules;
  std::map<std::string, Severity> severity;  // rule id -> severity
  std::vector<std::string> extra_rules;      // paths, resolved
  std::string origin;                        // the file it came from
};

// Parses .ctxscan.yaml. `source` names it in errors ("FILE:LINE: ...");
// relative rule paths are resolved against `base_dir`.
Result<ProjectConfig> ParseProjectConfig(std::string_view yaml, std::string_view source,
                                         const std::string& base_dir);

// A baseline: what ctxscan reads of a JSON report (`ctxscan scan --format json`,
// `ctxscan baseline create`).
struct Baseline {
  std::set<std::string> fingerprints;
  // The id of the report hash key it was made with (HashKeyId); empty in
  // reports from before reports named their key.
  std::string hash_key_id;
};

// Reads the baseline at `path`.
Result<Baseline> LoadBaseline(const std::string& path);

// The same, from the report's text; `source` names it in errors.
Result<Baseline> ParseBaseline(std::string_view json, std::string_view source);

struct SuppressionReport {
  std::uint64_t by_config = 0;
  std::uint64_t by_baseline = 0;
  std::vector<std::string> unused;  // entries that suppressed nothing
};

// Drops the findings (or locations) the config and baseline allow, applies
// severity overrides, and says what was used.
SuppressionReport ApplySuppressions(const ProjectConfig* config,
                                    const std::set<std::string>* baseline,
                                    std::vector<Finding>* findings);

}  // namespace ctxscan
