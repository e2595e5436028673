// libFuzzer target: any bytes as a baseline (a JSON report passed to
// --baseline) must never crash, hang or trip a sanitizer. An error must name
// the file; what loads is the set of string fingerprints of the report's
// findings, each of which occurs in the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ctxscan/findings/suppressions.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("baseline_fuzz", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ctxscan::Result<ctxscan::Baseline> b = ctxscan::ParseBaseline(input, "baseline.json");
  if (!b.ok()) {
    if (b.status().message().rfind("baseline.json: ", 0) != 0) Fail("error not naming the file");
    return 0;
  }
  // Without escapes, what loaded is in the input as it is.
  if (input.find('\\') != std::string_view::npos) return 0;
  if (input.find("\"findings\"") == std::string_view::npos) {
    Fail("a report without a findings key loaded");
  }
  for (const std::string& f : b->fingerprints) {
    if (input.find("\"" + f + "\"") == std::string_view::npos)
      Fail("a fingerprint not in the input");
  }
  if (!b->hash_key_id.empty() &&
      input.find("\"" + b->hash_key_id + "\"") == std::string_view::npos) {
    Fail("a key id not in the input");
  }
  return 0;
}
