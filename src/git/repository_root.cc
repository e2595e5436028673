// The working tree holding a directory; see src/git/repository_root.h.
#include "git/repository_root.h"

#include <filesystem>

#include "git/git_handle.h"

namespace ctxscan {

Result<std::optional<std::string>> FindWorktreeRoot(const std::string& dir) {
  git::InitLibrary();
  git_repository* raw = nullptr;
  // The flags OpenRepository uses, so that history paths and report paths
  // are relative to the same root.
  const int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
  if (rc != 0) return git::GitError(dir + ": cannot open the git repository holding it");
  const git::Repository repo(raw);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) return std::optional<std::string>();  // bare
  std::error_code ec;
  const std::filesystem::path root = std::filesystem::canonical(workdir, ec);
  if (ec) return Status::Error(std::string(workdir) + ": " + ec.message());
  return std::optional<std::string>(root.string());
}

}  // namespace ctxscan
