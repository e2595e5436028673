// The run behind `scan`, `git`, `dockerignore suggest` and `baseline
// create`: options -> pipeline request -> report, notes and exit code; see
// src/cli/scan_options.h.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "cli/diagnostics.h"
#include "cli/ignore_suggest.h"
#include "cli/scan_options.h"
#include "cli/standard_output.h"
#include "compose/compose_analysis.h"
#include "ctxscan/context/build_context.h"
#include "ctxscan/context/context_items.h"
#include "ctxscan/context/context_source.h"
#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/hash_key.h"
#include "ctxscan/findings/scan.h"
#include "ctxscan/findings/suppressions.h"
#include "ctxscan/git/history.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/pipeline/scan_pipeline.h"
#include "ctxscan/report/findings_report.h"
#include "ctxscan/report/report_formats.h"
#include "ctxscan/util/file_system.h"
#include "dockerfile/analysis.h"
#include "dockerfile/image_gate.h"
#include "git/remediation.h"
#include "git/repository_root.h"
#include "match/cache_file.h"
#include "util/escape.h"
#include "util/unique_fd.h"
#include "util/write_all.h"

namespace ctxscan::cli {
namespace {

// The width quoted lines are cut to: the terminal's when standard output is
// one, else $COLUMNS when set, else none (0).
std::size_t TerminalWidth() {
  struct winsize ws {};
  if (::isatty(STDOUT_FILENO) != 0 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
      ws.ws_col > 0) {
    return ws.ws_col;
  }
  const char* columns = std::getenv("COLUMNS");
  if (columns != nullptr) return static_cast<std::size_t>(std::strtoul(columns, nullptr, 10));
  return 0;
}

// Where a report goes: a file opened with OpenReport, or stdout.
struct ReportOutput {
  UniqueFd fd;  // invalid: stdout
  std::string path;
};

// Opens `path` for a report (a new or existing regular file gets mode 0600;
// never through a symlink); empty or "-": stdout.
Result<ReportOutput> OpenReport(const std::string& path) {
  ReportOutput out;
  if (path.empty() || path == "-") return out;
  out.path = path;
  out.fd =
      UniqueFd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!out.fd.valid()) return Status::Error(path + ": " + std::strerror(errno));
  // An existing report keeps no wider mode; anything else that is not a
  // regular file (/dev/null, a terminal, a pipe) is left as it is.
  struct stat st {};
  if (::fstat(out.fd.get(), &st) == 0 && S_ISREG(st.st_mode)) ::fchmod(out.fd.get(), 0600);
  return out;
}

Status WriteReport(const ReportOutput& out, std::string_view text) {
  if (!out.fd.valid()) {
    return WriteStandardOutput(text);
  }
  return WriteAll(out.fd.get(), text, out.path);
}

// Writes `text` to `path` (see OpenReport) or to stdout.
Status Emit(const std::string& text, const std::string& path) {
  Result<ReportOutput> out = OpenReport(path);
  if (!out.ok()) return out.status();
  return WriteReport(*out, text);
}

// The largest configuration file read.
constexpr std::size_t kMaxConfigBytes = 16u << 20;

// Reads the project configuration: --config, else DIR/.ctxscan.yaml if present.
Result<std::optional<ProjectConfig>> LoadConfig(const ScanCommandOptions& o) {
  std::string path = o.config;
  if (path.empty() && o.dir != "-" && !o.image) {
    const std::string candidate = (o.dir.empty() ? std::string(".") : o.dir) + "/.ctxscan.yaml";
    struct stat st {};
    if (::lstat(candidate.c_str(), &st) == 0) {
      if (S_ISREG(st.st_mode)) path = candidate;
      if (S_ISLNK(st.st_mode)) {
        PrintNote(candidate +
                  " is a symlink: not followed (pass the file with --config to use it)");
      }
    }
  }
  if (path.empty()) return std::optional<ProjectConfig>();
  // Found in the scanned directory: never through a symlink.
  Result<std::string> text = ReadPathFile(path, kMaxConfigBytes, !o.config.empty());
  if (!text.ok()) return text.status();
  const std::string dir =
      path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  Result<ProjectConfig> c = ParseProjectConfig(*text, path, dir);
  if (!c.ok()) return c.status();
  return std::optional<ProjectConfig>(std::move(c).value());
}

// The --build-arg values: NAME=VALUE, or NAME alone for the value of the
// environment variable NAME (left out when it is not set), as docker does.
Vars BuildArgs(const std::vector<std::string>& args) {
  Vars out;
  for (const std::string& a : args) {
    const std::size_t eq = a.find('=');
    if (eq != std::string::npos) {
      out[a.substr(0, eq)] = a.substr(eq + 1);
    } else if (const char* v = std::getenv(a.c_str()); v != nullptr) {
      out[a] = v;
    }
  }
  return out;
}

// A rule id in .ctxscan.yaml (rules.disable, rules.severity) that names no
// rule suppresses nothing: most likely a typo, so say so on stderr.
void WarnUnknownRuleIds(const ProjectConfig& config, const RuleSet& rules) {
  std::set<std::string> ids(config.disabled_rules.begin(), config.disabled_rules.end());
  for (const auto& [id, severity] : config.severity) ids.insert(id);
  for (const std::string& id : ids) {
    auto has = [&](const std::vector<Rule>& built_in) {
      return std::any_of(built_in.begin(), built_in.end(),
                         [&](const Rule& r) { return r.id == id; });
    };
    if (rules.Find(id) != nullptr || has(DockerfileRules()) || has(ComposeRules())) continue;
    PrintWarning(config.origin + ": no rule has the id \"" + id + "\" (see `ctxscan rules list`)");
  }
}

// The key of the report's keyed hashes (include/ctxscan/findings/hash_key.h):
// --hash-key-file, else CTXSCAN_HASH_KEY, else the user's cache's key.
Result<HashKey> LoadReportHashKey(const ScanCommandOptions& o) {
  HashKeySource source;
  source.key_file = o.hash_key_file;
  if (const char* env = std::getenv("CTXSCAN_HASH_KEY"); env != nullptr) source.env = env;
  source.cache_dir = CacheDirectory("");
  return LoadHashKey(source);
}

// The directory CI reports name files against (report_root.h): for a
// history scan the repository's root; for a context the working tree
// holding it, else the current directory, else the context itself; none for
// standard input. A repository that cannot be opened is noted and passed over.
ReportRoot FindReportRoot(const ScanCommandOptions& o) {
  if (o.dir == "-" || o.image) return {};
  Result<std::optional<std::string>> repository = FindWorktreeRoot(o.dir);
  if (!repository.ok()) {
    PrintNote("report paths: " + repository.status().message());
    repository = std::optional<std::string>();
  }
  if (o.git)
    return *repository ? ReportRoot{RootKind::kRepository, **repository, ""} : ReportRoot{};
  std::error_code ec;
  const std::filesystem::path context = std::filesystem::canonical(o.dir, ec);
  if (ec) return {};
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return {};
  return ChooseReportRoot(context.string(), *repository, cwd.string());
}

// Reports whether a finding fails the build: at or above `fail_on`, and in
// an image as far as `gate` asks (src/dockerfile/image_gate.h).
// Under a final or intermediate gate, says on stderr how many findings were
// let through and how many were counted for want of a Dockerfile analysis.
bool FailsGate(const std::vector<Finding>& findings, Severity fail_on, ImageGate gate,
               const ImageReachJudge& judge) {
  bool fails = false;
  std::size_t let_through = 0;
  std::size_t unknown = 0;
  for (const Finding& f : findings) {
    if (f.severity < fail_on) continue;
    if (gate == ImageGate::kAny) return true;
    const ImageReach reach = judge.Of(f);
    const bool counted = FailsImageGate(gate, reach);
    fails = fails || counted;
    let_through += counted ? 0 : 1;
    unknown += counted && reach.unknown ? 1 : 0;
  }
  const std::string name(ImageGateName(gate));
  if (let_through > 0) {
    PrintNote("--fail-on-image " + name + ": " + std::to_string(let_through) +
              " finding(s) at or above --fail-on " + std::string(SeverityName(fail_on)) +
              " do not reach " +
              (gate == ImageGate::kFinal ? "the final image" : "any image of the build") +
              " and do not fail the build");
  }
  if (unknown > 0) {
    PrintNote("--fail-on-image " + name + ": where " + std::to_string(unknown) +
              " finding(s) go is unknown (no Dockerfile analysis); counted as reaching the final "
              "image");
  }
  return fails;
}

// The flags that take a name, parsed.
struct ScanFlags {
  Severity fail_on = Severity::kLow;
  Confidence min_confidence = Confidence::kLow;
  ImageGate fail_on_image = ImageGate::kAny;
};

Result<ScanFlags> ParseScanFlags(const ScanCommandOptions& o) {
  ScanFlags flags;
  const std::optional<Severity> fail_on = ParseSeverity(o.fail_on);
  if (!fail_on) return Status::Error("--fail-on: expected critical, high, medium, low or info");
  flags.fail_on = *fail_on;
  if (o.remediate == "-") {
    return Status::Error(
        "--remediate: expected a file name (the replacement list is written beside it), not -");
  }
  const std::optional<Confidence> min_confidence = ParseConfidence(o.min_confidence);
  if (!min_confidence) {
    return Status::Error("--min-confidence: expected low, medium or high, not \"" +
                         o.min_confidence + "\"");
  }
  flags.min_confidence = *min_confidence;
  const std::optional<ImageGate> fail_on_image = ParseImageGate(o.fail_on_image);
  if (!fail_on_image) return Status::Error("--fail-on-image: expected final, intermediate or any");
  flags.fail_on_image = *fail_on_image;
  return flags;
}

// What a scan reads besides its source: the project configuration, the
// baseline, the fingerprints' key, and the rules compiled.
struct ScanInputs {
  std::optional<ProjectConfig> config;
  std::optional<std::set<std::string>> baseline;  // its fingerprints
  HashKey hash_key;
  std::shared_ptr<const RuleSet> rules;
  std::unique_ptr<const Engine> engine;
};

// A baseline made under another key matches nothing, and every finding would
// look new: an error that says why (reports from before reports named their
// key are taken as they are).
Status SameHashKey(const Baseline& b, const std::string& path, const HashKey& key) {
  const std::string id = HashKeyId(key);
  if (b.hash_key_id.empty() || b.hash_key_id == id) return Status::Ok();
  return Status::Error(StatusCode::kInvalidArgument,
                       path + ": this baseline was made with another report hash key (key id " +
                           b.hash_key_id + "; this run's key is " + id +
                           "), so none of its fingerprints can match: run with the key it was "
                           "made with (CTXSCAN_HASH_KEY or --hash-key-file), or make it again "
                           "with `ctxscan baseline create`");
}

Result<ScanInputs> LoadScanInputs(const ScanCommandOptions& o) {
  ScanInputs in;
  Result<std::optional<ProjectConfig>> config = LoadConfig(o);
  if (!config.ok()) return config.status();
  in.config = std::move(config).value();
  Result<HashKey> hash_key = LoadReportHashKey(o);
  if (!hash_key.ok()) return hash_key.status();
  in.hash_key = std::move(hash_key).value();
  if (!o.baseline.empty()) {
    Result<Baseline> b = LoadBaseline(o.baseline);
    if (!b.ok()) return b.status();
    if (Status same = SameHashKey(*b, o.baseline, in.hash_key); !same.ok()) return same;
    in.baseline = std::move(b->fingerprints);
  }
  RuleSources sources = o.rules;
  if (in.config) {
    std::vector<std::string>& into = sources.only.empty() ? sources.extra : sources.only;
    into.insert(into.end(), in.config->extra_rules.begin(), in.config->extra_rules.end());
  }
  Result<std::shared_ptr<const RuleSet>> rules = LoadRuleSet(sources);
  if (!rules.ok()) return rules.status();
  in.rules = std::move(rules).value();
  if (in.config) WarnUnknownRuleIds(*in.config, *in.rules);
  Result<std::unique_ptr<const Engine>> engine = Engine::Create(in.rules, EngineOptions{});
  if (!engine.ok()) return engine.status();
  in.engine = std::move(engine).value();
  // Found by the engine's probe (src/match/hyperscan_probe.h): said, since
  // these rules make the scan slower.
  for (const std::string& id : in.engine->stats().untrusted_rules) {
    PrintNote("rule " + id +
              ": the installed Hyperscan misses some of its matches on this CPU; RE2 reads "
              "whole files for it instead (slower)");
  }
  return in;
}

// A progress line on stderr, only when it is a terminal (never in logs).
void ShowScanProgress(const ScanProgress& p, bool done) {
  if (done) {
    std::fprintf(stderr, "\r\x1b[K");
    return;
  }
  // While a history is still being read, more files are to come: "1200/3000+".
  std::fprintf(stderr, "\r\x1b[Kscanning: %llu/%llu%s files, %.1f MB, %.1f MB/s, %.1f s",
               static_cast<unsigned long long>(p.files),
               static_cast<unsigned long long>(p.total_files), p.total_known ? "" : "+",
               static_cast<double>(p.bytes) / 1e6,
               static_cast<double>(p.bytes) / 1e6 / std::max(p.seconds, 1e-3), p.seconds);
  std::fflush(stderr);
}

// The pipeline's request for the command's options.
Result<ScanRequest> MakeScanRequest(const ScanCommandOptions& o, const ScanInputs& in,
                                    const ScanFlags& flags) {
  ScanRequest r;
  r.context.dir = o.dir;
  r.context.dockerfile = o.dockerfile;
  if (o.git) {
    r.source = ScanSource::kHistory;
  } else if (o.image) {
    r.source = ScanSource::kImage;
    r.images = o.sources;
    r.platform = o.platform;
    r.insecure_registry = o.insecure_registry;
    if (o.layer_cache || !o.layer_cache_dir.empty()) {
      const std::string base = CacheDirectory("");
      if (o.layer_cache_dir.empty() && base.empty()) {
        return Status::Error(StatusCode::kInvalidArgument,
                             "--cache: no cache directory (neither XDG_CACHE_HOME nor HOME is "
                             "set); give one with --cache-dir");
      }
      r.layer_cache = o.layer_cache_dir.empty() ? base + "/layers" : o.layer_cache_dir;
    }
  } else if (o.dir == "-") {
    r.source = ScanSource::kStdin;
    r.stdin_data.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    const std::optional<Builder> builder = ParseBuilder(o.builder);
    if (!builder) return Status::Error("--builder: unknown builder \"" + o.builder + "\"");
    r.context.builder = *builder;
  }
  r.items = ContextItemsOptions{o.all_files, o.include_ignored, o.threads};
  r.with_history = o.scan_git;
  r.history = o.history;
  r.target = o.target;
  r.build_args = BuildArgs(o.build_args);
  r.hints = !o.no_hints;
  r.scan.threads = o.threads;
  r.scan.dedup = !o.no_dedup;
  r.scan.file.max_file_size = o.max_file_size;
  r.scan.file.scan_binary = o.binary;
  if (::isatty(STDERR_FILENO) != 0) {
    r.scan.on_progress = ShowScanProgress;
    r.on_step = [](std::string_view step) {
      std::fprintf(stderr, "\r\x1b[K%.*s", static_cast<int>(step.size()), step.data());
    };
  }
  r.engine = in.engine.get();
  r.hash_key = in.hash_key;
  r.min_confidence = flags.min_confidence;
  r.config = in.config ? &*in.config : nullptr;
  r.baseline = in.baseline ? &*in.baseline : nullptr;
  return r;
}

// What a history walk saw, on stderr.
void PrintHistoryStats(const HistoryStats& h) {
  std::fprintf(stderr, "history: %zu commit(s), %zu unique blob(s)", h.commits, h.blobs);
  if (h.all_objects) {
    std::fprintf(stderr, ", %llu unreachable commit(s), %llu dangling blob(s)",
                 static_cast<unsigned long long>(h.unreachable_commits),
                 static_cast<unsigned long long>(h.dangling_blobs));
  }
  std::fprintf(stderr,
               "; %.2f s reading history and, alongside, %.2f s scanning; %.2f s locating "
               "findings\n",
               h.walk_seconds, h.scan_seconds, h.presence_seconds);
}

// The report's header: what was scanned, and how to show it.
ReportInfo MakeReportInfo(const ScanCommandOptions& o, const ScanReport& report) {
  ReportInfo info;
  info.show_secrets = o.show_secrets;
  const char* no_color = std::getenv("NO_COLOR");
  info.color = o.color == "always" ||
               (o.color == "auto" && o.output.empty() &&
                (no_color == nullptr || no_color[0] == 0) && ::isatty(STDOUT_FILENO) != 0);
  info.width = o.output.empty() ? TerminalWidth() : 0;
  info.target = o.dir;
  if (o.git) {
    info.mode = "git";
  } else if (o.image) {
    info.mode = "image";
  } else if (o.dir == "-") {
    info.mode = "stdin";
  } else {
    info.mode = o.scan_git ? "context+git" : o.all_files ? "directory" : "context";
    info.builder = std::string(BuilderName(ParseBuilder(o.builder).value_or(Builder::kBuildKit)));
    info.ignore_file = report.context->rules.ignore_file;
  }
  return info;
}

// `ctxscan dockerignore suggest`: the lines, from the scan's findings.
ExitCode SuggestIgnoreLines(const ScanCommandOptions& o, ScanReport* report) {
  if (!report->context) {
    return Fail(Status::Error("dockerignore suggest needs a context directory"));
  }
  const ScanResult& result = report->result;
  const ExitCode code = RunIgnoreSuggest(
      SuggestRequest{&*report->context, report->dockerfile ? &*report->dockerfile : nullptr,
                     report->build ? &*report->build : nullptr, &report->result.findings, o.write});
  // What cannot be read is not judged: the suggestion cannot vouch for it.
  PrintFileErrors(result.errors);
  if (code == ExitCode::kClean && !result.errors.empty()) {
    return ExitCode::kError;
  }
  return code;
}

// Renders the report in `format` to `path` (or stdout).
Status WriteFormat(const ReportFormat& format, const std::string& path, const ScanResult& result,
                   const ReportInfo& info) {
  if (format.stream == nullptr) return Emit(format.render(result, info), path);
  Result<ReportOutput> out = OpenReport(path);
  if (!out.ok()) return out.status();
  return format.stream(result, info,
                       [&](std::string_view piece) { return WriteReport(*out, piece); });
}

// `ctxscan git --remediate FILE`: the clean-up plan and the replacement list.
Status WriteRemediation(const ScanCommandOptions& o, const ScanResult& result) {
  // Absolute: the plan's commands name it and run from any directory.
  std::error_code ec;
  const std::string plan_path = std::filesystem::absolute(o.remediate, ec).lexically_normal();
  if (ec) return Status::Error(o.remediate + ": " + ec.message());
  const std::string replace_path = ReplaceTextPath(o.remediate);
  Result<std::string> plan = RemediationPlan(o.dir, result.findings, plan_path);
  if (!plan.ok()) return plan.status();
  if (Status s = Emit(*plan, o.remediate); !s.ok()) return s;
  if (Status s = Emit(ReplaceText(result.findings), replace_path); !s.ok()) return s;
  std::fprintf(stderr, "remediation plan written to %s (replacements in %s)\n",
               EscapeText(o.remediate).c_str(), EscapeText(replace_path).c_str());
  return Status::Ok();
}

}  // namespace

