// `ctxscan scan [DIR]`: the files `docker build DIR` would send (plus the
// Dockerfile), scanned for secrets and sensitive files.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "cli/command.h"
#include "cli/ignore_suggest.h"
#include "cli/standard_output.h"
#include "ctxscan/compose/compose_analysis.h"
#include "ctxscan/context/build_context.h"
#include "ctxscan/context/context_items.h"
#include "ctxscan/context/context_source.h"
#include "ctxscan/dockerfile/analysis.h"
#include "ctxscan/dockerfile/image_gate.h"
#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/hash_key.h"
#include "ctxscan/findings/scan.h"
#include "ctxscan/findings/suppressions.h"
#include "ctxscan/git/blob_file_system.h"
#include "ctxscan/git/history.h"
#include "ctxscan/git/history_scan.h"
#include "ctxscan/git/presence.h"
#include "ctxscan/git/remediation.h"
#include "ctxscan/git/repository_root.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/report/findings_report.h"
#include "ctxscan/util/escape.h"
#include "ctxscan/util/unique_fd.h"
#include "ctxscan/util/write_all.h"
#include "match/cache_file.h"

namespace ctxscan::cli {
namespace {

// Seconds since the last lap (or since construction).
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

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
  HistoryOptions history;
  std::string remediate;                // `ctxscan git --remediate FILE`: write the clean-up plan
  std::string target;                   // --target: the stage the build stops at
  std::vector<std::string> build_args;  // --build-arg NAME[=VALUE]
  bool no_hints = false;                // --no-hints: drop dockerfile.hint.* findings
  bool suggest = false;                 // `ctxscan dockerignore suggest`: print .dockerignore lines
  bool write = false;                   // ... --write: append them
};

// What the Dockerfile analysis read, for `dockerignore suggest`.
struct BuildModel {
  std::optional<Dockerfile> dockerfile;
  std::optional<Build> build;
};

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

int Fail(const Status& s) {
  std::fprintf(stderr, "error: %s\n", EscapeText(s.message()).c_str());
  return static_cast<int>(ExitCode::kError);
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

// Reads the project configuration: --config, else DIR/.ctxscan.yaml if present.
Result<std::optional<ProjectConfig>> LoadConfig(const ScanCommandOptions& o) {
  std::string path = o.config;
  if (path.empty() && o.dir != "-") {
    const std::string candidate = (o.dir.empty() ? std::string(".") : o.dir) + "/.ctxscan.yaml";
    struct stat st {};
    if (::lstat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) path = candidate;
  }
  if (path.empty()) return std::optional<ProjectConfig>();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot read the configuration");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string dir =
      path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  Result<ProjectConfig> c = ParseProjectConfig(buf.str(), path, dir);
  if (!c.ok()) return c.status();
  return std::optional<ProjectConfig>(std::move(c).value());
}

// Scans the history of the repository at or above `repo` (ctxscan git);
// prints what the walk saw on stderr.
Result<ScanResult> ScanHistory(const std::string& repo, const HistoryOptions& options,
                               const Engine& engine, const ScanOptions& scan) {
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  Stopwatch clock;
  if (terminal) std::fprintf(stderr, "\r\x1b[Kreading history...");
  Result<History> history = ReadHistory(repo, options);
  if (terminal) std::fprintf(stderr, "\r\x1b[K");
  if (!history.ok()) return history.status();
  const double walk_seconds = clock.Lap();
  Result<std::unique_ptr<BlobFileSystem>> blobs = OpenBlobFileSystem(repo);
  if (!blobs.ok()) return blobs.status();
  const FileSystem* blob_fs = blobs->get();
  ScanResult result = ScanItemsFrom(
      history->blobs.size(), [&](std::size_t i) { return HistoryItem(*history, i, blob_fs); },
      engine, scan);
  const double scan_seconds = clock.Lap();
  if (terminal) {
    std::fprintf(stderr, "\r\x1b[Kwhere the findings are: %zu finding(s) on the branches...",
                 result.findings.size());
  }
  AddHistoryOccurrences(*history, &result.findings);
  PresenceOptions presence;
  presence.max_file_size = scan.file.max_file_size;
  Result<PresenceReport> where = AddPresence(repo, presence, &result.findings, &*history);
  if (terminal) std::fprintf(stderr, "\r\x1b[K");
  if (!where.ok()) return where.status();
  const double presence_seconds = clock.Lap();
  for (SkippedFile& s : where->worktree_unchecked) {
    s.reason = "working-tree file not checked for the secrets history holds: " + s.reason;
    result.skipped.push_back(std::move(s));
  }
  std::sort(result.skipped.begin(), result.skipped.end(),
            [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  // LFS pointers: the content is elsewhere; say so rather than pass them as scanned.
  const std::vector<std::string> lfs = (*blobs)->LfsPointers();
  if (!lfs.empty()) {
    for (std::size_t i = 0; i < history->blobs.size(); ++i) {
      const std::string_view path = history->FirstPath(i);
      if (!path.empty() && std::binary_search(lfs.begin(), lfs.end(), history->blobs[i].id.Hex())) {
        result.skipped.push_back({std::string(path),
                                  "Git LFS pointer: the content is in LFS storage, not in the "
                                  "repository, and was not scanned"});
      }
    }
    std::sort(result.skipped.begin(), result.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    result.notes.push_back(std::to_string(lfs.size()) +
                           " Git LFS pointer(s): their content is not in the repository");
  }
  for (const std::string& e : history->errors) result.errors.push_back({"(repository)", e});
  std::fprintf(stderr, "history: %zu commit(s), %zu unique blob(s)", history->commits.size(),
               history->blobs.size());
  if (options.all_objects) {
    std::fprintf(stderr, ", %llu unreachable commit(s), %llu dangling blob(s)",
                 static_cast<unsigned long long>(history->unreachable_commits),
                 static_cast<unsigned long long>(history->dangling_blobs));
  }
  std::fprintf(stderr, "; %.2f s reading history, %.2f s scanning, %.2f s locating findings\n",
               walk_seconds, scan_seconds, presence_seconds);
  if (history->shallow) {
    result.notes.push_back("shallow clone: history before the clone's depth is not scanned");
  }
  if (history->submodules > 0) {
    result.notes.push_back(std::to_string(history->submodules) +
                           (history->submodules == 1 ? " submodule entry" : " submodule entries") +
                           " not entered (scan each submodule itself)");
  }
  return result;
}

// Orders findings as ScanItems does: by (path, line, column, rule id) of
// their first location.
void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    const Location& x = a.locations[0];
    const Location& y = b.locations[0];
    return std::tie(x.path, x.line, x.column, a.rule->id) <
           std::tie(y.path, y.line, y.column, b.rule->id);
  });
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

// Why the build's Dockerfile could not be read, for the note: `read` is
// the read's failure.
std::string WhyNoDockerfile(const ContextSource& src, const Status& read) {
  if (src.dockerfile_outside) return src.dockerfile_shown + " lies outside the context";
  if (!src.fs->Exists(src.rules.dockerfile)) {
    return "there is no Dockerfile (" + src.dockerfile_shown + ")";
  }
  return std::string(read.message());
}

// Adds the findings about what the context's Dockerfile bakes into the
// image (include/ctxscan/dockerfile/analysis.h) and marks where the build
// puts each context file. A Dockerfile ctxscan cannot parse is noted and
// skipped (the build itself will say what is wrong), unless --target asks
// for a stage: then it is an error.
Status AddDockerfileFindings(const ScanCommandOptions& o, const ContextSource& src,
                             ScanResult* result, BuildModel* model) {
  std::vector<Finding> more;
  const std::string& path = src.rules.dockerfile;
  Result<std::string> text =
      path.empty() ? Result<std::string>(Status::Error("")) : src.fs->ReadFile(path, 16u << 20);
  if (text.ok()) {  // else not in the context: it was not scanned either
    Result<Dockerfile> df = ParseDockerfile(*text, src.dockerfile_shown);
    Result<Build> build = df.ok() ? ResolveBuild(*df, BuildArgs(o.build_args), o.target,
                                                 [&src](std::string_view p) {
                                                   Result<EntryType> t = src.fs->TypeOf(p);
                                                   return t.ok() && *t == EntryType::kDirectory;
                                                 })
                                  : Result<Build>(df.status());
    if (build.ok()) {
      MarkImagePresence(*build, &result->findings);
      for (Finding& f : AnalyzeDockerfile(*df, *build, path, &result->findings)) {
        more.push_back(std::move(f));
      }
      if (!o.no_hints) {
        for (Finding& f : HintDockerfile(*df, *build, path)) more.push_back(std::move(f));
      }
      model->dockerfile = std::move(df).value();
      model->build = std::move(build).value();
    } else if (!o.target.empty()) {
      return build.status();
    } else {
      result->notes.push_back("Dockerfile analysis skipped: " + build.status().message());
    }
  } else if (!o.target.empty()) {
    return Status::Error("--target: no Dockerfile in the context to read stages from");
  } else {
    result->notes.push_back("Dockerfile analysis skipped: " + WhyNoDockerfile(src, text.status()));
  }
  for (Finding& f : more) result->findings.push_back(std::move(f));
  SortFindings(&result->findings);
  return Status::Ok();
}

// Adds the findings of the compose files the build sends
// (include/ctxscan/compose/compose_analysis.h). One that is not valid YAML
// is noted and skipped: its text was scanned like any other file's.
void AddComposeFindings(const std::vector<ScanItem>& items, ScanResult* result) {
  std::set<std::string> sent;  // made only when there is a compose file
  std::vector<Finding> more;
  for (const ScanItem& i : items) {
    if (!i.sent || i.type != EntryType::kFile || i.fs == nullptr || !IsComposeFile(i.path)) {
      continue;
    }
    if (sent.empty()) {
      for (const ScanItem& s : items) {
        if (s.sent && s.type == EntryType::kFile) sent.insert(s.path);
      }
    }
    Result<std::string> text = i.fs->ReadFile(i.fs_path.empty() ? i.path : i.fs_path, 16u << 20);
    if (!text.ok()) continue;  // the scan has already reported it
    Result<std::vector<Finding>> found = AnalyzeCompose(i.path, *text, sent, result->findings);
    if (!found.ok()) {
      result->notes.push_back("compose analysis skipped: " + found.status().message());
      continue;
    }
    for (Finding& f : *found) more.push_back(std::move(f));
  }
  for (Finding& f : more) result->findings.push_back(std::move(f));
  SortFindings(&result->findings);
}

// Adds `more` (a history scan) to `into` (a context scan).
void AppendResult(ScanResult more, ScanResult* into) {
  for (Finding& f : more.findings) into->findings.push_back(std::move(f));
  for (SkippedFile& s : more.skipped) into->skipped.push_back(std::move(s));
  for (SkippedFile& e : more.errors) into->errors.push_back(std::move(e));
  for (std::string& n : more.notes) into->notes.push_back(std::move(n));
  ScanSummary& t = into->summary;
  const ScanSummary& m = more.summary;
  t.files_scanned += m.files_scanned;
  t.bytes_scanned += m.bytes_scanned;
  t.entries_checked += m.entries_checked;
  t.skipped_binary += m.skipped_binary;
  t.skipped_too_large += m.skipped_too_large;
  t.suppressed_inline += m.suppressed_inline;
  t.seconds += m.seconds;
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
    std::fprintf(stderr, "warning: %s: no rule has the id \"%s\" (see `ctxscan rules list`)\n",
                 EscapeText(config.origin).c_str(), EscapeText(id).c_str());
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
  if (o.dir == "-") return {};
  Result<std::optional<std::string>> repository = FindWorktreeRoot(o.dir);
  if (!repository.ok()) {
    std::fprintf(stderr, "note: report paths: %s\n",
                 EscapeText(repository.status().message()).c_str());
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

// Leaves out the findings below `min` (--min-confidence), with a note
// saying how many.
void DropBelowConfidence(Confidence min, ScanResult* result) {
  const std::size_t dropped =
      std::erase_if(result->findings, [&](const Finding& f) { return f.confidence < min; });
  if (dropped == 0) return;
  result->notes.push_back(std::to_string(dropped) + " finding(s) below --min-confidence " +
                          std::string(ConfidenceName(min)) + " left out");
}

// Reports whether a finding fails the build: at or above `fail_on`, and in
// an image as far as `gate` asks (include/ctxscan/dockerfile/image_gate.h).
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
    std::fprintf(stderr,
                 "note: --fail-on-image %s: %zu finding(s) at or above --fail-on %s do not reach "
                 "%s and do not fail the build\n",
                 name.c_str(), let_through, std::string(SeverityName(fail_on)).c_str(),
                 gate == ImageGate::kFinal ? "the final image" : "any image of the build");
  }
  if (unknown > 0) {
    std::fprintf(stderr,
                 "note: --fail-on-image %s: where %zu finding(s) go is unknown (no Dockerfile "
                 "analysis); counted as reaching the final image\n",
                 name.c_str(), unknown);
  }
  return fails;
}

int RunScan(const ScanCommandOptions& o) {
  const std::optional<Severity> fail_on = ParseSeverity(o.fail_on);
  if (!fail_on) {
    return Fail(Status::Error("--fail-on: expected critical, high, medium, low or info"));
  }
  if (o.remediate == "-") {
    return Fail(
        Status::Error("--remediate: expected a file name (the replacement list is "
                      "written beside it), not -"));
  }
  const std::optional<Confidence> min_confidence = ParseConfidence(o.min_confidence);
  if (!min_confidence) {
    return Fail(Status::Error("--min-confidence: expected low, medium or high, not \"" +
                              o.min_confidence + "\""));
  }
  const std::optional<ImageGate> fail_on_image = ParseImageGate(o.fail_on_image);
  if (!fail_on_image) {
    return Fail(Status::Error("--fail-on-image: expected final, intermediate or any"));
  }
  Result<std::optional<ProjectConfig>> config = LoadConfig(o);
  if (!config.ok()) return Fail(config.status());
  Result<HashKey> hash_key = LoadReportHashKey(o);
  if (!hash_key.ok()) return Fail(hash_key.status());
  std::optional<std::set<std::string>> baseline;
  if (!o.baseline.empty()) {
    Result<std::set<std::string>> b = LoadBaseline(o.baseline);
    if (!b.ok()) return Fail(b.status());
    baseline = std::move(b).value();
  }
  RuleSources sources = o.rules;
  if (*config) {
    std::vector<std::string>& into = sources.only.empty() ? sources.extra : sources.only;
    into.insert(into.end(), (*config)->extra_rules.begin(), (*config)->extra_rules.end());
  }
  Result<std::shared_ptr<const RuleSet>> rules = LoadRuleSet(sources);
  if (!rules.ok()) return Fail(rules.status());
  if (*config) WarnUnknownRuleIds(**config, **rules);
  Result<std::unique_ptr<const Engine>> engine = Engine::Create(*rules, EngineOptions{});
  if (!engine.ok()) return Fail(engine.status());

  ScanOptions scan;
  scan.threads = o.threads;
  scan.dedup = !o.no_dedup;
  scan.file.max_file_size = o.max_file_size;
  scan.file.scan_binary = o.binary;
  // A progress line on stderr, only when it is a terminal (never in logs).
  if (::isatty(STDERR_FILENO) != 0) {
    scan.on_progress = [](const ScanProgress& p, bool done) {
      if (done) {
        std::fprintf(stderr, "\r\x1b[K");
        return;
      }
      std::fprintf(stderr, "\r\x1b[Kscanning: %llu/%llu files, %.1f MB, %.1f MB/s, %.1f s",
                   static_cast<unsigned long long>(p.files),
                   static_cast<unsigned long long>(p.total_files),
                   static_cast<double>(p.bytes) / 1e6,
                   static_cast<double>(p.bytes) / 1e6 / std::max(p.seconds, 1e-3), p.seconds);
      std::fflush(stderr);
    };
  }
  ReportInfo info;
  info.show_secrets = o.show_secrets;
  const char* no_color = std::getenv("NO_COLOR");
  info.color = o.color == "always" ||
               (o.color == "auto" && o.output.empty() &&
                (no_color == nullptr || no_color[0] == 0) && ::isatty(STDOUT_FILENO) != 0);
  info.width = o.output.empty() ? TerminalWidth() : 0;
  ScanResult result;
  std::optional<bool> has_ignore_file;  // known for a context scan
  std::optional<ContextSource> context;
  BuildModel model;
  if (o.git) {
    Result<ScanResult> history = ScanHistory(o.dir, o.history, **engine, scan);
    if (!history.ok()) return Fail(history.status());
    info.target = o.dir;
    info.mode = "git";
    result = std::move(history).value();
  } else if (o.dir == "-") {
    info.target = "-";
    info.mode = "stdin";
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    MemoryFileSystem fs;
    fs.AddFile("-", std::move(data));
    result = ScanItems({{"-", EntryType::kFile, true, &fs, "", nullptr}}, **engine, scan);
  } else {
    const std::optional<Builder> builder = ParseBuilder(o.builder);
    if (!builder) return Fail(Status::Error("--builder: unknown builder \"" + o.builder + "\""));
    Result<ContextSource> opened = OpenContext(ContextRequest{o.dir, o.dockerfile, *builder});
    if (!opened.ok()) return Fail(opened.status());
    context = std::move(opened).value();
    ContextSource* src = &*context;
    Result<ContextItems> items = CollectContextItems(
        *src->fs, src->rules, ContextItemsOptions{o.all_files, o.include_ignored, o.threads});
    if (!items.ok()) return Fail(items.status());
    info.target = o.dir;
    info.mode = o.all_files ? "directory" : "context";
    info.builder = std::string(BuilderName(*builder));
    info.ignore_file = src->rules.ignore_file;
    result = ScanItems(items->items, **engine, scan);
    MergeScanErrors(std::move(items->errors), &result);
    if (Status s = AddDockerfileFindings(o, *src, &result, &model); !s.ok()) return Fail(s);
    AddComposeFindings(items->items, &result);
    has_ignore_file = !src->rules.ignore_file.empty();
    if (o.scan_git) {
      // The history of the repository holding DIR, after the context's findings.
      Result<ScanResult> history = ScanHistory(o.dir, o.history, **engine, scan);
      if (!history.ok()) return Fail(history.status());
      info.mode = "context+git";
      AppendResult(std::move(history).value(), &result);
    }
  }
  KeyFindings(*hash_key, &result.findings);
  DropBelowConfidence(*min_confidence, &result);
  SuppressionReport suppressed = ApplySuppressions(
      *config ? &**config : nullptr, baseline ? &*baseline : nullptr, &result.findings);
  if (has_ignore_file) {
    // No .dockerignore, and broad COPYs: judged on the findings left after
    // suppression (a disabled file rule does not count), then suppressible
    // like any other.
    std::vector<Finding> missing = CheckIgnoreFile(*has_ignore_file, result.findings);
    if (model.build) {
      for (Finding& f : FindBroadCopies(*model.dockerfile, *model.build, context->rules.dockerfile,
                                        result.findings)) {
        missing.push_back(std::move(f));
      }
    }
    KeyFindings(*hash_key, &missing);
    const SuppressionReport more =
        ApplySuppressions(*config ? &**config : nullptr, baseline ? &*baseline : nullptr, &missing);
    suppressed.by_config += more.by_config;
    suppressed.by_baseline += more.by_baseline;
    // An entry is unused only if neither pass used it.
    std::erase_if(suppressed.unused, [&](const std::string& u) {
      return std::find(more.unused.begin(), more.unused.end(), u) == more.unused.end();
    });
    result.findings.insert(result.findings.end(), missing.begin(), missing.end());
    SortFindings(&result.findings);
  }
  result.summary.suppressed_config = suppressed.by_config;
  result.summary.suppressed_baseline = suppressed.by_baseline;
  if (o.report_unused) {
    for (const std::string& u : suppressed.unused) {
      result.notes.push_back("unused suppression: " + u);
    }
  }
  if (o.suggest) {
    if (!context) return Fail(Status::Error("dockerignore suggest needs a context directory"));
    const int code = RunIgnoreSuggest(
        SuggestRequest{&*context, model.dockerfile ? &*model.dockerfile : nullptr,
                       model.build ? &*model.build : nullptr, &result.findings, o.write});
    // What cannot be read is not judged: the suggestion cannot vouch for it.
    for (const SkippedFile& e : result.errors) {
      std::fprintf(stderr, "error: %s: %s\n", EscapeText(e.path).c_str(),
                   EscapeText(e.reason).c_str());
    }
    if (code == static_cast<int>(ExitCode::kClean) && !result.errors.empty()) {
      return static_cast<int>(ExitCode::kError);
    }
    return code;
  }
  info.root = FindReportRoot(o);
  // The format table: --format NAME -> renderer.
  using Renderer = std::string (*)(const ScanResult&, const ReportInfo&);
  static const std::map<std::string, Renderer> kRenderers = {
      {"text", RenderText},    {"json", RenderJson},     {"jsonl", RenderJsonl},
      {"sarif", RenderSarif},  {"github", RenderGithub}, {"junit", RenderJunit},
      {"gitlab", RenderGitlab}};
  if (o.format == "json") {
    // Streamed: a long history's JSON report is never held whole in memory.
    Result<ReportOutput> out = OpenReport(o.output);
    if (!out.ok()) return Fail(out.status());
    const Status s =
        WriteJson(result, info, [&](std::string_view piece) { return WriteReport(*out, piece); });
    if (!s.ok()) return Fail(s);
  } else if (const Status s = Emit(kRenderers.at(o.format)(result, info), o.output); !s.ok()) {
    return Fail(s);
  }
  // The text report on the terminal already holds them; anything else is
  // read by a program, so tell the person watching too.
  if (o.format != "text" || !o.output.empty()) {
    for (const std::string& n : result.notes) {
      std::fprintf(stderr, "note: %s\n", EscapeText(n).c_str());
    }
    for (const SkippedFile& e : result.errors) {
      std::fprintf(stderr, "error: %s: %s\n", EscapeText(e.path).c_str(),
                   EscapeText(e.reason).c_str());
    }
  }
  if (!o.remediate.empty()) {
    // Absolute: the plan's commands name it and run from any directory.
    std::error_code ec;
    const std::string plan_path = std::filesystem::absolute(o.remediate, ec).lexically_normal();
    if (ec) return Fail(Status::Error(o.remediate + ": " + ec.message()));
    const std::string replace_path = ReplaceTextPath(o.remediate);
    Result<std::string> plan = RemediationPlan(o.dir, result.findings, plan_path);
    if (!plan.ok()) return Fail(plan.status());
    if (const Status s = Emit(*plan, o.remediate); !s.ok()) return Fail(s);
    if (const Status s = Emit(ReplaceText(result.findings), replace_path); !s.ok()) return Fail(s);
    std::fprintf(stderr, "remediation plan written to %s (replacements in %s)\n",
                 EscapeText(o.remediate).c_str(), EscapeText(replace_path).c_str());
  }
  if (o.baseline_create) {
    std::fprintf(stderr, "baseline: %zu finding(s) written to %s\n", result.findings.size(),
                 o.output.c_str());
    return result.errors.empty() ? static_cast<int>(ExitCode::kClean)
                                 : static_cast<int>(ExitCode::kError);
  }
  const ImageReachJudge judge(model.dockerfile ? &*model.dockerfile : nullptr,
                              model.build ? &*model.build : nullptr,
                              context ? context->rules.dockerfile : std::string());
  if (FailsGate(result.findings, *fail_on, *fail_on_image, judge) && !o.exit_zero) {
    return static_cast<int>(ExitCode::kFindings);
  }
  if (!result.errors.empty()) return static_cast<int>(ExitCode::kError);
  return static_cast<int>(ExitCode::kClean);
}

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
void AddOutputOptions(CLI::App* cmd, ScanCommandOptions* o) {
  cmd->add_flag("--show-secrets", o->show_secrets, "print secrets unredacted");
  cmd->add_flag("--no-dedup", o->no_dedup, "one finding per location instead of per secret");
  cmd->add_option("--format", o->format,
                  "text (default), json, jsonl, sarif, github (workflow annotations), junit or "
                  "gitlab (secret detection report)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "github", "junit", "gitlab"}));
  cmd->add_option("-o,--output", o->output, "write the report to FILE (mode 0600)");
  cmd->add_option("--color", o->color, "auto (default; honours NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--fail-on", o->fail_on,
                  "lowest severity that makes the exit code 1 (default: low)");
  cmd->add_flag("--exit-zero", o->exit_zero, "exit 0 even with findings (errors still exit 2)");
  cmd->add_flag("--report-unused-suppressions", o->report_unused,
                "list config entries and baseline fingerprints that suppressed nothing");
}

}  // namespace

void RegisterScanCommand(CLI::App& app, Action* chosen) {
  auto o = std::make_shared<ScanCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Scan what `docker build DIR` would send (the files after .dockerignore, plus the\n"
      "Dockerfile) for secrets and sensitive files. Exit 1 when a finding is at or above\n"
      "--fail-on (and reaches as far as --fail-on-image); otherwise 2 if a file or directory\n"
      "could not be read; otherwise 0");
  AddTargetOptions(cmd, o.get());
  AddOutputOptions(cmd, o.get());
  cmd->add_option("--fail-on-image", o->fail_on_image,
                  "only findings that reach this far make the exit code 1: final (the shipped "
                  "image), intermediate (any image of the build) or any (default); where a file "
                  "goes unknown (no Dockerfile) counts as final (see docs/config.md)");
  cmd->callback([o, chosen] { *chosen = [o] { return RunScan(*o); }; });

  auto g = std::make_shared<ScanCommandOptions>();
  g->git = true;
  CLI::App* git = app.add_subcommand(
      "git",
      "Scan the history of the git repository at or above REPO: every blob reachable from any\n"
      "ref (branches, tags, remotes, stash, notes) and HEAD, each once, reported at every\n"
      "commit and path that introduced it. Exit codes as for scan");
  git->add_option("REPO", g->dir, "repository, bare or not (default: .)");
  git->add_flag("--all-objects", g->history.all_objects,
                "also scan commits no ref reaches and blobs in no commit (after a force-push "
                "or an amend)");
  git->add_option("--branch", g->history.branch, "only the history of this ref or revision");
  git->add_option("--range", g->history.range, "only commits in A..B");
  git->add_option("--since", g->history.since,
                  "only commits the refs reach that this revision does not");
  git->add_flag("--staged", g->history.staged,
                "scan only what is staged and not yet in HEAD (for a pre-commit hook)");
  git->add_option("--remediate", g->remediate,
                  "write a clean-up plan to FILE and a `git filter-repo --replace-text` file to "
                  "FILE.replace-text.txt (both mode 0600; secrets are never printed)");
  AddReadingOptions(git, g.get(), "blobs");
  git->add_option("--config", g->config,
                  "project configuration (default: REPO/.ctxscan.yaml when present)");
  git->add_option("--baseline", g->baseline,
                  "a previous JSON report: findings whose fingerprints it holds are suppressed");
  AddHashKeyOption(git, g.get());
  AddOutputOptions(git, g.get());
  git->callback([g, chosen] { *chosen = [g] { return RunScan(*g); }; });

  auto d = std::make_shared<ScanCommandOptions>();
  d->suggest = true;
  CLI::App* dockerignore = app.add_subcommand("dockerignore", "Fix what the build context sends");
  dockerignore->require_subcommand(1);
  CLI::App* suggest = dockerignore->add_subcommand(
      "suggest",
      "Scan like `ctxscan scan` and print the .dockerignore lines (Docker pattern syntax) that\n"
      "stop every file with findings from being sent, verified by recomputing the context.\n"
      "Files a COPY names are never excluded (that would break the build): they are listed\n"
      "with the advice to use a build secret instead. Exit 0 when no file with findings is\n"
      "sent after the change, 1 when some still is, 2 on errors");
  AddTargetOptions(suggest, d.get());
  // What suggest fixes is the context as the build sends it: no history, no
  // scan of unsent files.
  for (const char* name : {"--git", "--all-files", "--include-ignored"}) {
    suggest->remove_option(suggest->get_option(name));
  }
  suggest->add_flag("--write", d->write,
                    "append the lines, under a comment header, to the ignore file the build "
                    "reads (created when missing; existing lines are never changed), and show "
                    "the change as a diff");
  suggest->callback([d, chosen] { *chosen = [d] { return RunScan(*d); }; });

  auto b = std::make_shared<ScanCommandOptions>();
  CLI::App* baseline = app.add_subcommand("baseline", "Manage baselines of accepted findings");
  baseline->require_subcommand(1);
  CLI::App* create = baseline->add_subcommand(
      "create",
      "Scan like `ctxscan scan` and write the JSON report to use with --baseline (mode 0600)");
  AddTargetOptions(create, b.get());
  create->add_option("-o,--output", b->output, "the baseline file to write")->required();
  create->callback([b, chosen] {
    *chosen = [b] {
      b->format = "json";
      b->baseline_create = true;
      return RunScan(*b);
    };
  });
}

}  // namespace ctxscan::cli
