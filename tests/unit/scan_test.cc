// Scanning files: chunk boundaries, binary and size skips, inline
// suppressions, deduplication, file rules, thread-count invariance.
#include "ctxscan/findings/scan.h"

#include <gtest/gtest.h>

#include <random>

#include "ctxscan/findings/file_scanner.h"
#include "ctxscan/findings/hash_key.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/util/file_system.h"
#include "engine_from_yaml.h"

namespace ctxscan {
namespace {

constexpr char kRules[] = R"(rules:
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
    examples: ["-----BEGIN TEST KEY-----\nFAKEabc123\nFAKEdef456\n-----END TEST KEY-----", "-----BEGIN TEST KEY-----FAKEFAKE12-----END TEST KEY-----"]
    negative_examples: ['-----BEGIN TEST KEY----------END TEST KEY-----']
  - id: file.dotenv
    name: dotenv file
    path: ['**/.env']
    severity: medium
    category: file
    description: d
    remediation: r
    examples: ['.env', 'a/.env']
    negative_examples: ['.env.example']
  - id: file.pem
    name: PEM holding a key
    path: ['**/*.pem']
    requires_content: test.key
    severity: high
    category: file
    description: d
    remediation: r
    examples: ['a.pem', 'x/b.pem']
    negative_examples: ['a.pem.txt']
)";

class ScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = EngineFromYaml(kRules);
    ASSERT_NE(engine_, nullptr);
  }
  std::unique_ptr<const Engine> engine_;
};

// `prefix` and random letters and digits up to `size` characters.
std::string RandomText(std::mt19937* rng, std::string prefix, std::size_t size) {
  static const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  while (prefix.size() < size) prefix += kAlnum[std::uniform_int_distribution<int>(0, 61)(*rng)];
  return prefix;
}

std::string Token(std::mt19937* rng) { return RandomText(rng, "tok_FAKE", 24); }

// A scan without scratch space (MakeScratch failed and the caller went on)
// is an error the caller can report, not a crash.
TEST_F(ScanTest, EngineScanWithoutScratchIsAnError) {
  std::vector<RuleMatch> matches;
  const Status s = engine_->Scan("x tok_FAKEa8d7f6g5h4j3k2l1 y", nullptr, &matches);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("scratch"), std::string::npos) << s.message();
  EXPECT_TRUE(matches.empty());
}

TEST_F(ScanTest, ChunkBoundariesFindEverySecretOnce) {
  std::mt19937 rng(5);
  std::string data;
  while (data.size() < 600 * 1024) {
    const int pick = std::uniform_int_distribution<int>(0, 99)(rng);
    if (pick < 2) {
      data += Token(&rng);
    } else if (pick < 3) {
      // A random body: one character repeated is a placeholder, not a key.
      data +=
          "-----BEGIN TEST KEY-----\n" + RandomText(&rng, "FAKE", 904) + "\n-----END TEST KEY-----";
    } else if (pick < 10) {
      data += '\n';
    } else {
      data += "lorem ";
    }
  }
  MemoryFileSystem fs;
  fs.AddFile("big.txt", data);
  FileScanner whole(*engine_, FileScanOptions{64u << 20, false, 64u << 20});
  const FileScanResult expected = whole.Scan(fs, "big.txt");
  ASSERT_GT(expected.matches.size(), 100u);
  // Small chunks: many boundaries, some through tokens and key blocks.
  for (std::size_t chunk : {std::size_t{1}, std::size_t{70000}, std::size_t{123457}}) {
    FileScanner chunked(*engine_, FileScanOptions{64u << 20, false, chunk});
    const FileScanResult got = chunked.Scan(fs, "big.txt");
    ASSERT_EQ(got.matches.size(), expected.matches.size()) << chunk;
    for (std::size_t i = 0; i < got.matches.size(); ++i) {
      EXPECT_EQ(got.matches[i].offset, expected.matches[i].offset);
      EXPECT_EQ(got.matches[i].line, expected.matches[i].line) << i;
      EXPECT_EQ(got.matches[i].column, expected.matches[i].column) << i;
      EXPECT_EQ(got.matches[i].secret, expected.matches[i].secret);
    }
  }
}

