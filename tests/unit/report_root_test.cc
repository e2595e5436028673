// Choosing the directory CI report paths are relative to
// (include/ctxscan/report/report_root.h).
#include "ctxscan/report/report_root.h"

#include <gtest/gtest.h>

#include <memory>

namespace ctxscan {
namespace {

TEST(ReportRoot, TheRepositoryHoldingTheContextComesFirst) {
  const ReportRoot r = ChooseReportRoot("/src/app/result", "/src/app", "/elsewhere");
  EXPECT_EQ(r.kind, RootKind::kRepository);
  EXPECT_EQ(r.dir, "/src/app");
  EXPECT_EQ(r.prefix, "result/");
  EXPECT_EQ(ChooseReportRoot("/src/app", "/src/app", "/").prefix, "");
}

TEST(ReportRoot, ThenTheCurrentDirectoryThenTheContext) {
  ReportRoot r = ChooseReportRoot("/w/a/ctx", std::nullopt, "/w");
  EXPECT_EQ(r.kind, RootKind::kWorkingDirectory);
  EXPECT_EQ(r.prefix, "a/ctx/");
  r = ChooseReportRoot("/w/a/ctx", std::nullopt, "/");
  EXPECT_EQ(r.prefix, "w/a/ctx/");
  // Never "../": a context beside the current directory is its own root.
  r = ChooseReportRoot("/w/ab", std::nullopt, "/w/a");
  EXPECT_EQ(r.kind, RootKind::kContext);
  EXPECT_EQ(r.dir, "/w/ab");
  EXPECT_EQ(r.prefix, "");
  // A repository that does not hold the context (a bare one's parent) is passed over.
  EXPECT_EQ(ChooseReportRoot("/w/ctx", "/other", "/w").kind, RootKind::kWorkingDirectory);
}

TEST(ReportRoot, HistoryPathsAreLeftAsTheyAre) {
  const ReportRoot root{RootKind::kRepository, "/src/app", "result/"};
  Location context;
  context.path = "a/b.txt";
  EXPECT_EQ(RootPath(context, root), "result/a/b.txt");
  Location history;
  history.path = "result/a/b.txt";
  history.git = std::make_shared<GitProvenance>();
  EXPECT_EQ(RootPath(history, root), "result/a/b.txt");
  EXPECT_EQ(RootKindName(RootKind::kWorkingDirectory), "working-directory");
}

}  // namespace
}  // namespace ctxscan
