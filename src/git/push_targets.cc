// Which refs a rewrite must replace; see src/git/push_targets.h.
#include "git/push_targets.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/git_handle.h"

namespace ctxscan::git {
namespace {

using Tips = std::map<std::string, git_oid>;  // direct ref name -> the commit it peels to

// Every ref that is not symbolic (refs/remotes/origin/HEAD names another
// ref, which is listed itself) and peels to a commit.
Result<Tips> DirectRefs(git_repository* repo) {
  git_reference_iterator* raw = nullptr;
  if (git_reference_iterator_new(&raw, repo) != 0) return GitError("cannot list refs");
  const ReferenceIterator it(raw);
  Tips out;
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it.get()) == 0) {
    const Reference owned(ref);
    if (git_reference_type(ref) != GIT_REFERENCE_DIRECT) continue;
    git_object* c = nullptr;
    if (git_reference_peel(&c, ref, GIT_OBJECT_COMMIT) != 0) continue;
    const Object commit(c);
    out.emplace(git_reference_name(ref), *git_object_id(c));
  }
  return out;
}

// The repository's configuration (all levels, as git reads it): each
// variable's values, in order. Read once with an iterator: libgit2 1.5's
// pattern lookups (git_remote_list, git_remote_lookup, and so
// git_branch_upstream_name) leak their PCRE2 match data, found by the
// end-to-end tests under AddressSanitizer.
using ConfigValues = std::map<std::string, std::vector<std::string>, std::less<>>;

ConfigValues ReadConfig(git_repository* repo) {
  ConfigValues out;
  git_config* raw_config = nullptr;
  if (git_repository_config_snapshot(&raw_config, repo) != 0) return out;
  const Config config(raw_config);
  git_config_iterator* raw_it = nullptr;
  if (git_config_iterator_new(&raw_it, config.get()) != 0) return out;
  const ConfigIterator it(raw_it);
  git_config_entry* entry = nullptr;
  while (git_config_next(&entry, it.get()) == 0) {
    out[entry->name].emplace_back(entry->value != nullptr ? entry->value : "");
  }
  return out;
}

// The last value of `name`, or "".
std::string Last(const ConfigValues& config, const std::string& name) {
  const auto it = config.find(name);
  return it == config.end() || it->second.empty() ? "" : it->second.back();
}

