// libgit2 set-up and helpers; see src/git/git_handle.h.
#include "git/git_handle.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace ctxscan::git {

std::size_t OidHash::operator()(const git_oid& o) const {
  std::size_t h;
  std::memcpy(&h, o.id, sizeof h);
  return h;
}

bool OidEq::operator()(const git_oid& a, const git_oid& b) const {
  return git_oid_equal(&a, &b) != 0;
}

void InitLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // Bounded memory: packs are mapped in 64 MiB windows, at most 128 MiB at
    // once (the defaults, 1 GiB and 8 GiB, put a whole pack in the resident
    // set). Measured on bench/git_history.sh: peak RSS 322 -> 282 MiB.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<std::size_t>(64) << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<std::size_t>(128) << 20);
    // No object cache: once full, libgit2's cache evicts by scanning its hash
    // table from the start on every insertion, and with a 16 MiB cache the
    // history walk of a real repository (trufflehog, 18k commits) spent a
    // fifth of its time in that scan (2.0 s; 1.7 s uncached, 88 instead of
    // 134 MiB peak). The walk keeps the trees it reuses itself
    // (git/tree_cache.h); blobs were never cached.
    git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
  });
}

void FitPackMappings(git_repository* repo) {
  constexpr std::uint64_t kDefault = std::uint64_t{128} << 20;
  constexpr std::uint64_t kMost = std::uint64_t{1} << 30;
  namespace fs = std::filesystem;
  std::error_code ec;
  std::uint64_t packs = 0;
  const fs::path dir = fs::path(git_repository_path(repo)) / "objects" / "pack";
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // symlink_status: a link is not followed (nor counted).
    if (it->path().extension() == ".pack" && fs::is_regular_file(it->symlink_status(ec))) {
      packs += it->file_size(ec);
    }
  }
  // Room for the packs and a window more; never below the default.
  const std::uint64_t limit = std::clamp(packs + (std::uint64_t{64} << 20), kDefault, kMost);
  git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<std::size_t>(limit));
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

Status ForEachRefCommit(git_repository* repo,
                        const std::function<void(const char* name, const git_oid& id)>& fn) {
  git_reference_iterator* raw = nullptr;
  if (git_reference_iterator_new(&raw, repo) != 0) return GitError("cannot list refs");
  const ReferenceIterator it(raw);
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it.get()) == 0) {
    const Reference owned(ref);
    git_object* c = nullptr;
    if (git_reference_peel(&c, ref, GIT_OBJECT_COMMIT) != 0) continue;
    const Object commit(c);
    fn(git_reference_name(ref), *git_object_id(c));
  }
  return Status::Ok();
}

std::string OidHex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace ctxscan::git
