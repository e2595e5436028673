// `ctxscan dockerignore suggest [DIR]`: the .dockerignore lines that stop
// every file with findings from being sent.
#include <memory>

#include "cli/command.h"
#include "cli/scan_options.h"

namespace ctxscan::cli {

void RegisterDockerignoreCommand(CLI::App& app, Action* chosen) {
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
}

}  // namespace ctxscan::cli
