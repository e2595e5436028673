// Tests for include/ctxscan/pipeline/scan_pipeline.h on the standard-input
// source, and for the source interface (src/pipeline/source_reader.h). The
// context and history sources read real directories and repositories:
// tests/e2e/scan_cli_test.py and tests/e2e/git_cli_test.py.
#include "ctxscan/pipeline/scan_pipeline.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "engine_from_yaml.h"
#include "pipeline/source_reader.h"

namespace ctxscan {
namespace {

constexpr std::string_view kRules = R"(rules:
  - id: test.token
    name: Test token
    pattern: '\b(?P<secret>tok_[A-Za-z0-9]{20})\b'
    severity: high
    category: test
    description: d
    remediation: r
    examples: ['x tok_FAKEa8d7f6g5h4j3k2l1 y', 'tok_FAKEz9y8x7w6v5u4t3s2']
    negative_examples: ['tok_short']
  - id: test.weak
    name: Test weak token
    pattern: '\b(?P<secret>weak_[A-Za-z0-9]{12})\b'
    confidence: low
    severity: medium
    category: test
    description: d
    remediation: r
    examples: ['weak_FAKEa8d7f6g5', 'weak_FAKEz9y8x7w6']
    negative_examples: ['weak_short']
)";

class ScanPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = EngineFromYaml(kRules);
    ASSERT_NE(engine_, nullptr);
  }
  ScanRequest Stdin(std::string data) const {
    ScanRequest r;
    r.source = ScanSource::kStdin;
    r.stdin_data = std::move(data);
    r.engine = engine_.get();
    r.hash_key = HashKey{"0123456789abcdef0123456789abcdef", "test"};
    return r;
  }
  std::unique_ptr<const Engine> engine_;
};

TEST_F(ScanPipelineTest, StdinFindingsAreSortedAndFingerprinted) {
  Result<ScanReport> report =
      RunScanPipeline(Stdin("b weak_FAKEa8d7f6g5\na tok_FAKEa8d7f6g5h4j3k2l1\n"));
  ASSERT_TRUE(report.ok()) << report.status().message();
  const std::vector<Finding>& f = report->result.findings;
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule->id, "test.weak");  // line 1 before line 2
  EXPECT_EQ(f[1].rule->id, "test.token");
  EXPECT_EQ(f[0].locations[0].path, "-");
  EXPECT_EQ(f[1].fingerprint.size(), 64u);
  EXPECT_NE(f[0].fingerprint, f[1].fingerprint);
  EXPECT_FALSE(report->context.has_value());
  EXPECT_FALSE(report->history.has_value());
}

TEST_F(ScanPipelineTest, BelowMinimumConfidenceIsLeftOutWithANote) {
  ScanRequest r = Stdin("weak_FAKEa8d7f6g5 tok_FAKEa8d7f6g5h4j3k2l1\n");
  r.min_confidence = Confidence::kMedium;
  Result<ScanReport> report = RunScanPipeline(std::move(r));
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->result.findings.size(), 1u);
  EXPECT_EQ(report->result.findings[0].rule->id, "test.token");
  ASSERT_EQ(report->result.notes.size(), 1u);
  EXPECT_EQ(report->result.notes[0], "1 finding(s) below --min-confidence medium left out");
}

TEST_F(ScanPipelineTest, BaselineSuppressesByFingerprint) {
  Result<ScanReport> first = RunScanPipeline(Stdin("tok_FAKEa8d7f6g5h4j3k2l1\n"));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->result.findings.size(), 1u);
  const std::set<std::string> baseline = {first->result.findings[0].fingerprint};
  ScanRequest r = Stdin("tok_FAKEa8d7f6g5h4j3k2l1\n");
  r.baseline = &baseline;
  Result<ScanReport> second = RunScanPipeline(std::move(r));
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->result.findings.empty());
  EXPECT_EQ(second->result.summary.suppressed_baseline, 1u);
}

TEST_F(ScanPipelineTest, NoEngineIsAnError) {
  ScanRequest r = Stdin("x");
  r.engine = nullptr;
  EXPECT_FALSE(RunScanPipeline(std::move(r)).ok());
}

TEST(SourceReaderTest, EverySourceHasItsOwnReader) {
  const SourceReader* context = &ReaderFor(ScanSource::kContext);
  const SourceReader* stdin_reader = &ReaderFor(ScanSource::kStdin);
  const SourceReader* history = &ReaderFor(ScanSource::kHistory);
  EXPECT_EQ(context, &ContextReader());
  EXPECT_EQ(stdin_reader, &StdinReader());
  EXPECT_EQ(history, &HistoryReader());
  EXPECT_NE(context, stdin_reader);
  EXPECT_NE(context, history);
  EXPECT_NE(stdin_reader, history);
}

TEST_F(ScanPipelineTest, StdinReaderAppendsToWhatTheReportHolds) {
  ScanReport report;
  report.result.notes.push_back("an earlier source's note");
  report.result.summary.files_scanned = 3;
  ScanRequest r = Stdin("tok_FAKEa8d7f6g5h4j3k2l1\n");
  ASSERT_TRUE(StdinReader().Read(r, &report).ok());
  EXPECT_EQ(report.result.findings.size(), 1u);
  EXPECT_EQ(report.result.notes.size(), 1u);
  EXPECT_EQ(report.result.summary.files_scanned, 4u);
  EXPECT_TRUE(r.stdin_data.empty());  // the bytes were moved, not copied
}

TEST(SourceReaderTest, AppendScanResultAddsEveryCount) {
  ScanResult into;
  into.notes = {"a"};
  ScanResult more;
  more.skipped = {{"s", "why"}};
  more.errors = {{"e", "why"}};
  more.notes = {"b"};
  ScanSummary& m = more.summary;
  m.files_scanned = 1;
  m.bytes_scanned = 2;
  m.entries_checked = 3;
  m.skipped_binary = 4;
  m.skipped_too_large = 5;
  m.suppressed_inline = 6;
  m.suppressed_config = 7;
  m.suppressed_baseline = 8;
  m.seconds = 0.5;
  AppendScanResult(more, &into);
  AppendScanResult(more, &into);
  EXPECT_EQ(into.skipped.size(), 2u);
  EXPECT_EQ(into.errors.size(), 2u);
  EXPECT_EQ(into.notes, (std::vector<std::string>{"a", "b", "b"}));
  const ScanSummary& t = into.summary;
  EXPECT_EQ(t.files_scanned, 2u);
  EXPECT_EQ(t.bytes_scanned, 4u);
  EXPECT_EQ(t.entries_checked, 6u);
  EXPECT_EQ(t.skipped_binary, 8u);
  EXPECT_EQ(t.skipped_too_large, 10u);
  EXPECT_EQ(t.suppressed_inline, 12u);
  EXPECT_EQ(t.suppressed_config, 14u);
  EXPECT_EQ(t.suppressed_baseline, 16u);
  EXPECT_DOUBLE_EQ(t.seconds, 1.0);
}

}  // namespace
}  // namespace ctxscan
