// Errors and notes on stderr; see src/cli/diagnostics.h.
#include "cli/diagnostics.h"

#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "util/escape.h"

namespace ctxscan::cli {

void PrintError(std::string_view message) {
  std::fprintf(stderr, "error: %s\n", EscapeText(message).c_str());
}

void PrintFileErrors(const std::vector<SkippedFile>& errors) {
  for (const SkippedFile& e : errors) {
    std::fprintf(stderr, "error: %s: %s\n", EscapeText(e.path).c_str(),
                 EscapeText(e.reason).c_str());
  }
}

void PrintNote(std::string_view message) {
  std::fprintf(stderr, "note: %s\n", EscapeText(message).c_str());
}

void PrintWarning(std::string_view message) {
  std::fprintf(stderr, "warning: %s\n", EscapeText(message).c_str());
}

ExitCode Fail(const Status& s) {
  PrintError(s.message());
  return ExitCode::kError;
}

}  // namespace ctxscan::cli

namespace ctxscan::cli {

int RunGuarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    PrintError("out of memory");
  } catch (const std::exception& e) {
    PrintError(std::string("internal error: ") + e.what());
  } catch (...) {
    PrintError("internal error: an unknown exception");
  }
  return static_cast<int>(ExitCode::kError);
}

}  // namespace ctxscan::cli
