// Which refs a history rewrite must replace, named as the server names them.
//
// The scan sees the local repository: its branches, its tags and its
// remote-tracking refs (refs/remotes/origin/main is the local copy of branch
// `main` on the server `origin`). A leak reached a server if a tracking ref
// holds it; the rewrite then happens in a mirror of that server and is
// force-pushed to it under the server's branch names. Symbolic refs
// (refs/remotes/origin/HEAD) name another ref and are skipped. A local branch
// whose upstream holds the leak and which has nothing the upstream lacks is
// covered by the server's rewrite; any other local branch, and refs no
// server has (the stash, tracking refs of a remote no longer configured),
// exist only here.
//
// Covered by tests/e2e/git_remediate_test.py. Thread safety: none needed
// (each call opens its own repository handle).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan::git {

struct RemotePush {
  std::string remote;                 // a configured remote's name
  std::vector<std::string> branches;  // the server's branch names; sorted, distinct
};

struct LocalRef {
  std::string name;  // "wip" for a branch, else the full ref name ("refs/stash")
  bool branch = false;
  std::string upstream;  // a branch ahead of its upstream: that upstream's short name
};

struct PushTargets {
  std::string repo_dir;             // absolute: the work tree, or the bare repository
  std::vector<RemotePush> remotes;  // by name; with tags, every configured remote
  std::vector<std::string> tags;    // tag names whose history holds a leak; sorted
  std::vector<LocalRef> local;      // refs only this repository has; sorted
  bool has_remotes = false;         // any remote is configured
  bool has_stash = false;           // refs/stash exists (filter-repo needs --force then)
};

// The refs of the repository at or above `repo` whose history holds any of
// `commits` (full hex ids), sorted as above. Fails if the repository cannot
// be opened or its refs listed.
Result<PushTargets> FindPushTargets(const std::string& repo, const std::set<std::string>& commits);

}  // namespace ctxscan::git
