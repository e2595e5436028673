// Decoded views: what each decoder produces, that every decoded byte maps
// back to its encoding, and that the file scanner reports secrets found
// decoded at their encoded bytes.
#include "findings/decoded_views.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>

#include "ctxscan/findings/file_scanner.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/util/file_system.h"
#include "findings/decode_triggers.h"

namespace ctxscan {
namespace {

unsigned Byte(char c) { return static_cast<unsigned char>(c); }

std::string Base64(std::string_view in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = Byte(in[i]) << 16 | Byte(in[i + 1]) << 8 | Byte(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = Byte(in[i]) << 16;
    out += std::string{kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v = Byte(in[i]) << 16 | Byte(in[i + 1]) << 8;
    out += std::string{kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63],
                       kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

// The view decoded `how`, or null.
const DecodedView* ViewOf(const std::vector<DecodedView>& views, std::string_view how) {
  for (const DecodedView& v : views) {
    if (how == v.how) return &v;
  }
  return nullptr;
}

// The original bytes a decoded substring came from.
std::string_view Source(std::string_view data, const DecodedView& v, std::string_view decoded) {
  const std::size_t at = v.text.find(decoded);
  EXPECT_NE(at, std::string::npos) << decoded;
  if (at == std::string::npos) return {};
  const std::uint64_t begin = v.origin[at];
  const std::uint64_t end = v.origin[at + decoded.size()];
  return data.substr(begin, end - begin);
}

TEST(DecodedViews, PlainTextHasNone) {
  EXPECT_TRUE(DecodeViews("password = os.environ['DB']\nx = 'a\\tb'\n100%\n").empty());
}

TEST(DecodedViews, UnescapesJsonInsideAString) {
  const std::string data = "x\nbody: \"{\\\"awsSecretKey\\\":\\\"FAKEq8Lp3Vx7\\\"}\"\ny\n";
  const std::vector<DecodedView> views = DecodeViews(data);
  const DecodedView* v = ViewOf(views, "escaped");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->text.find("{\"awsSecretKey\":\"FAKEq8Lp3Vx7\"}"), std::string::npos) << v->text;
  EXPECT_EQ(Source(data, *v, "\"FAKEq8Lp3Vx7\""), "\\\"FAKEq8Lp3Vx7\\\"");
  EXPECT_EQ(v->origin.size(), v->text.size() + 1);
}

TEST(DecodedViews, AnEscapedLineIsDecodedWholeAfterOtherBackslashes) {
  // Backslashes that start no escape the view looks for (\d, \x, \0) come
  // first on the line: the view still starts at the line's start.
  const std::string data =
      "a\\b\n"
      "dir = 'C:\\data\\x'; t = '\\0'; body = \"{\\\"token\\\":\\\"FAKEq8Lp3Vx7\\\"}\"\n";
  const std::vector<DecodedView> views = DecodeViews(data);
  const DecodedView* v = ViewOf(views, "escaped");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->text.rfind("dir = 'C:\\data\\x';", 0), 0u) << v->text;
  EXPECT_EQ(v->origin.front(), data.find("dir"));
  EXPECT_NE(v->text.find("{\"token\":\"FAKEq8Lp3Vx7\"}"), std::string::npos) << v->text;
}

// The escaped view of `data`, which must hold the test key joined whole.
const DecodedView* JoinedKeyView(const std::vector<DecodedView>& views) {
  const DecodedView* v = ViewOf(views, "escaped");
  EXPECT_NE(v, nullptr);
  if (v == nullptr) return nullptr;
  EXPECT_NE(v->text.find("-----BEGIN TEST KEY-----\nFAKEabc123\n-----END TEST KEY-----"),
            std::string::npos)
      << v->text;
  return v;
}

TEST(DecodedViews, JoinsAKeySplitAcrossConcatenation) {
  const std::string data =
      "const key = \"-----BEGIN TEST KEY-----\\n\" +\n"
      "    \"FAKEabc123\\n\" +\n"
      "    \"-----END TEST KEY-----\";\nother();\n";
  (void)JoinedKeyView(DecodeViews(data));
}

// PHP and Perl join strings with '.'.
TEST(DecodedViews, JoinsAKeySplitAcrossDotConcatenation) {
  const std::string data =
      "$key =\n    \"-----BEGIN TEST KEY-----\\n\" .\n"
      "    \"FAKEabc123\\n\" .\n"
      "    \"-----END TEST KEY-----\";\nother();\n";
  (void)JoinedKeyView(DecodeViews(data));
}

// Python and C join string literals that stand next to each other (here
// inside parentheses, one per line).
TEST(DecodedViews, JoinsAKeySplitAcrossAdjacentLiterals) {
  const std::string data =
      "KEY = (\n    \"-----BEGIN TEST KEY-----\\n\"\n"
      "    \"FAKEabc123\\n\"\n"
      "    \"-----END TEST KEY-----\\n\"\n)\nother = \"x\"\n";
  const std::vector<DecodedView> views = DecodeViews(data);
  const DecodedView* v = JoinedKeyView(views);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(Source(data, *v, "FAKEabc123\n-----END"), "FAKEabc123\\n\"\n    \"-----END");
}

// A sentence ending in '.' or two literals on separate statements are no
// concatenation.
TEST(DecodedViews, DoesNotJoinSeparateStatements) {
  const std::string data =
      "a = \"x\\n\"\nb = \"y\"\nc = \"-----BEGIN TEST KEY-----\\n\"\nd = \"FAKE\"\n";
  const std::vector<DecodedView> views = DecodeViews(data);
  const DecodedView* v = ViewOf(views, "escaped");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->text.find("-----BEGIN TEST KEY-----\nFAKE"), std::string::npos) << v->text;
}

TEST(DecodedViews, UrlDecodes) {
  const std::string data = "next=postgres%3A%2F%2Fapp%3AFAKEpw9x%40db%2Fapp&x=1\n";
  const std::vector<DecodedView> views = DecodeViews(data);
  const DecodedView* v = ViewOf(views, "url-encoded");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->text.find("postgres://app:FAKEpw9x@db/app"), std::string::npos);
  EXPECT_EQ(Source(data, *v, "FAKEpw9x@"), "FAKEpw9x%40");
}

TEST(DecodedViews, Base64WrappedPemAndKubernetesSecretData) {
  const std::string pem =
      "-----BEGIN TEST KEY-----\nFAKEabc123FAKEdef456\n-----END TEST KEY-----\n";
  const std::string data = "ca: " + Base64(pem) + "\n---\nkind: Secret\ndata:\n  api-token: " +
                           Base64("tok_FAKEa8d7f6g5h4j3k2l1") + "\n  other: !!!\nmeta: x\n";
  const std::vector<DecodedView> views = DecodeViews(data);
  const DecodedView* v = ViewOf(views, "base64");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->text.find(pem), std::string::npos) << v->text;
  EXPECT_NE(v->text.find("api-token: tok_FAKEa8d7f6g5h4j3k2l1\n"), std::string::npos) << v->text;
  EXPECT_EQ(Source(data, *v, "api-token: "), "api-token: ");
  // Binary base64 (a hash) is not text: no view of it.
  EXPECT_TRUE(DecodeViews("integrity: LS0tLS" + std::string(80, '/') + "\n").empty());
}

