// Test, fixture and example paths; see src/findings/test_paths.h.
#include "findings/test_paths.h"

#include <array>
#include <string>

#include "util/text.h"

namespace ctxscan {
namespace {

bool IsTestDirectory(std::string_view lower) {
  static constexpr std::array<std::string_view, 11> kNames = {
      "test",    "tests", "testdata", "testing",  "__tests__", "fixtures",
      "fixture", "spec",  "specs",    "examples", "example"};
  for (std::string_view n : kNames) {
    if (lower == n) return true;
  }
  return false;
}

// A word of a name split at '_', '-' and '.' is "mock" or "mocks".
bool NamesAMock(std::string_view lower) {
  std::size_t start = 0;
  while (start <= lower.size()) {
    std::size_t end = lower.find_first_of("_-.", start);
    if (end == std::string_view::npos) end = lower.size();
    const std::string_view word = lower.substr(start, end - start);
    if (word == "mock" || word == "mocks") return true;
    start = end + 1;
  }
  return false;
}

// a_test.go, test_a.py, a.test.ts, a.spec.js, a_spec.rb, AbcTest.java.
bool IsTestFileName(std::string_view name, std::string_view lower) {
  const std::size_t dot = lower.find('.');
  const std::string_view stem = lower.substr(0, dot);
  if (stem.ends_with("_test") || stem.ends_with("_spec") || stem.starts_with("test_")) return true;
  if (dot != std::string_view::npos) {
    const std::string_view rest = lower.substr(dot);
    if (rest.starts_with(".test.") || rest.starts_with(".spec.")) return true;
  }
  // CamelCase JUnit and xUnit classes: FooTest.java, FooTests.cs.
  const std::string_view raw_stem = name.substr(0, dot);
  return (raw_stem.ends_with("Test") || raw_stem.ends_with("Tests")) && raw_stem.size() > 5;
}

}  // namespace

bool IsTestPath(std::string_view path) {
  return AnyPathPart(path, [](std::string_view part, bool last) {
    const std::string lower = AsciiLower(part);
    return (!last && IsTestDirectory(lower)) || NamesAMock(lower) ||
           (last && IsTestFileName(part, lower));
  });
}

}  // namespace ctxscan
