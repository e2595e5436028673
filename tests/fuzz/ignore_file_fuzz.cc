// libFuzzer target: reading a .dockerignore, building the pattern list and
// matching paths with it must never crash, hang or trip a sanitizer, and the
// fast glob matcher must agree with the regexp fallback's verdict shape.
// Input: the ignore file, then "\0", then paths separated by "\n".
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ctxscan/context/build_context.h"
#include "ctxscan/util/ignore_file.h"
#include "ctxscan/util/pattern_matcher.h"
#include "util/go_path.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view ignore = input.substr(0, split);
  const std::string_view paths = split == std::string_view::npos ? "" : input.substr(split + 1);

  ctxscan::Result<std::vector<ctxscan::IgnoreLine>> lines =
      ctxscan::ParseIgnoreFile(ignore, ".dockerignore");
  if (!lines.ok()) return 0;
  ctxscan::Result<ctxscan::PatternMatcher> pm =
      ctxscan::PatternMatcher::Create(*lines, ".dockerignore");
  if (!pm.ok()) return 0;
  ctxscan::MatchInfo parent;
  ctxscan::MatchInfo info;
  std::size_t start = 0;
  while (start <= paths.size()) {
    std::size_t end = paths.find('\n', start);
    if (end == std::string_view::npos) end = paths.size();
    const std::string_view path = paths.substr(start, end - start);
    (void)pm->MatchesOrParentMatches(path);
    // Differential check: each regexp pattern against RE2 running the very
    // regexp Docker builds (valid UTF-8 paths only, where RE2 reads runes as Go does).
    if (ctxscan::go::ValidUtf8(path)) {
      for (const ctxscan::Pattern& p : pm->patterns()) {
        if (p.type() != ctxscan::Pattern::Type::kRegexp || !p.error().empty()) continue;
        RE2::Options options;
        options.set_log_errors(false);
        const RE2 re(p.regexp(), options);
        if (!re.ok()) std::abort();  // compiled by Pattern, so must compile here
        const bool want = RE2::FullMatch(path, re);
        if (want != (p.Match(path) == ctxscan::Pattern::Outcome::kMatch)) std::abort();
      }
    }
    (void)pm->MatchesDeprecated(path);
    (void)pm->MatchUsingParent(path, parent, &info);
    parent.swap(info);
    start = end + 1;
  }
  return 0;
}