// The triggers of `data` found by testing every position against their
// definitions one at a time: what FindDecodeTriggers's pass must find.
std::vector<DecodeTriggerAt> TriggersOneByOne(std::string_view data) {
  auto hex = [&](std::size_t i) {
    return i < data.size() && std::isxdigit(static_cast<unsigned char>(data[i])) != 0;
  };
  std::vector<DecodeTriggerAt> out;
  for (std::size_t p = 0; p < data.size(); ++p) {
    const std::string_view rest = data.substr(p);
    if (rest.size() >= 2 && rest[0] == '\\' &&
        std::string_view("\"/un").find(rest[1]) != std::string_view::npos) {
      out.push_back({p, DecodeTrigger::kEscape});
    } else if (rest[0] == '%' && hex(p + 1) && hex(p + 2)) {
      out.push_back({p, DecodeTrigger::kPercentHex});
    } else if (rest.substr(0, 6) == "LS0tLS") {
      out.push_back({p, DecodeTrigger::kBase64Dashes});
    } else if (rest.substr(0, 12) == "kind: Secret") {
      out.push_back({p, DecodeTrigger::kKubernetesSecret});
    }
  }
  return out;
}

// Every pass this machine runs; the vector passes must be there on x86-64
// (SSE2 always, AVX2 on the machines CI runs on).
const std::vector<DecodeTriggerPass> kPasses = {DecodeTriggerPass::kBest, DecodeTriggerPass::kAvx2,
                                                DecodeTriggerPass::kSse2,
                                                DecodeTriggerPass::kByteByByte};

TEST(DecodeTriggers, VectorPassesRunHere) {
#if defined(__x86_64__)
  EXPECT_TRUE(IsAvailable(DecodeTriggerPass::kSse2));
  if (!IsAvailable(DecodeTriggerPass::kAvx2)) GTEST_SKIP() << "this CPU has no AVX2";
#else
  GTEST_SKIP() << "no vector pass on this architecture; the byte-by-byte pass runs";
#endif
}

