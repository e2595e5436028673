// libgit2 set-up and helpers; see src/git/git_handle.h.
#include "git/git_handle.h"

#include <mutex>

namespace ctxscan::git {

void InitLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  });
}

Status GitError(const std::string& what) {
  const git_error* e = git_error_last();
  return Status::Error(what + ": " +
                       (e != nullptr && e->message != nullptr ? e->message : "error"));
}

Result<Repository> OpenRepository(const std::string& path) {
  InitLibrary();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) {
    return GitError(path + ": not a git repository");
  }
  return Repository(repo);
}

std::string OidHex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace ctxscan::git
