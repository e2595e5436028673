// Test, fixture and example paths. A secret in such a file is more often a
// made-up value written for a test or a document than a live credential, so
// a finding there gets one level less confidence (never dropped: real keys
// are committed to test fixtures too).
//
// Covered by tests/e2e/confidence_test.py. Thread safety: pure function.
#pragma once

#include <string_view>

namespace ctxscan {

// Reports whether `path` (slash-separated, relative) is a test, fixture,
// example or mock path: a directory named test, tests, testdata, testing,
// __tests__, fixtures, spec, specs, examples or example (any case), a
// component naming a mock (mock, mocks, __mocks__, a_mock.py, mock_server),
// or a test file name (a_test.go, test_a.py, a.test.ts, a.spec.js,
// AbcTest.java, a_spec.rb).
bool IsTestPath(std::string_view path);

}  // namespace ctxscan
