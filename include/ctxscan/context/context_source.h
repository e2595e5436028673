// Opening a build context directory the way `docker build DIR` does: find the
// Dockerfile (-f is relative to the current directory, as with docker), pick
// the ignore file (BuildKit prefers <Dockerfile>.dockerignore next to the
// Dockerfile over DIR/.dockerignore; the classic builder reads only
// DIR/.dockerignore), and build the rules.
//
// Covered by tests/e2e (the real binary on real directories).
// Thread safety: OpenContext is re-entrant; the result is shared read-only.
#pragma once

#include <memory>
#include <string>

#include "ctxscan/context/build_context.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

struct ContextRequest {
  std::string dir = ".";   // the build context directory
  std::string dockerfile;  // -f as given; empty: DIR/Dockerfile
  Builder builder = Builder::kBuildKit;
};

struct ContextSource {
  std::unique_ptr<FileSystem> fs;
  ContextRules rules;
  std::string dockerfile_shown;     // the Dockerfile as the user would name it
  bool dockerfile_outside = false;  // the Dockerfile lies outside the context
  // The ignore file the build reads, as the user would name it, and its
  // bytes; when there is none, the path it would have (DIR/.dockerignore)
  // and empty content.
  std::string ignore_path;
  std::string ignore_content;
};

// Opens the context. Fails when DIR is not a readable directory, the ignore
// file cannot be read or holds an invalid pattern (naming file and line).
Result<ContextSource> OpenContext(const ContextRequest& request);

}  // namespace ctxscan