// Random text made of the triggers' pieces and a few other bytes, so that
// triggers, near misses and overlaps fall at every offset of the pass's
// 16-byte blocks and in the tail it tests byte by byte.
TEST(DecodeTriggers, FindsWhatTestingEveryPositionFinds) {
  const std::vector<std::string> pieces = {
      "\\", "\"",           "/",      "u", "n", "%",  "4", "f",    "G",  "LS0tLS", "LS0", "L", "S",
      "0",  "kind: Secret", "kind: ", "k", "x", "\n", " ", "\xff", "tLS"};
  std::mt19937 rng(20261207);
  std::size_t triggers = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string data;
    const std::size_t n = rng() % (round % 10 == 0 ? 400 : 40);
    for (std::size_t i = 0; i < n; ++i) data += pieces[rng() % pieces.size()];
    const std::vector<DecodeTriggerAt> want = TriggersOneByOne(data);
    triggers += want.size();
    for (const DecodeTriggerPass pass : kPasses) {
      ASSERT_EQ(FindDecodeTriggers(data, pass), want) << static_cast<int>(pass) << ": " << data;
    }
  }
  EXPECT_GT(triggers, 10000u);  // the input exercised the pass
}

TEST(DecodeTriggers, EachKind) {
  const std::string data = "a\\\"b %2Fc %zz LS0tLSx kind: Secret \\";
  const std::vector<DecodeTriggerAt> want = {{1, DecodeTrigger::kEscape},
                                             {5, DecodeTrigger::kPercentHex},
                                             {14, DecodeTrigger::kBase64Dashes},
                                             {22, DecodeTrigger::kKubernetesSecret}};
  for (const DecodeTriggerPass pass : kPasses) {
    EXPECT_EQ(FindDecodeTriggers(data, pass), want) << static_cast<int>(pass);
    EXPECT_EQ(FindDecodeTriggers(std::string(1000, 'k') + "kind: Secre", pass).size(), 0u);
  }
}

class DecodedScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::vector<Rule>> rules = ParseRuleFile(R"(rules:
  - id: test.token
    name: Test token
    pattern: '\b(?P<secret>tok_[A-Za-z0-9]{20})\b'
    min_entropy: 3
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['x tok_FAKEa8d7f6g5h4j3k2l1 y', 'tok_FAKEz9y8x7w6v5u4t3s2']
    negative_examples: ['tok_aaaaaaaaaaaaaaaaaaaa']
  - id: test.key
    name: Test key block
    pattern: '(?P<secret>-----BEGIN TEST KEY-----[A-Za-z0-9\n]{10,1000}-----END TEST KEY-----)'
    severity: critical
    category: test
    description: d
    remediation: r
    examples: ["-----BEGIN TEST KEY-----\nFAKEabc123\n-----END TEST KEY-----", "-----BEGIN TEST KEY-----FAKEFAKE12-----END TEST KEY-----"]
    negative_examples: ['-----BEGIN TEST KEY----------END TEST KEY-----']
)",
                                                    "test.yaml");
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(rules).value());
    ASSERT_TRUE(set.ok()) << set.status().message();
    Result<std::unique_ptr<const Engine>> e = Engine::Create(*set, EngineOptions{"", false});
    ASSERT_TRUE(e.ok()) << e.status().message();
    engine_ = std::move(e).value();
  }
  std::unique_ptr<const Engine> engine_;
};

TEST_F(DecodedScanTest, ReportsDecodedSecretsAtTheirEncodedBytes) {
  const std::string pem = "-----BEGIN TEST KEY-----\nFAKEabc123FAKEdef456\n-----END TEST KEY-----";
  const std::string b64 = Base64(pem);
  const std::string data = "a: 1\nkey: " + b64 + "\nplain tok_FAKEz9y8x7w6v5u4t3s2\n" +
                           "s = \"-----BEGIN TEST KEY-----\\n\" +\n  \"FAKEq1w2e3r4\\n\" +\n" +
                           "  \"-----END TEST KEY-----\"\n";
  MemoryFileSystem fs;
  fs.AddFile("f.yaml", data);
  FileScanner scanner(*engine_, FileScanOptions{});
  const FileScanResult r = scanner.Scan(fs, "f.yaml");
  ASSERT_EQ(r.matches.size(), 3u);
  // The base64 PEM: line 2, at the base64, covering it; the secret decoded.
  EXPECT_EQ(r.matches[0].rule, 1u);
  EXPECT_EQ(r.matches[0].line, 2u);
  EXPECT_EQ(r.matches[0].column, 6u);
  EXPECT_EQ(r.matches[0].secret, pem);
  EXPECT_EQ(r.matches[0].line_text.substr(r.matches[0].secret_offset, r.matches[0].secret_length),
            b64);
  // The plain token is found once, by the plain scan.
  EXPECT_EQ(r.matches[1].rule, 0u);
  EXPECT_EQ(r.matches[1].line, 3u);
  // The joined key: at its first line's opening.
  EXPECT_EQ(r.matches[2].rule, 1u);
  EXPECT_EQ(r.matches[2].line, 4u);
  EXPECT_EQ(r.matches[2].secret, "-----BEGIN TEST KEY-----\nFAKEq1w2e3r4\n-----END TEST KEY-----");
}

}  // namespace
}  // namespace ctxscan
