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
      "Each SOURCE is a `docker save` archive, an OCI archive, an OCI image layout directory,\n"
      "- for an archive on standard input, or an image in a registry (registry/repo:tag,\n"
      "repo@sha256:..., docker://...; credentials from $REGISTRY_AUTH_FILE, then\n"
      "$DOCKER_CONFIG/config.json or ~/.docker/config.json). Exit codes as for scan; 2 also\n"
      "when a layer could not be read (what could be read is still reported). See\n"
      "docs/image.md");
  image
      ->add_option("SOURCE", g->sources,
                   "the images: archives, layout directories, - or references; a layer\n"
                   "several of them share is scanned once")
      ->required();
  image->add_option("--platform", g->platform,
                    "os/arch[/variant] to scan in a multi-platform image (default: the host's)");
  image->add_flag("--insecure-registry", g->insecure_registry,
                  "do not verify the registry's TLS certificate, and use plain HTTP when it\n"
                  "does not speak TLS (for test registries; never for real ones)");
  image->add_flag("--cache", g->layer_cache,
                  "remember layers scanned with nothing found (by layer digest and a digest of\n"
                  "ctxscan and its rules) and do not read them again; no secret is stored");
  image->add_option("--cache-dir", g->layer_cache_dir,
                    "where --cache keeps its entries (implies --cache; default: the cache\n"
                    "directory's layers/)");
  AddReadingOptions(image, g.get(), "files");
  image->add_option("--config", g->config, "project configuration (.ctxscan.yaml)");
  image->add_option("--baseline", g->baseline,
                    "a previous JSON report: findings whose fingerprints it holds are suppressed");
  AddHashKeyOption(image, g.get());
  AddOutputOptions(image, g.get());
  image->callback([g, chosen] {
    for (const std::string& source : g->sources) {
      g->dir += (g->dir.empty() ? "" : " ") + source;  // the report's target
    }
    *chosen = [g] { return RunScan(*g); };
  });
}

}  // namespace ctxscan::cli
