// The remediation plan and the filter-repo replacement file; see
// include/ctxscan/git/remediation.h.
#include "ctxscan/git/remediation.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "ctxscan/report/escape.h"
#include "git/git_handle.h"

namespace ctxscan {
namespace {

constexpr std::size_t kMinReplaceBytes = 8;

// `s` as one shell word that pastes safely into a terminal: '...' (with
// '\'' for a quote), or bash's $'...' with \xHH escapes when `s` holds
// control characters, so none reaches the terminal raw.
std::string ShellQuote(std::string_view s) {
  const bool control = std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
  std::string out = control ? "$'" : "'";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (control && (u < 0x20 || u == 0x7f || c == '\\' || c == '\'')) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else if (!control && c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The refs whose history holds any of `commits`.
Result<std::vector<std::string>> RefsHolding(const std::string& repo_path,
                                             const std::set<std::string>& commits) {
  Result<git::Repository> repo = git::OpenRepository(repo_path);
  if (!repo.ok()) return repo.status();
  std::vector<git_oid> targets;
  for (const std::string& c : commits) {
    git_oid id;
    if (git_oid_fromstr(&id, c.c_str()) == 0) targets.push_back(id);
  }
  std::vector<std::string> out;
  Status s = git::ForEachRefCommit(repo->get(), [&](const char* name, const git_oid& tip) {
    for (const git_oid& t : targets) {
      if (git_oid_equal(&tip, &t) != 0 || git_graph_descendant_of(repo->get(), &tip, &t) == 1) {
        out.emplace_back(name);
        break;
      }
    }
  });
  if (!s.ok()) return s;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string ReplaceText(const std::vector<Finding>& findings) {
  std::set<std::string> lines;
  for (const Finding& f : findings) {
    std::size_t start = 0;
    while (start < f.secret.size()) {
      std::size_t end = f.secret.find('\n', start);
      if (end == std::string::npos) end = f.secret.size();
      std::string line = f.secret.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() >= kMinReplaceBytes) lines.insert(std::move(line));
      start = end + 1;
    }
  }
  std::string out;
  // filter-repo splits each line at its last "==>", so a secret may hold one.
  for (const std::string& l : lines) out += "literal:" + l + "==>***REMOVED***\n";
  return out;
}

Result<std::string> RemediationPlan(const std::string& repo, const std::vector<Finding>& findings,
                                    const std::string& replace_text_path) {
  std::set<std::string> commits;
  std::set<std::string> file_paths;
  std::map<std::string, const Finding*> by_rule;  // one remediation text per rule
  std::size_t secrets = 0;
  for (const Finding& f : findings) {
    for (const Location& l : f.locations) {
      if (l.git && !l.git->commit.empty()) commits.insert(l.git->commit);
      if (f.secret.empty()) file_paths.insert(l.path);
    }
    if (!f.secret.empty()) ++secrets;
    by_rule.emplace(f.rule->id, &f);
  }
  Result<std::vector<std::string>> refs = RefsHolding(repo, commits);
  if (!refs.ok()) return refs.status();

  std::string out = "# Remediation plan for " + EscapeText(repo) + "\n\n";
  out += std::to_string(findings.size()) + " finding(s) in history: " + std::to_string(secrets) +
         " secret(s), " + std::to_string(file_paths.size()) + " sensitive file path(s).\n\n";
  out += "## 1. Rotate every secret first\n\n";
  out +=
      "Rewriting history does not un-leak a secret: anyone who cloned, forked or fetched the\n"
      "repository, and every CI cache, still has it. Revoke or rotate each one at its provider\n"
      "before anything else.\n\n";
  for (const auto& [id, f] : by_rule) {
    const Location& l = f->locations.front();
    out += "- `" + id + "` (" + f->rule->name + "), first in " + EscapeText(l.path);
    if (l.git && !l.git->commit.empty()) out += " at commit " + l.git->commit.substr(0, 12);
    out += ": " + f->rule->remediation + "\n";
  }
  out += "\n## 2. Rewrite history\n\n";
  out += "Work on a fresh mirror clone, never on your only copy:\n\n";
  out += "    git clone --mirror <url> repo.git && cd repo.git\n";
  if (secrets > 0) {
    out += "    git filter-repo --replace-text " + ShellQuote(replace_text_path) + "\n\n";
    out += "`" + EscapeText(replace_text_path) +
           "` (mode 0600) maps each secret to ***REMOVED***. Delete it when done: it holds the "
           "secrets in clear.\n\n";
  }
  if (!file_paths.empty()) {
    out +=
        "Sensitive files to drop from every commit (then add them to .gitignore and "
        ".dockerignore):\n\n    git filter-repo --invert-paths";
    for (const std::string& p : file_paths) out += " --path " + ShellQuote(p);
    out += "\n\n";
  }
  out += "Check the result: `ctxscan git --all-objects .` should find none of these.\n\n";
  out += "## 3. Force-push the rewritten refs\n\n";
  if (refs->empty()) {
    out +=
        "No ref holds the commits (they are unreachable); expire the reflog and prune:\n\n"
        "    git reflog expire --expire=now --all && git gc --prune=now\n\n";
  } else {
    out += "These refs hold commits that introduced the findings:\n\n";
    for (const std::string& r : *refs) out += "- " + EscapeText(r) + "\n";
    out += "\n    git push --force --mirror <url>\n\n";
  }
  out +=
      "## 4. What rewriting cannot reach\n\n"
      "- Every existing clone and fork keeps the old objects until its owner re-clones.\n"
      "- Hosting services keep pull-request refs (refs/pull/*, merge requests) and cached views;\n"
      "  ask the host's support to purge them and run its garbage collection.\n"
      "- CI caches, build caches and container images built from the old commits hold the\n"
      "  files; delete them.\n";
  return out;
}

}  // namespace ctxscan
