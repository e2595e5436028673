// `ctxscan scan [DIR]`: the files `docker build DIR` would send (plus the
// Dockerfile), scanned for secrets and sensitive files.
#include <memory>

#include "cli/command.h"
#include "cli/scan_options.h"

namespace ctxscan::cli {

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
}

}  // namespace ctxscan::cli
