// The remediation plan; see src/git/remediation.h. What the
// rewrite touches is decided in src/git/rewrite_scope.h, which refs it
// replaces in src/git/push_targets.h; this file writes the plan's text, whose
// ```bash blocks tests/e2e/git_remediate_test.py runs as written.
#include "git/remediation.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "git/push_targets.h"
#include "git/rewrite_scope.h"
#include "util/escape.h"

namespace ctxscan {
namespace {

// `s` for the plan's prose: escaped, in backticks.
std::string Code(std::string_view s) { return "`" + EscapeText(s) + "`"; }

std::string Block(const std::string& commands) { return "```bash\n" + commands + "```\n\n"; }

bool Rewrites(const git::RewriteScope& scope) {
  return !scope.replaced.empty() || !scope.removed_paths.empty();
}

// Everything the plan's sections need, computed once.
struct Plan {
  std::string plan_path;
  std::string replace_path;
  const std::vector<Finding>* findings = nullptr;
  git::RewriteScope scope;
  git::PushTargets targets;
  std::map<std::string, std::string> mirrors;  // remote -> its mirror's path
  std::string local_mirror;                    // empty: no ref only this repository has
};

// A mirror directory name part for remote `name`: [A-Za-z0-9._-] kept, the
// rest '_'; a number added when two remotes would share it.
std::string MirrorPath(const std::string& plan_path, const std::string& remote,
                       std::set<std::string>* used) {
  std::string base = plan_path + ".remote-";
  for (const char c : remote) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    base += keep ? c : '_';
  }
  std::string path = base + ".git";
  for (int n = 2; !used->insert(path).second; ++n) path = base + "-" + std::to_string(n) + ".git";
  return path;
}

std::string FilterRepo(const Plan& p, const std::string& mirror, bool force) {
  std::string out = "git -C " + ShellQuote(mirror) + " filter-repo";
  if (force) out += " --force";
  if (!p.scope.replaced.empty()) out += " --replace-text " + ShellQuote(p.replace_path);
  if (!p.scope.removed_paths.empty()) {
    out += " --invert-paths";
    for (const std::string& path : p.scope.removed_paths) out += " --path " + ShellQuote(path);
  }
  return out + "\n";
}

std::string RemoteUrl(const Plan& p, const std::string& remote, const char* push) {
  return "\"$(git -C " + ShellQuote(p.targets.repo_dir) + " remote get-url" + push + " " +
         ShellQuote(remote) + ")\"";
}

// No ref holds a finding's commit (only --all-objects found them): the
// clean-up is to expire the reflog and prune this repository.
bool PruneOnly(const Plan& p) { return p.targets.remotes.empty() && p.local_mirror.empty(); }

std::string Intro(const Plan& p) {
  std::size_t secrets = 0;
  for (const Finding& f : *p.findings) secrets += f.secret.empty() ? 0U : 1U;
  std::string out = "# Remediation plan for " + EscapeText(p.targets.repo_dir) + "\n\n";
  out += std::to_string(p.findings->size()) + " finding(s) in history: " + std::to_string(secrets) +
         " secret(s), " + std::to_string(p.scope.removed_paths.size()) +
         " sensitive file path(s).\n\n";
  if (PruneOnly(p)) {
    return out +
           "No ref holds the commits that introduced them (only a scan with --all-objects\n"
           "finds them): the fenced `bash` block of section 3 prunes them from the repository\n"
           "above. Run it as written, from any directory.\n\n";
  }
  out +=
      "Run the fenced `bash` blocks in order, as written, from any directory: every path in\n"
      "them is absolute. They never change the repository above; each rewrite happens in a\n"
      "fresh mirror clone beside this plan. " +
      Code(p.replace_path) +
      " (mode 0600) holds the\n"
      "secrets in clear, as `git filter-repo` needs them: keep it private, and delete it, this\n"
      "plan and the mirrors when done.\n\n";
  return out;
}

std::string RotateSection(const Plan& p) {
  std::map<std::string, const Finding*> by_rule;  // one remediation text per rule
  for (const Finding& f : *p.findings) by_rule.emplace(f.rule->id, &f);
  std::string out =
      "## 1. Rotate every secret first\n\n"
      "Rewriting history does not un-leak a secret: anyone who cloned, forked or fetched the\n"
      "repository, and every CI cache, still has it. Revoke or rotate each one at its provider\n"
      "before anything else.\n\n";
  for (const auto& [id, f] : by_rule) {
    const Location& l = f->locations.front();
    out += "- `" + id + "` (" + f->rule->name + "), first in " + Code(l.path);
    if (l.git && !l.git->commit.empty()) out += " at commit " + l.git->commit.substr(0, 12);
    out += ": " + f->rule->remediation + "\n";
  }
  return out + "\n";
}

// What the rewrite does, in words, before the commands that do it.
std::string RewriteScopeText(const Plan& p) {
  std::string out;
  if (!p.scope.removed_paths.empty()) {
    out +=
        "Files removed from every commit (the whole file is the secret; add them to\n"
        ".gitignore and .dockerignore):\n\n";
    for (const std::string& path : p.scope.removed_paths) out += "- " + Code(path) + "\n";
    out += "\n";
  }
  if (!p.scope.replaced.empty()) {
    out += std::to_string(p.scope.replaced.size()) +
           " secret(s) in other files become `***REMOVED***` wherever their exact bytes occur\n"
           "(a key block as a whole; its BEGIN/END lines alone are left as they are). Every\n"
           "other file is left byte for byte.\n\n";
  }
  if (!p.scope.too_short.empty()) {
    out += "Not replaced, being too short to replace safely (under " +
           std::to_string(git::kMinReplaceBytes) +
           " bytes, such a string also occurs in harmless code); remove these by hand\n"
           "(`git filter-repo --replace-text` with a pattern that fits the context):\n\n";
    for (const Finding* f : p.scope.too_short) {
      const Location& l = f->locations.front();
      out += "- `" + f->rule->id + "` in " + Code(l.path);
      if (l.git && !l.git->commit.empty()) out += " at commit " + l.git->commit.substr(0, 12);
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

std::string RewriteSection(const Plan& p) {
  std::string out = "## 2. Rewrite history\n\n";
  if (PruneOnly(p)) return out + "Nothing to rewrite: no ref holds the findings (section 3).\n\n";
  out += RewriteScopeText(p);
  if (!Rewrites(p.scope)) return out + "Nothing here can be rewritten automatically.\n\n";
  for (const auto& [remote, mirror] : p.mirrors) {
    out += "On a fresh mirror of the server `" + EscapeText(remote) + "`:\n\n";
    out += Block("git clone --mirror --no-local -- " + RemoteUrl(p, remote, "") + " " +
                 ShellQuote(mirror) + "\n" + FilterRepo(p, mirror, false));
  }
  if (!p.local_mirror.empty()) {
    out += "On a fresh mirror of this repository, for the refs no server has (section 3):\n\n";
    std::string commands = "git clone --mirror --no-local -- " + ShellQuote(p.targets.repo_dir) +
                           " " + ShellQuote(p.local_mirror) + "\n";
    // filter-repo refuses a repository with a stash, even a fresh mirror.
    if (p.targets.has_stash) commands += "# --force: the mirror holds this repository's stash\n";
    out += Block(commands + FilterRepo(p, p.local_mirror, p.targets.has_stash));
  }
  out +=
      "Before pushing, check each mirror: `ctxscan git --all-objects MIRROR` (with the\n"
      "options of this scan) should find none of the findings above.\n\n";
  return out;
}

std::string PushLine(const Plan& p, const git::RemotePush& r) {
  std::string out = "git -C " + ShellQuote(p.mirrors.at(r.remote)) + " push --force";
  if (!p.targets.tags.empty()) out += " --tags";
  out += " " + RemoteUrl(p, r.remote, " --push");
  for (const std::string& b : r.branches) out += " " + ShellQuote("refs/heads/" + b);
  return out + "\n";
}

// The force-push list: per server its branch names (never a local
// tracking ref such as origin/main, nor its symbolic HEAD) and tags; then
// the refs only this repository has.
std::string PushList(const Plan& p) {
  std::string out;
  for (const git::RemotePush& r : p.targets.remotes) {
    std::vector<std::string> items;
    for (const std::string& b : r.branches) items.push_back("branch " + Code(b));
    for (const std::string& t : p.targets.tags) items.push_back("tag " + Code(t));
    out += "- remote " + Code(r.remote) + ": ";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    out += "\n";
  }
  for (const git::LocalRef& l : p.targets.local) {
    if (!l.branch) {
      out += "- local ref " + Code(l.name) + "\n";
    } else if (l.upstream.empty()) {
      out += "- local branch " + Code(l.name) + " (on no remote)\n";
    } else {
      out += "- local branch " + Code(l.name) + " (has commits " + Code(l.upstream) + " lacks)\n";
    }
  }
  if (!p.targets.has_remotes) {
    for (const std::string& t : p.targets.tags) out += "- local tag " + Code(t) + "\n";
  }
  return out + "\n";
}

std::string PushSection(const Plan& p) {
  std::string out = "## 3. Force-push the rewritten refs\n\n";
  if (PruneOnly(p)) {
    return out +
           "No ref holds the commits (they are unreachable); expire the reflog and prune\n"
           "this repository:\n\n" +
           Block("git -C " + ShellQuote(p.targets.repo_dir) +
                 " reflog expire --expire=now --all\ngit -C " + ShellQuote(p.targets.repo_dir) +
                 " gc --prune=now\n");
  }
  out += "These refs hold commits that introduced the findings:\n\n" + PushList(p);
  if (!Rewrites(p.scope)) return out;
  if (!p.targets.remotes.empty()) {
    out += "Push each server's rewritten branches" +
           std::string(p.targets.tags.empty() ? "" : " and tags") + " from its mirror:\n\n";
    std::string commands;
    for (const git::RemotePush& r : p.targets.remotes) commands += PushLine(p, r);
    out += Block(commands);
  }
  if (!p.local_mirror.empty()) {
    out += "The local refs are rewritten in " + Code(p.local_mirror) +
           "; after section 4, fetch\nthe branches you keep from that mirror into the new clone "
           "(`git fetch MIRROR NAME:NAME`).\n\n";
  }
  return out;
}

std::string AfterSection() {
  return "## 4. Replace every clone\n\n"
         "Delete every clone of the old history, this one included, and clone again: a `git pull`\n"
         "into an old clone merges the old history, and the secrets, back.\n\n"
         "## 5. What rewriting cannot reach\n\n"
         "- Every existing clone and fork keeps the old objects until its owner re-clones.\n"
         "- The server keeps the old objects until its garbage collection runs; hosting services\n"
         "  also keep pull-request refs (refs/pull/*, merge requests) and cached views: ask the\n"
         "  host's support to purge them and run its garbage collection.\n"
         "- CI caches, build caches and container images built from the old commits hold the\n"
         "  files; delete them.\n";
}

}  // namespace

std::string ReplaceTextPath(const std::string& plan_path) {
  return plan_path + ".replace-text.txt";
}

Result<std::string> RemediationPlan(const std::string& repo, const std::vector<Finding>& findings,
                                    const std::string& plan_path) {
  std::set<std::string> commits;
  for (const Finding& f : findings) {
    for (const Location& l : f.locations) {
      if (l.git && !l.git->commit.empty()) commits.insert(l.git->commit);
    }
  }
  if (findings.empty())
    return std::string("# Remediation plan\n\nNo findings: nothing to clean up.\n");
  Result<git::PushTargets> targets = git::FindPushTargets(repo, commits);
  if (!targets.ok()) return targets.status();
  Plan p{plan_path,
         ReplaceTextPath(plan_path),
         &findings,
         git::ChooseRewriteScope(findings),
         std::move(*targets),
         {},
         {}};
  std::set<std::string> used;
  for (const git::RemotePush& r : p.targets.remotes) {
    p.mirrors[r.remote] = MirrorPath(plan_path, r.remote, &used);
  }
  if (!p.targets.local.empty() || (!p.targets.tags.empty() && !p.targets.has_remotes)) {
    p.local_mirror = plan_path + ".local.git";
  }
  return Intro(p) + RotateSection(p) + RewriteSection(p) + PushSection(p) + AfterSection();
}

}  // namespace ctxscan
