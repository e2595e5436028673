// The scan pipeline: a ScanRequest (what to read, and how) goes in, a
// ScanReport (findings, counts, skips and notes, as data) comes out. It reads
// one source: a build context (its files, its Dockerfile and Compose files,
// and optionally the history of the repository holding it), standard input,
// or a repository's history, each through its reader
// (src/pipeline/source_reader.h). Then it gives every finding its fingerprint,
// leaves out what is below the minimum confidence, applies the project
// configuration and the baseline, and, for a build context, adds the checks
// that judge the .dockerignore as a whole.
//
// The pipeline prints nothing; the command line renders the report
// (src/cli/scan_run.cc) and decides the exit code.
//
// Covered by tests/e2e/scan_cli_test.py, tests/e2e/git_cli_test.py and the
// golden reports (tests/golden).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/context/context_items.h"
#include "ctxscan/context/context_source.h"
#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/hash_key.h"
#include "ctxscan/findings/scan.h"
#include "ctxscan/findings/suppressions.h"
#include "ctxscan/git/history.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/status.h"

namespace ctxscan {

enum class ScanSource {
  kContext,  // a build context directory (or every file under it, with all_files)
  kStdin,    // the bytes in `stdin_data`, named "-"
  kHistory,  // the history of the repository at or above `context.dir`
  kImage,    // the container image at `image` (docs/image.md)
};

struct ScanRequest {
  ScanSource source = ScanSource::kContext;
  // The directory (context.dir) and, for a context, its Dockerfile and builder.
  ContextRequest context;
  ContextItemsOptions items;  // for a context: which entries
  std::string stdin_data;     // for kStdin
  // for kImage: each a docker save or OCI archive, a layout, "-" or a
  // registry reference; a layer several of them share is scanned once.
  std::vector<std::string> images;
  std::string platform;  // for kImage: "os/arch" in a multi-platform index; empty: the host's
  bool insecure_registry = false;  // for kImage: skip TLS checks, allow plain HTTP
  // for kImage: where layers scanned clean before are remembered
  // (pipeline/layer_cache.h); empty: no cache.
  std::string layer_cache;
  bool with_history = false;  // for a context: then the history of its repository
  HistoryOptions history;
  // The Dockerfile analysis: the stage the build stops at (empty: the last),
  // the build arguments, and whether to add the hardening hints.
  std::string target;
  Vars build_args;
  bool hints = true;
  ScanOptions scan;                // threads, dedup, file limits, the progress callback
  const Engine* engine = nullptr;  // required
  HashKey hash_key;                // the fingerprints' key
  Confidence min_confidence = Confidence::kLow;
  const ProjectConfig* config = nullptr;            // .ctxscan.yaml, if any
  const std::set<std::string>* baseline = nullptr;  // fingerprints to suppress, if any
  // Called with a short description of a long step as it starts (reading
  // history, locating findings) and with "" when it ends. Optional.
  std::function<void(std::string_view step)> on_step;
};

// What a history walk saw, for the line the command line prints.
struct HistoryStats {
  std::size_t commits = 0;
  std::size_t blobs = 0;
  bool all_objects = false;  // then the two counts below mean something
  std::uint64_t unreachable_commits = 0;
  std::uint64_t dangling_blobs = 0;
  // The walk and the scan run at once: walk_seconds is the walk's time,
  // scan_seconds the time from the start until the last blob was scanned.
  double walk_seconds = 0;
  double scan_seconds = 0;
  double presence_seconds = 0;
};

struct ScanReport {
  ScanResult result;  // sorted findings (fingerprinted), skips, errors, notes, summary
  SuppressionReport suppressed;
  std::optional<HistoryStats> history;  // when history was read
  // For a context: the opened context and what the Dockerfile analysis read
  // (for `dockerignore suggest` and the image gate).
  std::optional<ContextSource> context;
  std::optional<Dockerfile> dockerfile;
  std::optional<Build> build;
};

// Runs the pipeline. Fails when the source cannot be read at all (a missing
// directory, not a repository, a --target with no Dockerfile to read stages
// from); files that cannot be read are errors in the report instead.
Result<ScanReport> RunScanPipeline(ScanRequest request);

}  // namespace ctxscan
