// Go's filepath.Match on Unix, ported byte for byte. Docker calls
// filepath.Match(pattern, ".") on every .dockerignore pattern purely to reject
// malformed ones, so which patterns are "invalid" is exactly the set for which
// this function reports an error. The port also lets tests compare the two.
//
// Covered by tests/unit/conformance_test.cc (invalid patterns) and the
// differential.docker_cli test (no unit test of its own yet). Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace ctxscan::go {

struct GlobResult {
  bool matched = false;
  // Non-empty when the pattern is malformed (Go's ErrBadPattern); says why.
  std::string error;
};

// Reports whether `name` matches the shell pattern `pattern`, with Go's
// semantics: '*' and '?' never match '/', classes are [..] with '^' negation,
// '\' escapes. Malformed patterns give a non-empty `error`.
GlobResult Match(std::string_view pattern, std::string_view name);

}  // namespace ctxscan::go
