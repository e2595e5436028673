// The option groups of the scanning subcommands; see src/cli/scan_options.h.
#include "cli/scan_options.h"

#include "ctxscan/report/report_formats.h"

namespace ctxscan::cli {

// Options shared by `scan` and `git`: how to read (`what`: files or blobs)
// and with which rules.
void AddReadingOptions(CLI::App* cmd, ScanCommandOptions* o, const std::string& what) {
  cmd->add_flag("--binary", o->binary, "scan " + what + " that look binary too");
  cmd->add_option("--max-file-size", o->max_file_size,
                  "skip (and report) " + what + " larger than this many bytes (default: 50 MiB)");
  cmd->add_option("--threads", o->threads, "worker threads (0: one per core)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--min-confidence", o->min_confidence,
                  "leave out findings below this confidence: low (default), medium or high "
                  "(see docs/config.md)");
  cmd->add_option("--rules", o->rules.extra, "add rules from a YAML file or directory (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--only-rules", o->rules.only,
                  "use only the rules of this file or directory (repeatable)")
      ->allow_extra_args(false);
}

// --hash-key-file, for every command that makes fingerprints.
void AddHashKeyOption(CLI::App* cmd, ScanCommandOptions* o) {
  cmd->add_option("--hash-key-file", o->hash_key_file,
                  "the key of the report's keyed hashes and fingerprints (mode 0600; default: "
                  "$CTXSCAN_HASH_KEY, else a key kept in the cache directory; see "
                  "docs/security.md)");
}

// Options shared by `scan` and `baseline create`: what to scan and with which rules.
void AddTargetOptions(CLI::App* cmd, ScanCommandOptions* o) {
  cmd->add_flag("--git", o->scan_git,
                "also scan the history of the git repository holding DIR (as `ctxscan git`; its "
                "paths are relative to the repository's root)");
  cmd->add_option("DIR", o->dir, "build context directory, or - for standard input (default: .)");
  cmd->add_option("-f,--file", o->dockerfile, "Dockerfile, relative to the current directory");
  cmd->add_option("--builder", o->builder, "buildkit (default) or legacy")
      ->check(CLI::IsMember({"buildkit", "legacy", "classic"}));
  cmd->add_flag("--all-files", o->all_files, "scan every file under DIR, ignoring .dockerignore");
  cmd->add_flag("--include-ignored", o->include_ignored,
                "also report what is present but ignored, at severity info (sent: false)");
  cmd->add_option("--target", o->target,
                  "the Dockerfile stage the build stops at, as `docker build --target` (default: "
                  "the last); only stages it needs count for in_image and Dockerfile findings");
  cmd->add_option("--build-arg", o->build_args,
                  "NAME=VALUE as `docker build --build-arg` (repeatable; NAME alone takes the "
                  "environment's value)")
      ->allow_extra_args(false);
  cmd->add_flag("--no-hints", o->no_hints,
                "leave out the Dockerfile hardening hints (dockerfile.hint.*, severity info)");
  AddReadingOptions(cmd, o, "files");
  cmd->add_option(
      "--config", o->config,
      "project configuration (default: DIR/.ctxscan.yaml when present; see docs/config.md)");
  cmd->add_option("--baseline", o->baseline,
                  "a previous JSON report: findings whose fingerprints it holds are suppressed");
  AddHashKeyOption(cmd, o);
}

// Options shared by `scan` and `git`: the report and the exit code.
void AddFormatOptions(CLI::App* cmd, ScanCommandOptions* o) {
  cmd->add_option("--format", o->format, ReportFormatHelp())
      ->check(CLI::IsMember(ReportFormatNames()));
  cmd->add_option("-o,--output", o->output, "write the report to FILE (mode 0600)");
  cmd->add_option("--also", o->also,
                  "also write the report in FORMAT to FILE (mode 0600): FORMAT=FILE, e.g.\n"
                  "--also sarif=ctxscan.sarif; repeatable (one scan, several reports)")
      ->check(
          [](const std::string& also) -> std::string {
            const std::size_t eq = also.find('=');
            if (eq == std::string::npos || FindReportFormat(also.substr(0, eq)) == nullptr ||
                eq + 1 == also.size() || also.substr(eq + 1) == "-") {
              return "expected FORMAT=FILE, FORMAT one of " + ReportFormatHelp();
            }
            return "";
          },
          "FORMAT=FILE")
      ->allow_extra_args(false);  // one FORMAT=FILE per --also: SOURCE may follow
  cmd->add_option("--color", o->color, "auto (default; honours NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void AddOutputOptions(CLI::App* cmd, ScanCommandOptions* o) {
  cmd->add_flag("--show-secrets", o->show_secrets, "print secrets unredacted");
  cmd->add_flag("--no-dedup", o->no_dedup, "one finding per location instead of per secret");
  AddFormatOptions(cmd, o);
  cmd->add_option("--fail-on", o->fail_on,
                  "lowest severity that makes the exit code 1 (default: low)");
  cmd->add_flag("--exit-zero", o->exit_zero, "exit 0 even with findings (errors still exit 2)");
  cmd->add_flag("--report-unused-suppressions", o->report_unused,
                "list config entries and baseline fingerprints that suppressed nothing");
}

}  // namespace ctxscan::cli
