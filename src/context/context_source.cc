// Resolving Dockerfile and ignore file; see include/ctxscan/context/context_source.h.
#include "ctxscan/context/context_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/text.h"
#include "util/unique_fd.h"

namespace ctxscan {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxIgnoreFileBytes = std::size_t{64} * 1024 * 1024;

// Reads a regular file, following symlinks as Docker's client does. Returns
// nullopt when it does not exist.
Result<std::optional<std::string>> ReadIfExists(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (!fd.valid()) {
    if (errno == ENOENT || errno == ENOTDIR) return std::optional<std::string>();
    return Status::Error(path + ": " + ErrnoText(errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return Status::Error(path + ": not a regular file");
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxIgnoreFileBytes) {
    return Status::Error(path + ": ignore file larger than 64 MiB");
  }
  std::string data;
  char buf[64 * 1024];
  ssize_t n = 0;
  while ((n = ::read(fd.get(), buf, sizeof buf)) != 0) {
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Error(path + ": " + ErrnoText(errno));
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
  return std::optional<std::string>(std::move(data));
}

// Fails unless `path` (following symlinks) is there and is not a directory.
Status CheckNamedDockerfile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::Error(path + ": " + ErrnoText(errno));
  if (S_ISDIR(st.st_mode)) return Status::Error(path + ": is a directory");
  return Status::Ok();
}

// The path of `p` relative to `base` if it lies inside, else "".
std::string InsideOrEmpty(const fs::path& p, const fs::path& base) {
  const fs::path rel = p.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return "";
  return rel.generic_string();
}

std::string Join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

}  // namespace

Result<ContextSource> OpenContext(const ContextRequest& request) {
  Result<std::unique_ptr<FileSystem>> opened = OpenPosixFileSystem(request.dir);
  if (!opened.ok()) return opened.status();
  ContextSource src;
  src.fs = std::move(opened).value();

  std::error_code ec;
  const fs::path root = fs::canonical(request.dir, ec);
  if (ec) return Status::Error(request.dir + ": " + ec.message());

  // The Dockerfile: -f is relative to the current directory; symlinks resolved.
  fs::path dockerfile;
  if (!request.dockerfile.empty()) {
    // As `docker build -f`: a Dockerfile named that is not there fails the build.
    if (Status s = CheckNamedDockerfile(request.dockerfile); !s.ok()) return s;
    dockerfile = fs::weakly_canonical(fs::absolute(request.dockerfile), ec);
    if (ec) return Status::Error(request.dockerfile + ": " + ec.message());
    src.dockerfile_shown = request.dockerfile;
  } else {
    dockerfile = root / "Dockerfile";
    // The classic client falls back to a lowercase "dockerfile".
    if (request.builder == Builder::kLegacy && !fs::exists(dockerfile) &&
        fs::exists(root / "dockerfile")) {
      dockerfile = root / "dockerfile";
    }
    dockerfile = fs::weakly_canonical(dockerfile, ec);
    src.dockerfile_shown = Join(request.dir, dockerfile.filename().string());
  }
  const std::string dockerfile_rel = InsideOrEmpty(dockerfile, root);
  src.dockerfile_outside = dockerfile_rel.empty();

  std::optional<std::string> content;
  std::string ignore_name;
  if (request.builder == Builder::kBuildKit) {
    const std::string specific = dockerfile.string() + ".dockerignore";
    Result<std::optional<std::string>> r = ReadIfExists(specific);
    if (!r.ok()) return r.status();
    if (r->has_value()) {
      content = std::move(*r).value();
      ignore_name = request.dockerfile.empty()
                        ? Join(request.dir, dockerfile.filename().string() + ".dockerignore")
                        : request.dockerfile + ".dockerignore";
    }
  }
  if (!content) {
    ignore_name = Join(request.dir, ".dockerignore");
    Result<std::optional<std::string>> r = ReadIfExists((root / ".dockerignore").string());
    if (!r.ok()) return r.status();
    content = std::move(r).value();
  }
  Result<ContextRules> rules =
      MakeContextRules(request.builder, content, ignore_name, dockerfile_rel);
  if (!rules.ok()) return rules.status();
  src.ignore_path = ignore_name;
  src.ignore_content = content.value_or("");
  src.rules = std::move(rules).value();
  return src;
}

}  // namespace ctxscan
