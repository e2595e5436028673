// `ctxscan git [REPO]`: every blob of a repository's history, scanned.
#include <memory>

#include "cli/command.h"
#include "cli/scan_options.h"

namespace ctxscan::cli {

void RegisterGitCommand(CLI::App& app, Action* chosen) {
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
}

}  // namespace ctxscan::cli
