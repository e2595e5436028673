// libFuzzer target: any bytes as a rule file (`--rules FILE`, .ctxscan.yaml's
// `rules:`) must never crash, hang or trip a sanitizer. An error must name
// the file and a line ("rules.yaml:N: ..."); rules that load must have an
// id, a name, a severity and either a pattern or file paths, and an origin
// in the file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/rule.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("rules_fuzz", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ctxscan::Result<std::vector<ctxscan::Rule>> rules = ctxscan::ParseRuleFile(input, "rules.yaml");
  if (!rules.ok()) {
    if (rules.status().message().rfind("rules.yaml:", 0) != 0) Fail("error not naming the file");
    return 0;
  }
  for (const ctxscan::Rule& r : *rules) {
    if (r.id.empty() || r.name.empty()) Fail("a rule without an id or a name");
    if (r.pattern.empty() && !r.is_file_rule()) Fail("a rule with neither pattern nor paths");
    if (r.origin.rfind("rules.yaml:", 0) != 0) Fail("a rule whose origin is not in the file");
  }
  return 0;
}
