// Post-match filters: entropy, placeholders, structural validators.
#include "ctxscan/match/filters.h"

#include <gtest/gtest.h>

namespace ctxscan {
namespace {

TEST(Filters, ShannonEntropy) {
  EXPECT_DOUBLE_EQ(ShannonEntropy(""), 0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("abab"), 1);
  EXPECT_NEAR(ShannonEntropy("0123456789abcdef"), 4, 1e-9);
  EXPECT_GT(ShannonEntropy("FAKE8aspm4G7VmSUfOoD6V1vrORcmn2z9wCl"), 4.5);
}

TEST(Filters, PlaceholdersAreRecognised) {
  for (const char* p :
       {"", "changeme", "\"${DB_PASSWORD}\"", "$TOKEN", "{{ .Values.token }}", "<your-api-key>",
        "xxxxxxxxxxxx", "********", "AKIAIOSFODNN7EXAMPLE", "your_token_here", "true", "null",
        "00000000", "12345678", "%API_KEY%", "[secret]", "replace_me"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  for (const char* s : {"Xq7vLp2mWz9RkT4s", "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",
                        "s3cr3t-Pa55w0rd!", "9f86d081884c7d65"}) {
    EXPECT_FALSE(LooksLikePlaceholder(s)) << s;
  }
}

TEST(Filters, Base62Crc32) {
  // Made with scripts/fake-token.py (CRC32 of the random part, base62).
  EXPECT_TRUE(RunValidator("base62-crc32", "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"));
  EXPECT_TRUE(RunValidator("base62-crc32", "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"));
  EXPECT_FALSE(RunValidator("base62-crc32", "ghp_FAKE8aspm4G7VmSUfOoD6V1vrORcmn2z9wCm"));
  EXPECT_FALSE(RunValidator("base62-crc32", "ghp_"));
  EXPECT_FALSE(RunValidator("no-such-validator", "x"));
}

TEST(Filters, JwtShape) {
  // {"alg":"HS256","typ":"JWT"} . {"sub":"fake"} . signature
  EXPECT_TRUE(
      RunValidator("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJl"));
  EXPECT_FALSE(RunValidator("jwt", "eyJzdWIiOiJmYWtlIn0.eyJzdWIiOiJmYWtlIn0.c2ln"));  // no alg
  EXPECT_FALSE(RunValidator("jwt", "eyJhbGciOiJIUzI1NiJ9"));
}

}  // namespace
}  // namespace ctxscan