TEST_F(ScanTest, SkipsBinaryAndLargeFilesAndHonoursInlineAllow) {
  MemoryFileSystem fs;
  fs.AddFile("bin", std::string("\0\1\2", 3) + "tok_FAKEa8d7f6g5h4j3k2l1");
  fs.AddFile("big", std::string(2000, 'x'));
  fs.AddFile("ok.txt", "a tok_FAKEa8d7f6g5h4j3k2l1\nb tok_FAKEz9y8x7w6v5u4t3s2 # ctxscan:allow\n");
  std::vector<ScanItem> items;
  for (const char* p : {"bin", "big", "ok.txt"})
    items.push_back({p, EntryType::kFile, true, &fs, "", nullptr, 0});
  ScanOptions options;
  options.file.max_file_size = 1000;
  const ScanResult r = ScanItems(items, *engine_, options);
  EXPECT_EQ(r.summary.skipped_binary, 1u);
  EXPECT_EQ(r.summary.skipped_too_large, 1u);
  EXPECT_EQ(r.summary.suppressed_inline, 1u);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].locations[0].path, "ok.txt");
  EXPECT_EQ(r.findings[0].locations[0].line, 1u);
  EXPECT_EQ(r.findings[0].locations[0].column, 3u);
  options.file.scan_binary = true;
  EXPECT_EQ(ScanItems(items, *engine_, options).findings[0].locations.size(), 2u);
}

TEST_F(ScanTest, DeduplicatesBySecretAndFileRulesNeedContent) {
  MemoryFileSystem fs;
  fs.AddFile("a.txt", "tok_FAKEa8d7f6g5h4j3k2l1");
  fs.AddFile("b.txt", "x\ny tok_FAKEa8d7f6g5h4j3k2l1");
  fs.AddFile(".env", "A=1");
  fs.AddFile("cert.pem", "-----BEGIN CERTIFICATE-----");
  fs.AddFile("key.pem", "-----BEGIN TEST KEY-----FAKEFAKE12-----END TEST KEY-----");
  std::vector<ScanItem> items;
  for (const char* p : {".env", "a.txt", "b.txt", "cert.pem", "key.pem"}) {
    items.push_back({p, EntryType::kFile, true, &fs, "", nullptr, 0});
  }
  ScanResult r = ScanItems(items, *engine_, ScanOptions{});
  std::vector<std::string> got;
  for (const Finding& f : r.findings)
    got.push_back(f.rule->id + "@" + f.locations[0].path + "x" +
                  std::to_string(f.locations.size()));
  EXPECT_EQ(got, (std::vector<std::string>{"file.dotenv@.envx1", "test.token@a.txtx2",
                                           "file.pem@key.pemx1", "test.key@key.pemx1"}));
  ScanOptions no_dedup;
  no_dedup.dedup = false;
  r = ScanItems(items, *engine_, no_dedup);
  EXPECT_EQ(r.findings.size(), 5u);
  KeyFindings(HashKey{std::string(32, 'k'), "test"}, &r.findings);
  EXPECT_NE(r.findings[1].fingerprint, r.findings[2].fingerprint);
}

TEST_F(ScanTest, SameFindingsAtAnyThreadCount) {
  MemoryFileSystem fs;
  std::mt19937 rng(9);
  std::vector<ScanItem> items;
  for (int i = 0; i < 400; ++i) {
    const std::string path = "f" + std::to_string(i);
    std::string content = "line\n" + Token(&rng) + "\n";
    if (i % 7 == 0) content += Token(&rng);
    fs.AddFile(path, content);
    items.push_back({path, EntryType::kFile, true, &fs, "", nullptr, 0});
  }
  auto signature = [&](int threads) {
    ScanOptions o;
    o.threads = threads;
    std::string s;
    std::vector<Finding> findings = ScanItems(items, *engine_, o).findings;
    KeyFindings(HashKey{std::string(32, 'k'), "test"}, &findings);
    for (const Finding& f : findings) {
      s += f.fingerprint;
      for (const Location& l : f.locations) s += l.path + ":" + std::to_string(l.line) + ";";
    }
    return s;
  };
  const std::string one = signature(1);
  EXPECT_FALSE(one.empty());
  for (int t : {2, 4, 9}) EXPECT_EQ(signature(t), one) << t;
}

