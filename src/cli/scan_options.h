// What `scan`, `git`, `dockerignore suggest` and `baseline create` share:
// their options, the option groups they add, and the run that serves them
// all (src/cli/scan_run.cc). Each subcommand registers itself in a file of
// its own (scan_command.cc, git_command.cc, dockerignore_command.cc,
// baseline_command.cc).
//
// Covered by tests/e2e/scan_cli_test.py, tests/e2e/git_cli_test.py and
// tests/e2e/cli_usage_test.py.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "ctxscan/git/history.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/report/findings_report.h"
#include "ctxscan/status.h"

namespace ctxscan::cli {

struct ScanCommandOptions {
  std::string dir = ".";
  std::string dockerfile;
  std::string builder = "buildkit";
  bool all_files = false;
  bool include_ignored = false;
  bool binary = false;
  std::uint64_t max_file_size = 50ULL << 20;
  int threads = 0;
  bool show_secrets = false;
  bool no_dedup = false;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
  std::string fail_on = "low";
  // --min-confidence: findings below it are left out of the report and the
  // gate (see docs/config.md for why this default).
  std::string min_confidence = "low";
  std::string fail_on_image = "any";  // --fail-on-image: any, intermediate or final
  bool exit_zero = false;
  RuleSources rules;
  std::string config;         // .ctxscan.yaml; default DIR/.ctxscan.yaml when it exists
  std::string baseline;       // a previous JSON report
  std::string hash_key_file;  // --hash-key-file; else CTXSCAN_HASH_KEY, else the cache's key
  bool report_unused = false;
  bool baseline_create = false;  // `ctxscan baseline create`: write the report, exit 0
  bool git = false;              // `ctxscan git`: `dir` is a repository; scan its history
  bool scan_git = false;         // `ctxscan scan --git`: the context, then its repository's history
  bool image = false;            // `ctxscan image`: `dir` is an image archive or layout
  std::string platform;          // `ctxscan image --platform`
  bool insecure_registry = false;    // `ctxscan image --insecure-registry`
  std::vector<std::string> also;     // --also FORMAT=FILE: more reports of the same scan
  std::vector<std::string> sources;  // `ctxscan image SOURCE...`
  bool layer_cache = false;          // `ctxscan image --cache`
  std::string layer_cache_dir;       // `ctxscan image --cache-dir`
  HistoryOptions history;
  std::string remediate;                // `ctxscan git --remediate FILE`: write the clean-up plan
  std::string target;                   // --target: the stage the build stops at
  std::vector<std::string> build_args;  // --build-arg NAME[=VALUE]
  bool no_hints = false;                // --no-hints: drop dockerfile.hint.* findings
  bool suggest = false;                 // `ctxscan dockerignore suggest`: print .dockerignore lines
  bool write = false;                   // ... --write: append them
};

// Runs the scan the options describe and reports it; returns the exit code.
ExitCode RunScan(const ScanCommandOptions& o);

// Writes `result` in --format to --output (or stdout), and in each --also
// FORMAT=FILE to its file.
Status WriteScanReport(const ScanCommandOptions& o, const ScanResult& result,
                       const ReportInfo& info);

// Prints the result's notes and file errors on stderr unless the report went
// to the terminal as text, which holds them.
void PrintNotesOutsideTheReport(const ScanCommandOptions& o, const ScanResult& result);

// Adds --format, -o/--output, --also and --color.
void AddFormatOptions(CLI::App* cmd, ScanCommandOptions* o);

// Options shared by `scan` and `git`: how to read (`what`: files or blobs)
// and with which rules.
void AddReadingOptions(CLI::App* cmd, ScanCommandOptions* o, const std::string& what);
// --hash-key-file, for every command that makes fingerprints.
void AddHashKeyOption(CLI::App* cmd, ScanCommandOptions* o);
// Options shared by `scan` and `baseline create`: what to scan and with which rules.
void AddTargetOptions(CLI::App* cmd, ScanCommandOptions* o);
// Options shared by `scan` and `git`: the report and the exit code.
void AddOutputOptions(CLI::App* cmd, ScanCommandOptions* o);

}  // namespace ctxscan::cli
