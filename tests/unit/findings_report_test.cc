// The JSON report is streamed in pieces (WriteJson) and reads the same as
// the whole report rendered at once (RenderJson).
#include "ctxscan/report/findings_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ctxscan/match/rule.h"
#include "ctxscan/report/report_formats.h"

namespace ctxscan {
namespace {

TEST(FindingsReport, JsonIsStreamedInPiecesThatJoinToTheWholeReport) {
  Rule rule;
  rule.id = "test.token";
  rule.name = "Test token";
  ScanResult result;
  // Enough locations for several 1 MiB pieces.
  for (int i = 0; i < 40; ++i) {
    Finding f;
    f.rule = &rule;
    f.secret = "tok_FAKE" + std::to_string(i);
    f.secret_hmac = std::string(64, 'a');
    for (int k = 0; k < 1000; ++k) {
      Location l;
      l.path = "dir/file" + std::to_string(k) + ".txt";
      l.line = static_cast<std::size_t>(k + 1);
      l.column = 1;
      f.locations.push_back(l);
    }
    result.findings.push_back(std::move(f));
  }
  ReportInfo info;
  info.target = "dir";
  std::vector<std::size_t> sizes;
  std::string joined;
  ASSERT_TRUE(WriteJson(result, info, [&](std::string_view piece) {
                sizes.push_back(piece.size());
                joined += piece;
                return Status::Ok();
              }).ok());
  EXPECT_GT(sizes.size(), 2u);
  for (std::size_t i = 0; i + 1 < sizes.size(); ++i) EXPECT_LT(sizes[i], 2u << 20);
  EXPECT_EQ(joined, RenderJson(result, info));
  // A sink's error stops the report and is returned.
  int calls = 0;
  const Status failed = WriteJson(result, info, [&](std::string_view) {
    ++calls;
    return Status::Error("report.json: No space left on device");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.message(), "report.json: No space left on device");
  EXPECT_EQ(calls, 1);
}

TEST(ReportFormats, OneTableGivesTheNamesTheHelpAndTheRenderers) {
  EXPECT_EQ(ReportFormatNames(),
            (std::vector<std::string>{"text", "json", "jsonl", "sarif", "github", "junit", "gitlab",
                                      "markdown", "html"}));
  EXPECT_EQ(ReportFormatHelp(),
            "text (default), json, jsonl, sarif, github (workflow annotations), junit, gitlab "
            "(secret detection report), markdown (a summary for a CI job's page) or html (one "
            "self-contained page)");
  for (const ReportFormat& f : ReportFormats()) {
    ASSERT_NE(f.render, nullptr) << f.name;
    EXPECT_EQ(FindReportFormat(f.name), &f);
  }
  EXPECT_EQ(FindReportFormat("yaml"), nullptr);
  // Only JSON streams, and its stream is its rendering in pieces.
  Rule rule;
  rule.id = "test.token";
  rule.name = "Test token";
  ScanResult result;
  Finding f;
  f.rule = &rule;
  f.secret = "tok_FAKE1";
  f.locations.push_back(Location{});
  result.findings.push_back(f);
  ReportInfo info;
  for (const ReportFormat& format : ReportFormats()) {
    if (format.stream == nullptr) continue;
    EXPECT_EQ(format.name, "json");
    std::string joined;
    ASSERT_TRUE(format
                    .stream(result, info,
                            [&](std::string_view piece) {
                              joined += piece;
                              return Status::Ok();
                            })
                    .ok());
    EXPECT_EQ(joined, format.render(result, info));
  }
}

TEST(MarkdownReport, HostileNamesCannotBreakTheTableOrInjectMarkup) {
  Rule rule;
  rule.id = "test.token";
  rule.name = "Test token";
  ScanResult result;
  Finding f;
  f.rule = &rule;
  f.severity = Severity::kHigh;
  f.secret = "tok_FAKEa1b2c3d4e5f6g7h8";
  Location l;
  l.path = "a|b\n| x | <img src=x onerror=alert(1)> [click](https://evil.example)`.env";
  l.line = 3;
  f.locations.push_back(l);
  result.findings.push_back(f);
  ReportInfo info;
  info.mode = "directory";
  info.target = "ctx";
  const std::string md = RenderMarkdown(result, info);
  EXPECT_NE(md.find("## ctxscan: 1 finding\n"), std::string::npos) << md;
  // Rows starting "| high |": the count table's (2 cells) and the location's
  // (4 cells); a cell separator is an unescaped '|'.
  std::vector<std::size_t> separators;
  for (std::size_t at = md.find("\n| high |"); at != std::string::npos;
       at = md.find("\n| high |", at + 1)) {
    const std::string row = md.substr(at + 1, md.find('\n', at + 1) - at - 1);
    std::size_t bars = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++bars;
    }
    separators.push_back(bars);
  }
  EXPECT_EQ(separators, (std::vector<std::size_t>{3, 5})) << md;
  EXPECT_EQ(md.find('<'), std::string::npos) << md;
  EXPECT_EQ(md.find("](https"), std::string::npos) << md;
  EXPECT_EQ(md.find("tok_FAKEa1b2c3d4e5f6g7h8"), std::string::npos) << md;  // redacted
}

}  // namespace
}  // namespace ctxscan
