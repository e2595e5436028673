// `ctxscan context ls` and `ctxscan context why`: what `docker build DIR`
// would send, and why a given path is or is not sent.
#include <cstdio>
#include <string>

#include "cli/command.h"
#include "cli/diagnostics.h"
#include "cli/standard_output.h"
#include "ctxscan/context/build_context.h"
#include "ctxscan/context/context_source.h"
#include "ctxscan/status.h"
#include "report/context_listing_writer.h"
#include "report/explanation_text.h"
#include "util/escape.h"

namespace ctxscan::cli {
namespace {

// Options shared by every context subcommand.
struct ContextOptions {
  std::string dir = ".";
  std::string dockerfile;  // -f, relative to the current directory
  std::string builder = "buildkit";
  int threads = 0;  // 0: one per core
};

struct LsOptions {
  ContextOptions context;
  bool long_format = false;
  bool json = false;
};

struct WhyOptions {
  ContextOptions context;
  std::string path;
};

Result<ContextSource> Open(const ContextOptions& o) {
  const std::optional<Builder> builder = ParseBuilder(o.builder);
  if (!builder) return Status::Error("--builder: unknown builder \"" + o.builder + "\"");
  return OpenContext(ContextRequest{o.dir, o.dockerfile, *builder});
}

// Prints the paths that stop the build; returns the exit code they imply.
ExitCode ReportErrors(const ContextListing& listing) {
  if (listing.skipped_sockets() > 0) {
    PrintNote(std::to_string(listing.skipped_sockets()) +
              " socket(s) not listed: the classic builder cannot send sockets");
  }
  for (const ContextListing::PathError& e : listing.errors()) {
    PrintError(e.path + ": " + e.message);
  }
  if (listing.errors().empty()) return ExitCode::kClean;
  PrintError(std::to_string(listing.errors().size()) +
             " path(s) cannot be read; docker build would fail on them");
  return ExitCode::kError;
}

ExitCode RunLs(const LsOptions& o) {
  Result<ContextSource> src = Open(o.context);
  if (!src.ok()) return Fail(src.status());
  WalkOptions walk;
  walk.threads = o.context.threads;
  walk.want_sizes = o.long_format || o.json;
  Result<ContextListing> listing = WalkContext(*src->fs, src->rules, walk);
  if (!listing.ok()) return Fail(listing.status());
  const ListingFormat format = o.json
                                   ? ListingFormat::kJson
                                   : (o.long_format ? ListingFormat::kLong : ListingFormat::kPlain);
  if (Status s = WriteStandardOutput(RenderListing(*listing, format)); !s.ok()) return Fail(s);
  return ReportErrors(*listing);
}

ExitCode RunWhy(const WhyOptions& o) {
  Result<ContextSource> src = Open(o.context);
  if (!src.ok()) return Fail(src.status());
  WalkOptions walk;
  walk.threads = o.context.threads;
  Result<ContextListing> listing = WalkContext(*src->fs, src->rules, walk);
  if (!listing.ok()) return Fail(listing.status());
  Result<Explanation> e = Explain(*src->fs, src->rules, *listing, o.path);
  if (!e.ok()) return Fail(e.status());
  if (Status s = WriteStandardOutput(DescribeExplanation(*e, src->rules) + "\n"); !s.ok())
    return Fail(s);
  return ExitCode::kClean;
}

void AddContextOptions(CLI::App* cmd, ContextOptions* o) {
  cmd->add_option("-f,--file", o->dockerfile,
                  "Dockerfile, relative to the current directory as with `docker build -f` "
                  "(default: DIR/Dockerfile). With BuildKit, <Dockerfile>.dockerignore next "
                  "to it replaces DIR/.dockerignore");
  cmd->add_option("--builder", o->builder,
                  "which builder's rules to apply: buildkit (default; docker build since "
                  "Docker 23) or legacy (DOCKER_BUILDKIT=0)")
      ->check(CLI::IsMember({"buildkit", "legacy", "classic"}));
  cmd->add_option("--threads", o->threads, "worker threads for the walk (0: one per core)")
      ->check(CLI::Range(0, 1024));
}

}  // namespace

void RegisterContextCommand(CLI::App& app, Action* chosen) {
  CLI::App* context = app.add_subcommand(
      "context", "Show what `docker build DIR` would send (the build context after .dockerignore)");
  context->require_subcommand(1);

  auto ls = std::make_shared<LsOptions>();
  CLI::App* ls_cmd = context->add_subcommand(
      "ls",
      "List every entry the build would send: one path per line, relative, slash-separated,\n"
      "sorted by bytes, directories with a trailing '/'. Unprintable bytes in names are\n"
      "escaped (\\n, \\t, \\\\, \\xNN). Exit 2 if a path cannot be read (docker build would\n"
      "fail on it) or the ignore file is invalid");
  ls_cmd->add_option("DIR", ls->context.dir, "build context directory (default: .)");
  AddContextOptions(ls_cmd, &ls->context);
  ls_cmd->add_flag("-l,--long", ls->long_format, "show type and size, and a total line");
  ls_cmd->add_flag("--json", ls->json, "print a JSON array of {path, type, size}");
  ls_cmd->callback([ls, chosen] { *chosen = [ls] { return RunLs(*ls); }; });

  auto why = std::make_shared<WhyOptions>();
  CLI::App* why_cmd = context->add_subcommand(
      "why", "Say whether PATH is sent and which ignore-file line (file:line) decided it");
  why_cmd->add_option("DIR", why->context.dir, "build context directory")->required();
  why_cmd->add_option("PATH", why->path, "path relative to DIR")->required();
  AddContextOptions(why_cmd, &why->context);
  why_cmd->callback([why, chosen] { *chosen = [why] { return RunWhy(*why); }; });
}

}  // namespace ctxscan::cli
