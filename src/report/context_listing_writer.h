// Printing a ContextListing: plain (one path per line), long (type, size,
// path and a total line) and JSON (an array of {path, type, size}). Paths are
// escaped (util/escape.h); in JSON a path that is not valid UTF-8 also gets
// "path_base64" with its exact bytes.
//
// Covered by tests/unit/build_context_test.cc and the e2e tests.
// Thread safety: pure functions.
#pragma once

#include <string>

#include "ctxscan/context/build_context.h"

namespace ctxscan {

enum class ListingFormat { kPlain, kLong, kJson };

// Renders `listing` in `format`; directories get a trailing '/' in plain and
// long output.
std::string RenderListing(const ContextListing& listing, ListingFormat format);

}  // namespace ctxscan
