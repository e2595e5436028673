// Tests for reading a baseline (ParseBaseline, include/ctxscan/findings/suppressions.h):
// the fingerprints of a JSON report, and a clear error naming the file for
// anything else, however the JSON is malformed.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ctxscan/findings/suppressions.h"

namespace ctxscan {
namespace {

TEST(BaselineTest, ReadsTheFingerprintsOfTheFindings) {
  Result<Baseline> b = ParseBaseline(
      R"({"findings": [{"fingerprint": "aa"}, {"fingerprint": 5}, {"rule_id": "x"}, {"fingerprint": "bb"}]})",
      "base.json");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->fingerprints, (std::set<std::string>{"aa", "bb"}));
  EXPECT_EQ(b->hash_key_id, "");  // a report from before reports named their key
}

TEST(BaselineTest, ReadsTheIdOfTheKeyItWasMadeWith) {
  Result<Baseline> b =
      ParseBaseline(R"({"hash_key_id": "0123456789abcdef", "findings": []})", "base.json");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->hash_key_id, "0123456789abcdef");
  b = ParseBaseline(R"({"hash_key_id": 7, "findings": []})", "base.json");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "base.json: \"hash_key_id\" is not a string");
}

TEST(BaselineTest, MalformedJsonIsAnErrorNamingTheFile) {
  for (const char* text : {"", "{", "[1, 2]", R"({"findings": {}})", R"({"findings": [1e999999]})",
                           R"({"n": 123456789012345678901234567890e99999, "findings": []})",
                           "{\"findings\": [\"\xff\"]}"}) {
    Result<Baseline> b = ParseBaseline(text, "base.json");
    ASSERT_FALSE(b.ok()) << text;
    EXPECT_EQ(b.status().message().rfind("base.json: ", 0), 0u) << b.status().message();
  }
}

}  // namespace
}  // namespace ctxscan