// The configured remotes: every NAME with a remote.NAME.url or
// remote.NAME.pushurl (as git_remote_list), sorted.
std::vector<std::string> RemoteNames(const ConfigValues& config) {
  std::vector<std::string> out;
  for (const auto& [variable, values] : config) {
    std::string_view name = variable;
    if (!name.starts_with("remote.")) continue;
    name.remove_prefix(7);
    if (name.ends_with(".pushurl")) {
      name.remove_suffix(8);
    } else if (name.ends_with(".url")) {
      name.remove_suffix(4);
    } else {
      continue;
    }
    if (!name.empty()) out.emplace_back(name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

using Refspec = GitHandle<git_refspec, git_refspec_free>;

// The upstream of local branch `branch` (refs/heads/X) as git computes it
// (as git_branch_upstream_name): branch.X.merge mapped through the first
// fetch refspec of remote branch.X.remote that matches it, or the merge ref
// itself for the remote "."; "" when there is none.
std::string UpstreamName(const ConfigValues& config, const std::string& branch) {
  const std::string short_name = branch.substr(std::string("refs/heads/").size());
  const std::string remote = Last(config, "branch." + short_name + ".remote");
  std::string merge = Last(config, "branch." + short_name + ".merge");
  if (remote.empty() || merge.empty()) return "";
  if (remote == ".") return merge;
  const auto fetch = config.find("remote." + remote + ".fetch");
  if (fetch == config.end()) return "";
  for (const std::string& text : fetch->second) {
    git_refspec* raw = nullptr;
    if (git_refspec_parse(&raw, text.c_str(), 1) != 0) continue;
    const Refspec spec(raw);
    if (git_refspec_src_matches(spec.get(), merge.c_str()) == 0) continue;
    git_buf buf{};
    if (git_refspec_transform(&buf, spec.get(), merge.c_str()) != 0) continue;
    std::string out(buf.ptr, buf.size);
    git_buf_dispose(&buf);
    return out;
  }
  return "";
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The configured remote a tracking ref belongs to (the longest name that
// fits, as remote names may hold '/'), or "".
std::string RemoteOf(const std::string& tracking, const std::vector<std::string>& remotes) {
  std::string best;
  for (const std::string& r : remotes) {
    if (StartsWith(tracking, "refs/remotes/" + r + "/") && r.size() > best.size()) best = r;
  }
  return best;
}

// The local branch `name` (refs/heads/...) as a LocalRef, or nothing when
// its upstream holds the leak and the branch has no commit the upstream
// lacks (the server's rewrite covers it).
std::optional<LocalRef> LocalBranch(git_repository* repo, const ConfigValues& config,
                                    const std::string& name, const Tips& holding) {
  LocalRef local{name.substr(std::string("refs/heads/").size()), true, ""};
  const std::string upstream = UpstreamName(config, name);
  if (upstream.empty()) return local;
  const auto up = holding.find(upstream);
  const git_oid& tip = holding.at(name);
  if (up != holding.end() && (git_oid_equal(&tip, &up->second) != 0 ||
                              git_graph_descendant_of(repo, &up->second, &tip) == 1)) {
    return std::nullopt;
  }
  const std::string prefix = "refs/remotes/";
  local.upstream = StartsWith(upstream, prefix) ? upstream.substr(prefix.size()) : upstream;
  return local;
}

// The refs of `tips` whose history holds one of `commits`.
Tips Holding(git_repository* repo, const Tips& tips, const std::set<std::string>& commits) {
  std::vector<git_oid> targets;
  for (const std::string& c : commits) {
    git_oid id;
    if (git_oid_fromstr(&id, c.c_str()) == 0) targets.push_back(id);
  }
  Tips out;
  for (const auto& [name, tip] : tips) {
    for (const git_oid& t : targets) {
      if (git_oid_equal(&tip, &t) != 0 || git_graph_descendant_of(repo, &tip, &t) == 1) {
        out.emplace(name, tip);
        break;
      }
    }
  }
  return out;
}

std::string RepoDir(git_repository* repo) {
  const char* dir =
      git_repository_is_bare(repo) != 0 ? git_repository_path(repo) : git_repository_workdir(repo);
  std::string out = dir != nullptr ? dir : "";
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

Result<PushTargets> FindPushTargets(const std::string& repo_path,
                                    const std::set<std::string>& commits) {
  Result<Repository> repo = OpenRepository(repo_path);
  if (!repo.ok()) return repo.status();
  Result<Tips> tips = DirectRefs(repo->get());
  if (!tips.ok()) return tips.status();
  const ConfigValues config = ReadConfig(repo->get());
  const std::vector<std::string> remotes = RemoteNames(config);
  const Tips holding = Holding(repo->get(), *tips, commits);
  PushTargets out;
  out.repo_dir = RepoDir(repo->get());
  out.has_remotes = !remotes.empty();
  out.has_stash = tips->count("refs/stash") != 0;
  std::map<std::string, std::set<std::string>> branches;  // remote -> server branch names
  for (const auto& [name, tip] : holding) {
    if (StartsWith(name, "refs/remotes/")) {
      const std::string remote = RemoteOf(name, remotes);
      if (remote.empty()) {
        out.local.push_back(LocalRef{name, false, ""});
      } else {
        branches[remote].insert(name.substr(("refs/remotes/" + remote + "/").size()));
      }
    } else if (StartsWith(name, "refs/tags/")) {
      out.tags.push_back(name.substr(std::string("refs/tags/").size()));
    } else if (StartsWith(name, "refs/heads/")) {
      if (auto local = LocalBranch(repo->get(), config, name, holding)) {
        out.local.push_back(*local);
      }
    } else {
      out.local.push_back(LocalRef{name, false, ""});
    }
  }
  // A rewritten tag is pushed to every server: which of them has it is not
  // known here, and each server's mirror pushes only the tags it has.
  if (!out.tags.empty()) {
    for (const std::string& r : remotes) branches[r];
  }
  for (auto& [remote, names] : branches) {
    out.remotes.push_back(RemotePush{remote, {names.begin(), names.end()}});
  }
  std::sort(out.local.begin(), out.local.end(),
            [](const LocalRef& a, const LocalRef& b) { return a.name < b.name; });
  return out;
}

}  // namespace ctxscan::git
