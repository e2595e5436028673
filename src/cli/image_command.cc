// `ctxscan image SOURCE`: a built image's config and every layer, as shipped.
#include <memory>

#include "cli/command.h"
#include "cli/scan_options.h"

namespace ctxscan::cli {

void RegisterImageCommand(CLI::App& app, Action* chosen) {
  auto g = std::make_shared<ScanCommandOptions>();
  g->image = true;
  CLI::App* image = app.add_subcommand(
      "image",
      "Scan a container image: its config (environment, labels, command, and the history,\n"
      "where build arguments a RUN used appear) and every file of every layer as shipped,\n"
      "including files a later layer deleted (reported as not visible but still shipped).\n"
      "SOURCE is a `docker save` archive, an OCI archive, an OCI image layout directory, or\n"
      "- for a docker save archive on standard input. Exit codes as for scan; 2 also when a\n"
      "layer could not be read (what could be read is still reported). See docs/image.md");
  image->add_option("SOURCE", g->dir, "the image: archive, layout directory or -")->required();
  image->add_option("--platform", g->platform,
                    "os/arch[/variant] to scan in a multi-platform image (default: the host's)");
  AddReadingOptions(image, g.get(), "files");
  image->add_option("--config", g->config, "project configuration (.ctxscan.yaml)");
  image->add_option("--baseline", g->baseline,
                    "a previous JSON report: findings whose fingerprints it holds are suppressed");
  AddHashKeyOption(image, g.get());
  AddOutputOptions(image, g.get());
  image->callback([g, chosen] { *chosen = [g] { return RunScan(*g); }; });
}

}  // namespace ctxscan::cli
