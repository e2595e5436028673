// libFuzzer target: analysing any bytes as a compose file must never crash,
// hang or trip a sanitizer, whatever the YAML's shape (aliases, merge keys,
// lists where maps belong). A parse error must name the file; every finding
// must be one of the compose rules, located in the file at a line the input
// has, with an identity (KeyFindings makes fingerprints later), and an env
// file only when it is in the context.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compose/compose_analysis.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("compose_fuzz", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const std::set<std::string> kSent = {"deploy/compose.yaml", ".env", "deploy/app.env",
                                              "app.env", "secrets/db.env"};
  ctxscan::Finding content;
  content.secret = "s3cret";
  content.locations.push_back({});
  content.locations[0].path = "deploy/compose.yaml";
  content.locations[0].line = 3;
  ctxscan::Result<std::vector<ctxscan::Finding>> r =
      ctxscan::AnalyzeCompose("deploy/compose.yaml", input, kSent, {content});
  if (!r.ok()) {
    if (r.status().message().rfind("deploy/compose.yaml", 0) != 0)
      Fail("error not naming the file");
    return 0;
  }
  const auto lines = static_cast<std::uint64_t>(std::count(input.begin(), input.end(), '\n')) + 1;
  for (const ctxscan::Finding& f : *r) {
    if (f.rule == nullptr || f.rule->category != ctxscan::kComposeCategory)
      Fail("not a compose rule");
    if (f.locations.size() != 1 || f.locations[0].path != "deploy/compose.yaml") {
      Fail("not one location in the file");
    }
    if (f.locations[0].line > lines) Fail("a line past the end");
    if (f.identity.empty()) Fail("no identity");
    if (f.rule->id == "compose.env-file-in-context") {
      // The detail names the resolved env file, which must be a sent path.
      if (!f.secret.empty() || std::none_of(kSent.begin(), kSent.end(), [&](const std::string& p) {
            return f.detail.find(" env file " + p + ",") != std::string::npos;
          })) {
        Fail("env file finding without a sent env file");
      }
    } else if (f.secret.empty() || f.secret.find("${") != std::string::npos) {
      Fail("a secret finding without a literal secret");
    }
  }
  return 0;
}
