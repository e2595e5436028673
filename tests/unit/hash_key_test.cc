// The report hash key: text keys, and the cache key's creation and checks.
#include "ctxscan/findings/hash_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ctxscan/findings/finding.h"
#include "ctxscan/match/rule.h"
#include "util/hmac.h"

namespace ctxscan {
namespace {

class HashKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string t = ::testing::TempDir() + "/ctxscan-hash-key-XXXXXX";
    ASSERT_NE(::mkdtemp(t.data()), nullptr);
    dir_ = t;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST(ParseHashKey, HexOrText) {
  Result<HashKey> hex = ParseHashKey(std::string(64, 'a'), "CTXSCAN_HASH_KEY");
  ASSERT_TRUE(hex.ok());
  EXPECT_EQ(hex->bytes, std::string(32, '\xaa'));
  Result<HashKey> text = ParseHashKey("a shared CI key, long enough", "CTXSCAN_HASH_KEY");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->bytes, "a shared CI key, long enough");
  Result<HashKey> short_key = ParseHashKey("abc", "CTXSCAN_HASH_KEY");
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.status().message(),
            "CTXSCAN_HASH_KEY: the hash key is too short (3 bytes; at least 16, or 64 hex digits)");
}

TEST_F(HashKeyTest, TheCacheKeyIsCreatedPrivateAndKept) {
  const std::string cache = dir_ + "/cache/ctxscan";
  Result<HashKey> first = LoadHashKey(HashKeySource{"", std::nullopt, cache});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->bytes.size(), 32u);
  EXPECT_EQ(first->origin, cache + "/hash-key");
  struct stat st {};
  ASSERT_EQ(::stat((cache + "/hash-key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(cache.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  Result<HashKey> again = LoadHashKey(HashKeySource{"", std::nullopt, cache});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, first->bytes);
  // The environment and a key file come first.
  Result<HashKey> env = LoadHashKey(HashKeySource{"", std::string(64, '0'), cache});
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->bytes, std::string(32, '\0'));
}

TEST_F(HashKeyTest, AKeyFileOthersMayReadOrOfTheWrongSizeIsAnError) {
  const std::string cache = dir_ + "/ctxscan";
  ASSERT_TRUE(LoadHashKey(HashKeySource{"", std::nullopt, cache}).ok());
  const std::string key = cache + "/hash-key";
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  Result<HashKey> wide = LoadHashKey(HashKeySource{"", std::nullopt, cache});
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.status().message(), key +
                                         ": the hash key file has mode 0644: others may read it "
                                         "(chmod 600 it, or make a new key)");
  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  std::ofstream(key, std::ios::trunc) << "short";
  Result<HashKey> small = LoadHashKey(HashKeySource{"", std::nullopt, cache});
  ASSERT_FALSE(small.ok());
  EXPECT_NE(small.status().message().find(key + ": the hash key file holds 5 bytes, not 32"),
            std::string::npos)
      << small.status().message();
}

TEST_F(HashKeyTest, KeyFileOptionTakesTextOrRawBytesAndNoSymlink) {
  const std::string file = dir_ + "/ci-key";
  std::ofstream(file) << std::string(64, 'b') << "\n";
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  Result<HashKey> k = LoadHashKey(HashKeySource{file, std::string("ignored, the file wins"), ""});
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(k->bytes, std::string(32, '\xbb'));
  const std::string link = dir_ + "/link";
  ASSERT_EQ(::symlink(file.c_str(), link.c_str()), 0);
  EXPECT_FALSE(LoadHashKey(HashKeySource{link, std::nullopt, ""}).ok());
  // No key anywhere.
  Result<HashKey> none = LoadHashKey(HashKeySource{"", std::nullopt, ""});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("CTXSCAN_HASH_KEY"), std::string::npos);
}

// Fingerprints are the baseline contract: a baseline written by one version
// must keep matching in the next. These values were computed with Python's
// hmac module (an independent implementation) from the recipe in finding.h:
// HMAC-SHA256(key, "ctxscan fingerprint v2" NUL rule id NUL secret HMAC NUL
// identity). Changing one breaks every user's baseline.
TEST(HashKeyId, NamesTheKeyWithoutRevealingIt) {
  // Pinned: reports and baselines made by other versions carry it.
  const HashKey key{std::string(32, '\x11'), "test"};
  EXPECT_EQ(HashKeyId(key),
            HmacSha256Hex(key.bytes, "ctxscan report hash key id v1").substr(0, 16));
  EXPECT_EQ(HashKeyId(key).size(), 16u);
  EXPECT_EQ(HashKeyId(HashKey{key.bytes, "elsewhere"}), HashKeyId(key));
  EXPECT_NE(HashKeyId(HashKey{std::string(32, '\x12'), "test"}), HashKeyId(key));
}

TEST(KeyFindings, FingerprintsArePinned) {
  Rule secret_rule;
  secret_rule.id = "github.pat-classic";
  Rule file_rule;
  file_rule.id = "file.dotenv";
  Rule dockerfile_rule;
  dockerfile_rule.id = "dockerfile.secret-in-env";
  std::vector<Finding> findings(3);
  findings[0].rule = &secret_rule;
  findings[0].secret = "ghp_FAKEsecretvalue";
  findings[0].identity = "app/config.py";
  findings[1].rule = &file_rule;
  findings[1].identity = ".env";
  findings[2].rule = &dockerfile_rule;
  findings[2].identity = std::string(
      "Dockerfile\0"
      "12",
      13);
  KeyFindings(HashKey{std::string(32, '\xaa'), "test"}, &findings);
  EXPECT_EQ(findings[0].secret_hmac,
            "c6b8571bcc04b98b2f715ca7371b287018f78f8a53daa1e9d1433e90b20bdc54");
  EXPECT_EQ(findings[0].fingerprint,
            "3708e40523ad078a0ce89fb151c88a4a109e9d6e1e2d463916d1df0e383d3ba3");
  EXPECT_EQ(findings[1].secret_hmac, "");
  EXPECT_EQ(findings[1].fingerprint,
            "59e8276d54def610dc2885e2f6e4aa6de4b907b50ad6afc0abd9a40f84780564");
  EXPECT_EQ(findings[2].fingerprint,
            "f539bbc27475908868e269f690047dbbedec4e6ba2bbb5a358b65ed13ca9c88c");
}

}  // namespace
}  // namespace ctxscan
