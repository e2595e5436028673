// `ctxscan baseline create [DIR] -o FILE`: the JSON report to pass to
// --baseline later.
#include <memory>

#include "cli/command.h"
#include "cli/scan_options.h"

namespace ctxscan::cli {

void RegisterBaselineCommand(CLI::App& app, Action* chosen) {
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
