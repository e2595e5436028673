// libFuzzer target: the file scanner on any bytes, through the decoders
// (escaped and joined strings, URL-encoding, base64; decoded_views.h) and
// the code that maps a match back to the file's line and column.
//
// Oracles:
//   - every decoded view maps each byte into the input (origin has one entry
//     more than the text, none past the input's end), and a byte the escaped
//     or URL view did not decode is the input's byte at its origin;
//   - every finding lies inside the input: its secret's offset, its line
//     (1 + the newlines before it) and its column (bytes since the line's
//     start, plus one) agree with the input, the quoted secret starts inside
//     the quoted line and the bytes it covers end within the input's line;
//   - findings come in file order, and the file read through a FileSystem
//     gives exactly what the bytes in memory give.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/findings/file_scanner.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/util/file_system.h"
#include "findings/decoded_views.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("file_scan_fuzz", what); }

const ctxscan::Engine& GetEngine() {
  static const ctxscan::Engine* engine = [] {
    ctxscan::Result<std::vector<ctxscan::Rule>> rules = ctxscan::LoadDefaultRules();
    if (!rules.ok()) Fail("cannot load the default rules");
    ctxscan::Result<std::shared_ptr<const ctxscan::RuleSet>> set =
        ctxscan::RuleSet::Build(std::move(rules).value(), ctxscan::RuleCache{"", false});
    if (!set.ok()) Fail("cannot build the default rules");
    ctxscan::Result<std::unique_ptr<const ctxscan::Engine>> made =
        ctxscan::Engine::Create(*set, ctxscan::EngineOptions{"", false});
    if (!made.ok()) Fail("cannot compile the default rules");
    return std::move(made).value().release();
  }();
  return *engine;
}

void CheckViews(std::string_view input) {
  for (const ctxscan::DecodedView& view : ctxscan::DecodeViews(input)) {
    if (view.origin.size() != view.text.size() + 1) Fail("a view's origin is not one longer");
    for (const std::uint64_t at : view.origin) {
      if (at > input.size()) Fail("a decoded byte maps past the input's end");
    }
    const std::string_view how = view.how;
    const char marker = how == "escaped" ? '\\' : how == "url-encoded" ? '%' : '\0';
    if (marker == '\0') continue;
    for (std::size_t i = 0; i < view.text.size(); ++i) {
      const std::uint64_t at = view.origin[i];
      if (view.text[i] == '\n' || at >= input.size()) continue;  // a region's end
      if (input[at] != marker && input[at] != view.text[i]) {
        Fail("a byte the view did not decode differs from the input's byte at its origin");
      }
    }
  }
}

void CheckMatches(std::string_view input, const ctxscan::FileScanResult& result) {
  std::uint64_t previous = 0;
  for (const ctxscan::FileMatch& m : result.matches) {
    if (m.offset >= input.size()) Fail("a finding starts past the input's end");
    if (m.offset < previous) Fail("findings are not in file order");
    previous = m.offset;
    if (m.secret.empty()) Fail("a finding has an empty secret");
    const std::string_view before = input.substr(0, m.offset);
    const auto newlines =
        static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
    if (m.line != newlines + 1) Fail("a finding's line does not match the newlines before it");
    const std::size_t nl = before.rfind('\n');
    const std::uint64_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
    if (m.column != m.offset - line_start + 1) Fail("a finding's column is not its line offset");
    if (m.secret_offset > m.line_text.size()) Fail("a quoted secret starts past its quoted line");
    const std::size_t line_end = std::min(input.find('\n', m.offset), input.size());
    if (m.offset + m.secret_length > line_end) Fail("a secret covers bytes past its line's end");
  }
}

bool SameFindings(const ctxscan::FileScanResult& a, const ctxscan::FileScanResult& b) {
  if (a.outcome != b.outcome || a.matches.size() != b.matches.size()) return false;
  for (std::size_t i = 0; i < a.matches.size(); ++i) {
    const ctxscan::FileMatch& x = a.matches[i];
    const ctxscan::FileMatch& y = b.matches[i];
    if (x.rule != y.rule || x.offset != y.offset || x.end != y.end || x.line != y.line ||
        x.column != y.column || x.secret != y.secret) {
      return false;
    }
  }
  return a.signatures == b.signatures;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckViews(input);
  static ctxscan::FileScanner scanner(GetEngine(), ctxscan::FileScanOptions{});
  const ctxscan::FileScanResult in_memory = scanner.ScanBytes(input);
  if (in_memory.outcome == ctxscan::FileScanResult::Outcome::kError) Fail(in_memory.error.c_str());
  CheckMatches(input, in_memory);
  ctxscan::MemoryFileSystem fs;
  fs.AddFile("f", std::string(input));
  const ctxscan::FileScanResult from_file = scanner.Scan(fs, "f");
  if (!SameFindings(in_memory, from_file)) {
    Fail("the file read through a FileSystem gives other findings than its bytes");
  }
  return 0;
}
