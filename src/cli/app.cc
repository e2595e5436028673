// Command-line dispatch; see src/cli/app.h.
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "ctxscan/status.h"
#include "ctxscan/version.h"

namespace ctxscan::cli {

int Main(int argc, char** argv) {
  CLI::App app{
      "ctxscan finds secrets and sensitive files in what `docker build` would send to the\n"
      "builder (the build context after .dockerignore) and in git history.\n\n"
      "Exit codes: 0 clean, 1 findings, 2 usage or runtime error."};
  app.name("ctxscan");
  app.set_version_flag("--version", std::string("ctxscan ") + kVersion);
  app.require_subcommand(1);

  // The subcommand table: each entry registers itself and its action.
  Action chosen;
  RegisterScanCommand(app, &chosen);
  RegisterContextCommand(app, &chosen);
  RegisterRulesCommand(app, &chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    std::fprintf(stderr, "run 'ctxscan --help' for usage\n");
    return static_cast<int>(ExitCode::kError);
  }
  if (!chosen) {
    std::fprintf(stderr, "error: no command given; run 'ctxscan --help'\n");
    return static_cast<int>(ExitCode::kError);
  }
  return chosen();
}

}  // namespace ctxscan::cli