// Renders the report in --format to --output (or stdout), and in each
// --also FORMAT=FILE to its file (files: no color, no cut lines).
Status WriteScanReport(const ScanCommandOptions& o, const ScanResult& result,
                       const ReportInfo& info) {
  const ReportFormat* format = FindReportFormat(o.format);
  if (format == nullptr) return Status::Error("--format: unknown format \"" + o.format + "\"");
  if (Status s = WriteFormat(*format, o.output, result, info); !s.ok()) return s;
  ReportInfo to_file = info;
  to_file.color = false;
  to_file.width = 0;
  for (const std::string& also : o.also) {
    const std::size_t eq = also.find('=');
    const ReportFormat* extra =
        eq == std::string::npos ? nullptr : FindReportFormat(also.substr(0, eq));
    if (extra == nullptr || eq + 1 == also.size() || also.substr(eq + 1) == "-") {
      return Status::Error(
          StatusCode::kInvalidArgument,
          "--also \"" + also + "\": expected FORMAT=FILE, FORMAT one of " + ReportFormatHelp());
    }
    if (Status s = WriteFormat(*extra, also.substr(eq + 1), result, to_file); !s.ok()) return s;
  }
  return Status::Ok();
}

void PrintNotesOutsideTheReport(const ScanCommandOptions& o, const ScanResult& result) {
  // The text report on the terminal already holds them; anything else is
  // read by a program, so tell the person watching too.
  if (o.format == "text" && o.output.empty()) return;
  for (const std::string& n : result.notes) PrintNote(n);
  PrintFileErrors(result.errors);
}

