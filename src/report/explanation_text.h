// `ctxscan context why` in words: one line per explained path
// (src/context/explain.h), hostile bytes in paths and patterns
// escaped.
//
// Covered by tests/unit/build_context_test.cc and tests/e2e/context_cli_test.py.
// Thread safety: pure function.
#pragma once

#include <string>

#include "context/explain.h"

namespace ctxscan {

// A one-line human explanation, e.g.
//   .env: not sent: excluded by .dockerignore:3 "**/.env"
std::string DescribeExplanation(const Explanation& e, const ContextRules& rules);

}  // namespace ctxscan
