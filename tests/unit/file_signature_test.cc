// File rules' content signatures: a file is flagged by its content whatever
// its name, a deciding signature turns a name-only match into info, a
// signature that may not stand alone only vets names, and a file too large
// to scan is still identified by its start.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ctxscan/findings/scan.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/util/file_system.h"
#include "engine_from_yaml.h"

namespace ctxscan {
namespace {

constexpr char kSignatureRules[] = R"(rules:
  - id: test.token
    name: Test token
    pattern: '\b(?P<secret>tok_[A-Za-z0-9]{20})\b'
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['x tok_FAKEa8d7f6g5h4j3k2l1 y', 'tok_FAKEz9y8x7w6v5u4t3s2']
    negative_examples: ['tok_aaaaaaaaaaaaaaaaaaaa']
  - id: file.store
    name: Key store
    path: ['**/*.jks']
    signature: '\xFE\xED\xFE\xED'
    content_examples: ['\xFE\xED\xFE\xED\x00']
    content_negatives: ['\xFE\xED']
    severity: high
    category: file
    description: d
    remediation: r
    examples: ['a.jks', 'x/b.jks']
    negative_examples: ['a.jks.txt']
  - id: file.archive
    name: Archive
    path: ['**/*.dump']
    signature: 'PGDMP'
    signature_decides: true
    content_examples: ['PGDMP\x01']
    content_negatives: ['REDIS']
    severity: high
    category: file
    description: d
    remediation: r
    examples: ['a.dump', 'x/b.dump']
    negative_examples: ['a.dump.txt']
  - id: file.login
    name: Login store
    path: ['**/Login Data']
    signature: 'SQLite format 3\x00'
    signature_alone: false
    signature_decides: true
    content_examples: ['SQLite format 3\x00\x10']
    content_negatives: ['SQLite format 2']
    severity: high
    category: file
    description: d
    remediation: r
    examples: ['Login Data', 'Default/Login Data']
    negative_examples: ['Login Data.txt']
)";

class FileSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = EngineFromYaml(kSignatureRules);
    ASSERT_NE(engine_, nullptr);
  }

  // "rule@path severity: detail" for each file finding of a scan of `fs`.
  std::vector<std::string> FileFindings(const MemoryFileSystem& fs,
                                        const std::vector<std::string>& paths,
                                        std::uint64_t max_file_size = 50ULL << 20) {
    std::vector<ScanItem> items;
    items.reserve(paths.size());
    for (const std::string& p : paths) {
      items.push_back({p, EntryType::kFile, true, &fs, "", nullptr, 0});
    }
    ScanOptions options;
    options.file.max_file_size = max_file_size;
    const ScanResult r = ScanItems(items, *engine_, options);
    std::vector<std::string> out;
    for (const Finding& f : r.findings) {
      if (f.kind != FindingKind::kFile) continue;
      out.push_back(f.rule->id + "@" + f.locations[0].path + " " +
                    std::string(SeverityName(f.severity)) + ": " + f.detail);
    }
    return out;
  }

  std::unique_ptr<const Engine> engine_;
};

const std::string kJks = std::string("\xFE\xED\xFE\xED\x00\x00\x00\x02", 8) + "FAKE";

TEST_F(FileSignatureTest, ContentIdentifiesAFileWhateverItsName) {
  MemoryFileSystem fs;
  fs.AddFile("certs/client.bin", kJks);
  fs.AddFile("certs/server.jks", kJks);
  fs.AddFile("certs/notes.txt", "FE ED FE ED is the JKS magic");
  EXPECT_EQ(FileFindings(fs, {"certs/client.bin", "certs/notes.txt", "certs/server.jks"}),
            (std::vector<std::string>{
                "file.store@certs/client.bin high: identified by its content, whatever its name",
                "file.store@certs/server.jks high: "}));
}

TEST_F(FileSignatureTest, ADecidingSignatureTurnsANameOnlyMatchIntoInfo) {
  MemoryFileSystem fs;
  fs.AddFile("backups/app.dump", std::string("PGDMP\x01\x0e\x00", 8));
  fs.AddFile("crash/core.dump", std::string("\x7f"
                                            "ELF\x02\x01",
                                            6));
  fs.AddFile("data/app.archive", "PGDMP and more");
  EXPECT_EQ(FileFindings(fs, {"backups/app.dump", "crash/core.dump", "data/app.archive"}),
            (std::vector<std::string>{
                "file.archive@backups/app.dump high: ",
                "file.archive@crash/core.dump info: named like one, but its content is not one: "
                "reported for its name only",
                "file.archive@data/app.archive high: identified by its content, whatever its "
                "name"}));
}

