// RE2 escapes and repeats rewritten for Hyperscan.
#include "match/hyperscan_dialect.h"

#include <gtest/gtest.h>

namespace ctxscan {
namespace {

std::string Hs(const std::string& p, Repeats r = Repeats::kExact) {
  Result<std::string> out = ToHyperscanDialect(p, r);
  return out.ok() ? *out : "ERROR: " + out.status().message();
}

TEST(HyperscanDialect, SpacesMeanWhatRe2Means) {
  EXPECT_EQ(Hs("a\\sb"), "a[\\t\\n\\f\\r ]b");
  EXPECT_EQ(Hs("a\\Sb"), "a[^\\t\\n\\f\\r ]b");
  EXPECT_EQ(Hs("[^\\s\"]"), "[^\\t\\n\\f\\r \"]");
  EXPECT_EQ(Hs("[\\s\\S]{0,9}"), "[\\x00-\\xff]{0,9}");
  EXPECT_EQ(Hs("[\\Sx]"), "(?:[^\\t\\n\\f\\r ]|[x])");
  EXPECT_EQ(Hs("\\v"), "\\x0b");
  EXPECT_EQ(Hs("[^\\S]").rfind("ERROR", 0), 0u);
  EXPECT_EQ(Hs("\\Q\\s\\E"), "\\Q\\s\\E");
  EXPECT_EQ(Hs("[]a]\\s"), "[]a][\\t\\n\\f\\r ]");
  EXPECT_EQ(Hs("[[:alpha:]\\s]"), "[[:alpha:]\\t\\n\\f\\r ]");
}

TEST(HyperscanDialect, RelaxedRepeatsLoseTheirUpperBound) {
  EXPECT_EQ(Hs("a{0,100}b{3}c{2,5}[{]{1,2}\\{0,4}", Repeats::kRelaxed),
            "a{0,}b{3}c{2,}[{]{1,}\\{0,4}");
  EXPECT_EQ(Hs("a{0,100}", Repeats::kExact), "a{0,100}");
}

}  // namespace
}  // namespace ctxscan