// Items made batch by batch (git history) give what the whole list gives:
// the same findings with every location, skips and counts, across batches.
TEST_F(ScanTest, ItemsMadeInBatchesScanAsOneList) {
  MemoryFileSystem fs;
  std::mt19937 rng(11);
  std::vector<ScanItem> items;
  const std::size_t count = 2 * kScanBatchItems + 77;
  const std::string shared = Token(&rng);  // one secret in every batch
  for (std::size_t i = 0; i < count; ++i) {
    const std::string path = "d/f" + std::to_string(i);
    std::string content = "x\n";
    if (i % 5000 == 0) content += shared + "\n";
    if (i % 3001 == 0) content += Token(&rng) + "\n";
    if (i % 9000 == 1) content = std::string("\0bin", 4);
    fs.AddFile(path, content);
    items.push_back({path, EntryType::kFile, true, &fs, "", nullptr, 0});
  }
  ScanOptions o;
  o.threads = 2;
  const ScanResult whole = ScanItems(items, *engine_, o);
  // Handed over in batches of uneven sizes, as a history walk does.
  class Source : public ScanItemSource {
   public:
    explicit Source(const std::vector<ScanItem>& items) : items_(items) {}
    bool Next(std::vector<ScanItem>* batch) override {
      const std::size_t sizes[] = {1, kScanBatchItems, 1000, 17};
      const std::size_t n = std::min(sizes[calls_++ % 4], items_.size() - made_);
      for (std::size_t i = 0; i < n; ++i) batch->push_back(items_[made_++]);
      return n > 0;
    }
    std::uint64_t Produced(bool* complete) const override {
      *complete = made_ == items_.size();
      return made_;
    }
    std::size_t made_ = 0;

   private:
    const std::vector<ScanItem>& items_;
    std::size_t calls_ = 0;
  } source(items);
  const ScanResult batched = ScanItemsFromSource(source, *engine_, o);
  EXPECT_EQ(source.made_, count);
  auto describe = [](const ScanResult& r) {
    std::string s;
    for (const Finding& f : r.findings) {
      s += f.rule->id + "=" + f.secret + ":";
      for (const Location& l : f.locations) s += l.path + "@" + std::to_string(l.line) + ",";
      s += "\n";
    }
    for (const SkippedFile& k : r.skipped) s += "skip " + k.path + " " + k.reason + "\n";
    s += std::to_string(r.summary.files_scanned) + " " + std::to_string(r.summary.bytes_scanned) +
         " " + std::to_string(r.summary.entries_checked);
    return s;
  };
  EXPECT_EQ(describe(batched), describe(whole));
  ASSERT_FALSE(whole.findings.empty());
  bool shared_everywhere = false;
  for (const Finding& f : whole.findings) shared_everywhere |= f.locations.size() == 7;
  EXPECT_TRUE(shared_everywhere);  // count / 5000 + 1 locations, from three batches
  EXPECT_EQ(whole.summary.skipped_binary, 4u);
}

}  // namespace
}  // namespace ctxscan

namespace ctxscan {
namespace {

// Batches of one scan merged: the finding is as credible as its most
// credible part, and its lowered bits and detail go with that confidence.
TEST(MergeFindings, OneFindingPerRuleAndSecretAsCredibleAsItsBestPart) {
  Rule rule;
  rule.id = "t.token";
  auto finding = [&](std::string path, Confidence c, std::uint8_t lowered, std::string detail,
                     Severity severity) {
    Finding f;
    f.rule = &rule;
    f.secret = "tok_FAKEmerge1234567890";
    f.confidence = c;
    f.lowered = lowered;
    f.detail = std::move(detail);
    f.severity = severity;
    f.locations.push_back({});
    f.locations[0].path = std::move(path);
    return f;
  };
  std::vector<Finding> findings;
  findings.push_back(finding("b/test.txt", Confidence::kMedium, 4, "confidence medium: a test path",
                             Severity::kHigh));
  findings.push_back(finding("a/app.txt", Confidence::kHigh, 0, "", Severity::kMedium));
  Finding file = finding("c/.env", Confidence::kMedium, 0, "", Severity::kMedium);
  file.secret.clear();
  findings.push_back(file);
  MergeFindings(true, &findings);
  ASSERT_EQ(findings.size(), 2U);
  const Finding& merged = findings[0];
  ASSERT_EQ(merged.locations.size(), 2U);
  EXPECT_EQ(merged.locations[0].path, "a/app.txt");
  EXPECT_EQ(merged.identity, "a/app.txt");
  EXPECT_EQ(merged.confidence, Confidence::kHigh);
  EXPECT_EQ(merged.lowered, 0);
  EXPECT_EQ(merged.detail, "");  // no longer explains a confidence it does not have
  EXPECT_EQ(merged.severity, Severity::kHigh);
  EXPECT_EQ(findings[1].locations[0].path, "c/.env");
  // Without deduplication nothing is merged.
  std::vector<Finding> apart = {finding("x", Confidence::kHigh, 0, "", Severity::kHigh),
                                finding("y", Confidence::kHigh, 0, "", Severity::kHigh)};
  MergeFindings(false, &apart);
  EXPECT_EQ(apart.size(), 2U);
}

}  // namespace
}  // namespace ctxscan
