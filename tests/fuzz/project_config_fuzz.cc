// libFuzzer target: any bytes as .ctxscan.yaml must never crash, hang or
// trip a sanitizer. An error must name the file; a config that loads keeps
// one text per path pattern, lowercase stopwords, and extra rule paths
// resolved against the base directory.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ctxscan/findings/suppressions.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("project_config_fuzz", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ctxscan::Result<ctxscan::ProjectConfig> c =
      ctxscan::ParseProjectConfig(input, ".ctxscan.yaml", "/nonexistent/base");
  if (!c.ok()) {
    if (c.status().message().rfind(".ctxscan.yaml", 0) != 0) Fail("error not naming the file");
    return 0;
  }
  if (c->allow_paths.size() != c->allow_path_texts.size()) Fail("paths and their texts differ");
  for (const std::string& w : c->stopwords) {
    for (char ch : w) {
      if (ch >= 'A' && ch <= 'Z') Fail("a stopword not lowercased");
    }
  }
  for (const std::string& p : c->extra_rules) {
    if (p.empty() || p[0] != '/') Fail("an extra rule path not resolved");
  }
  return 0;
}
