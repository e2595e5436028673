// Choosing the directory CI report paths are relative to; see
// include/ctxscan/report/report_root.h.
#include "ctxscan/report/report_root.h"

#include <filesystem>

namespace ctxscan {
namespace {

// The path of `dir` below `base` ("" for `base` itself, else ending in
// '/'), or nullopt when `dir` is not under `base`.
std::optional<std::string> Below(const std::string& dir, const std::string& base) {
  const std::filesystem::path rel = std::filesystem::path(dir).lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  const std::string s = rel.generic_string();
  return s == "." ? std::string() : s + "/";
}

}  // namespace

std::string_view RootKindName(RootKind kind) {
  switch (kind) {
    case RootKind::kRepository:
      return "repository";
    case RootKind::kWorkingDirectory:
      return "working-directory";
    case RootKind::kContext:
      return "context";
    case RootKind::kNone:
      break;
  }
  return "none";
}

ReportRoot ChooseReportRoot(const std::string& context,
                            const std::optional<std::string>& repository, const std::string& cwd) {
  if (repository) {
    if (std::optional<std::string> prefix = Below(context, *repository)) {
      return {RootKind::kRepository, *repository, *prefix};
    }
  }
  if (std::optional<std::string> prefix = Below(context, cwd)) {
    return {RootKind::kWorkingDirectory, cwd, *prefix};
  }
  return {RootKind::kContext, context, ""};
}

std::string RootPath(const Location& location, const ReportRoot& root) {
  return location.git ? location.path : root.prefix + location.path;
}

}  // namespace ctxscan