TEST_F(FileSignatureTest, ASignatureThatMayNotStandAloneOnlyVetsNames) {
  MemoryFileSystem fs;
  const std::string sqlite = std::string("SQLite format 3\0\x10\0", 18);
  fs.AddFile("Default/Login Data", sqlite);
  fs.AddFile("Other/Login Data", "not a database");
  fs.AddFile("app/db.sqlite3", sqlite);
  EXPECT_EQ(FileFindings(fs, {"Default/Login Data", "Other/Login Data", "app/db.sqlite3"}),
            (std::vector<std::string>{
                "file.login@Default/Login Data high: ",
                "file.login@Other/Login Data info: named like one, but its content is not one: "
                "reported for its name only"}));
}

TEST_F(FileSignatureTest, AFileTooLargeToScanIsStillIdentifiedByItsStart) {
  MemoryFileSystem fs;
  fs.AddFile("backups/huge.bin", std::string("PGDMP\x01", 6) + std::string(5000, 'x'));
  fs.AddFile("backups/huge.dump", std::string(5000, 'x'));
  EXPECT_EQ(FileFindings(fs, {"backups/huge.bin", "backups/huge.dump"}, 1000),
            (std::vector<std::string>{
                "file.archive@backups/huge.bin high: identified by its content, whatever its name",
                "file.archive@backups/huge.dump info: named like one, but its content is not one: "
                "reported for its name only"}));
}

TEST_F(FileSignatureTest, TheLoaderChecksSignatureFields) {
  const auto error = [](const std::string& rule) {
    Result<std::vector<Rule>> r = ParseRuleFile("rules:\n" + rule, "t.yaml");
    return r.ok() ? std::string() : r.status().message();
  };
  const std::string base =
      "  - id: file.x\n    name: x\n    path: ['*.x']\n    severity: high\n    category: f\n"
      "    description: d\n    remediation: r\n    examples: ['a.x', 'b.x']\n"
      "    negative_examples: ['a.y']\n";
  EXPECT_EQ(error(base), "");
  EXPECT_NE(error(base + "    signature: 'X'\n").find("content_examples and content_negatives"),
            std::string::npos);
  EXPECT_NE(error(base + "    signature_decides: true\n").find("needs a signature"),
            std::string::npos);
  EXPECT_NE(error(base + "    signature: 'X'\n    content_examples: ['\\xZZ']\n"
                         "    content_negatives: ['Y']\n")
                .find("bad escape"),
            std::string::npos);
}

}  // namespace
}  // namespace ctxscan

namespace ctxscan {
namespace {

// The one-pass signature check agrees with every rule asked on its own, on
// every built-in file rule's content examples and negatives, cut to every
// length (a file shorter than a signature needs).
TEST(SignatureSet, AgreesWithEachRuleAlone) {
  Result<std::vector<Rule>> rules = LoadDefaultRules();
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Result<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(rules).value());
  ASSERT_TRUE(set.ok()) << set.status().message();
  std::vector<std::string> texts = {"", "\n", std::string(2000, 'a')};
  for (const FileRule& fr : (*set)->file_rules()) {
    for (const std::string& t : fr.rule->content_examples) {
      texts.push_back(t);
      texts.push_back("\x01" + t);  // a signature holds only at the start
    }
    for (const std::string& t : fr.rule->content_negatives) texts.push_back(t);
  }
  std::size_t hits = 0;
  for (const std::string& full : texts) {
    for (std::size_t len = 0; len <= full.size(); len += 1 + len / 8) {
      const std::string_view head(full.data(), len);
      std::vector<std::uint32_t> alone;
      for (std::uint32_t i = 0; i < (*set)->file_rules().size(); ++i) {
        if ((*set)->file_rules()[i].MatchesContent(head)) alone.push_back(i);
      }
      std::vector<std::uint32_t> together;
      (*set)->MatchSignatures(head, &together);
      EXPECT_EQ(together, alone) << "on " << len << " bytes of an example";
      hits += alone.size();
    }
  }
  EXPECT_GT(hits, 20U) << "the examples should match signatures";
}

}  // namespace
}  // namespace ctxscan