ExitCode RunScan(const ScanCommandOptions& o) {
  Result<ScanFlags> flags = ParseScanFlags(o);
  if (!flags.ok()) return Fail(flags.status());
  Result<ScanInputs> in = LoadScanInputs(o);
  if (!in.ok()) return Fail(in.status());
  Result<ScanRequest> request = MakeScanRequest(o, *in, *flags);
  if (!request.ok()) return Fail(request.status());
  Result<ScanReport> scanned = RunScanPipeline(std::move(request).value());
  if (!scanned.ok()) return Fail(scanned.status());
  ScanReport& report = *scanned;
  if (report.history) PrintHistoryStats(*report.history);
  ScanResult& result = report.result;
  if (o.report_unused) {
    for (const std::string& u : report.suppressed.unused) {
      result.notes.push_back("unused suppression: " + u);
    }
  }
  if (o.suggest) return SuggestIgnoreLines(o, &report);
  ReportInfo info = MakeReportInfo(o, report);
  info.root = FindReportRoot(o);
  info.hash_key_id = HashKeyId(in->hash_key);
  if (Status s = WriteScanReport(o, result, info); !s.ok()) return Fail(s);
  PrintNotesOutsideTheReport(o, result);
  if (!o.remediate.empty()) {
    if (Status s = WriteRemediation(o, result); !s.ok()) return Fail(s);
  }
  if (o.baseline_create) {
    std::fprintf(stderr, "baseline: %zu finding(s) written to %s\n", result.findings.size(),
                 o.output.c_str());
    return result.errors.empty() ? ExitCode::kClean : ExitCode::kError;
  }
  // An image whose layers could not all be read is not vouched for.
  if (o.image && !result.errors.empty()) return ExitCode::kError;
  const ImageReachJudge judge(report.dockerfile ? &*report.dockerfile : nullptr,
                              report.build ? &*report.build : nullptr,
                              report.context ? report.context->rules.dockerfile : std::string());
  if (FailsGate(result.findings, flags->fail_on, flags->fail_on_image, judge) && !o.exit_zero) {
    return ExitCode::kFindings;
  }
  if (!result.errors.empty()) return ExitCode::kError;
  return ExitCode::kClean;
}

}  // namespace ctxscan::cli
