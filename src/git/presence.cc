// Where history findings still are; see include/ctxscan/git/presence.h.
#include "ctxscan/git/presence.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "ctxscan/context/build_context.h"
#include "ctxscan/context/context_source.h"
#include "git/git_handle.h"

namespace ctxscan {
namespace {

struct Branch {
  std::string name;
  std::vector<git_oid> commits;  // first-parent line, tip first
  std::vector<git_oid> trees;    // each commit's tree
};

// The branches (refs/heads/*, refs/remotes/* but not their symbolic HEAD),
// each with its first-parent line, sorted by name.
std::vector<Branch> Branches(git_repository* repo) {
  std::vector<Branch> out;
  (void)git::ForEachRefCommit(repo, [&](const char* name, const git_oid& tip) {
    const std::string_view n = name;
    if (n.rfind("refs/heads/", 0) != 0 && n.rfind("refs/remotes/", 0) != 0) return;
    if (n.size() >= 5 && n.substr(n.size() - 5) == "/HEAD") return;  // origin/HEAD
    Branch b{std::string(n), {}, {}};
    git_commit* commit = nullptr;
    if (git_commit_lookup(&commit, repo, &tip) != 0) return;
    while (commit != nullptr) {
      b.commits.push_back(*git_commit_id(commit));
      b.trees.push_back(*git_commit_tree_id(commit));
      git_commit* parent = nullptr;
      if (git_commit_parentcount(commit) == 0 || git_commit_parent(&parent, commit, 0) != 0) {
        parent = nullptr;
      }
      git_commit_free(commit);
      commit = parent;
    }
    out.push_back(std::move(b));
  });
  std::sort(out.begin(), out.end(),
            [](const Branch& a, const Branch& b) { return a.name < b.name; });
  return out;
}

// Whether tree `tree` has blob `blob` at `path`.
bool Holds(git_repository* repo, const git_oid& tree, const std::string& path,
           const git_oid& blob) {
  git_tree* t = nullptr;
  if (git_tree_lookup(&t, repo, &tree) != 0) return false;
  const git::Tree owned(t);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, t, path.c_str()) != 0) return false;
  const bool same = git_oid_equal(git_tree_entry_id(e), &blob) != 0;
  git_tree_entry_free(e);
  return same;
}

// The paths `docker build` of `workdir` would send, or nothing when that
// cannot be computed (an invalid .dockerignore, say).
std::set<std::string> ContextPaths(const std::string& workdir) {
  std::set<std::string> out;
  if (workdir.empty()) return out;
  Result<ContextSource> src = OpenContext(ContextRequest{workdir, "", Builder::kBuildKit});
  if (!src.ok()) return out;
  WalkOptions walk;
  walk.check_readable = false;
  Result<ContextListing> listing = WalkContext(*src->fs, src->rules, walk);
  if (!listing.ok()) return out;
  for (std::size_t i = 0; i < listing->size(); ++i) out.emplace(listing->path(i));
  return out;
}

bool WorktreeHolds(const std::string& workdir, const std::string& path, const std::string& secret) {
  if (workdir.empty() || secret.empty()) return false;
  std::ifstream in(workdir + path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str().find(secret) != std::string::npos;
}

}  // namespace

Status AddPresence(const std::string& repo_path, std::vector<Finding>* findings) {
  Result<git::Repository> repo = git::OpenRepository(repo_path);
  if (!repo.ok()) return repo.status();
  const char* workdir = git_repository_workdir(repo->get());
  const std::vector<Branch> branches = Branches(repo->get());
  std::optional<std::set<std::string>> sent;  // computed once, if a secret is in the worktree
  // One answer per (blob, path), shared by every finding that asks.
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const GitProvenance>> done;
  for (Finding& f : *findings) {
    for (Location& l : f.locations) {
      if (!l.git || l.git->blob.empty()) continue;
      git_oid blob;
      if (git_oid_fromstr(&blob, l.git->blob.c_str()) != 0) continue;
      auto p = std::make_shared<GitProvenance>(*l.git);
      p->in_worktree = WorktreeHolds(workdir != nullptr ? workdir : "", l.path, f.secret);
      if (p->in_worktree) {
        if (!sent) sent = ContextPaths(workdir);
        p->in_context = sent->count(l.path) != 0;
      }
      auto key = std::make_pair(l.git->blob, l.path);
      if (auto it = done.find(key); it != done.end()) {
        p->present_on = it->second->present_on;
        p->removed_in = it->second->removed_in;
      } else {
        for (const Branch& b : branches) {
          for (std::size_t k = 0; k < b.commits.size(); ++k) {
            if (!Holds(repo->get(), b.trees[k], l.path, blob)) continue;
            if (k == 0) {
              p->present_on.push_back(b.name);
            } else {
              p->removed_in.push_back({b.name, git::OidHex(b.commits[k - 1])});
            }
            break;
          }
        }
        done.emplace(key, p);
      }
      l.git = std::move(p);
    }
  }
  return Status::Ok();
}

}  // namespace ctxscan
