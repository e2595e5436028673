// Command-line dispatch; see src/cli/app.h.
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/diagnostics.h"
#include "cli/usage_error.h"
#include "ctxscan/status.h"
#include "ctxscan/version.h"
#include "util/escape.h"

namespace ctxscan::cli {

namespace {

int RunMain(int argc, char** argv) {
  CLI::App app{
      "ctxscan finds secrets and sensitive files in what `docker build` would send to the\n"
      "builder (the build context after .dockerignore), in git history and in built\n"
      "images.\n\n"
      "Exit codes: 0 clean, 1 findings, 2 usage or runtime error."};
  app.name("ctxscan");
  app.set_version_flag("--version", std::string("ctxscan ") + kVersion);
  app.require_subcommand(1);

  // The subcommand table, in the order --help lists them.
  using Register = void (*)(CLI::App&, Action*);
  static constexpr Register kCommands[] = {RegisterScanCommand,     RegisterGitCommand,
                                           RegisterImageCommand,    RegisterDockerignoreCommand,
                                           RegisterBaselineCommand, RegisterContextCommand,
                                           RegisterRulesCommand,    RegisterMergeCommand};
  Action chosen;
  for (Register add : kCommands) add(app, &chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Our own words for a mistyped command or option; CLI11's for the rest.
    const std::optional<std::string> ours =
        DiagnoseCommandLine(app, std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
    std::string message = ours ? *ours : std::string(e.what());
    // "The following ..." starts lowercase like our messages; "PATH is
    // required" keeps its capitals.
    if (message.size() > 1 && std::islower(static_cast<unsigned char>(message[1])) != 0) {
      message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    PrintError(message);
    std::fprintf(stderr, "run 'ctxscan --help' for usage\n");
    return static_cast<int>(ExitCode::kError);
  }
  if (!chosen) {
    PrintError("no command given; run 'ctxscan --help'");
    return static_cast<int>(ExitCode::kError);
  }
  const int code = static_cast<int>(chosen());
  // What the command wrote to standard output must have reached it: a CI
  // gate must not pass on a truncated report (a full disk, a broken pipe).
  const int flushed = std::fflush(stdout);
  const int saved = errno;
  if (flushed != 0 || std::ferror(stdout) != 0) {
    PrintError(std::string("writing standard output: ") +
               (flushed != 0 ? std::strerror(saved) : "write error"));
    return static_cast<int>(ExitCode::kError);
  }
  return code;
}

}  // namespace

int Main(int argc, char** argv) {
  return RunGuarded([&] { return RunMain(argc, argv); });
}

}  // namespace ctxscan::cli
