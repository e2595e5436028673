// Naming what is wrong in a command line: edit distance, the nearest name,
// and the walk through commands and options.
#include "cli/usage_error.h"

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>

#include "cli/diagnostics.h"

namespace ctxscan::cli {
namespace {

TEST(EditDistance, CountsSwapsAsOneEdit) {
  EXPECT_EQ(EditDistance("scan", "scan"), 0u);
  EXPECT_EQ(EditDistance("scna", "scan"), 1u);
  EXPECT_EQ(EditDistance("fromat", "format"), 1u);
  EXPECT_EQ(EditDistance("lst", "list"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

TEST(NearestName, SuggestsOnlyWhatIsCloseEnough) {
  const std::vector<std::string> commands = {"scan", "git", "context", "rules"};
  EXPECT_EQ(NearestName("scna", commands), "scan");
  EXPECT_EQ(NearestName("contxet", commands), "context");
  EXPECT_EQ(NearestName("gti", commands), "git");
  EXPECT_EQ(NearestName("xyzzy", commands), std::nullopt);
  EXPECT_EQ(NearestName("sc", commands), std::nullopt);  // two edits on a short word
  EXPECT_EQ(NearestName("x", {"y"}), std::nullopt);      // not a whole replacement
}

class Diagnose : public ::testing::Test {
 protected:
  void SetUp() override {
    app_.require_subcommand(1);
    CLI::App* scan = app_.add_subcommand("scan");
    scan->add_option("DIR", dir_);
    scan->add_option("--format", format_);
    scan->add_flag("--binary", flag_);
    CLI::App* rules = app_.add_subcommand("rules");
    rules->require_subcommand(1);
    rules->add_subcommand("list");
    rules->add_subcommand("check")->add_option("PATH", paths_);
  }
  std::optional<std::string> Run(std::vector<std::string> args) {
    return DiagnoseCommandLine(app_, args);
  }
  CLI::App app_{"test", "ctxscan"};
  std::string dir_, format_;
  bool flag_ = false;
  std::vector<std::string> paths_;
};

TEST_F(Diagnose, NamesTheUnknownCommandOrOption) {
  EXPECT_EQ(Run({"scna"}), "unknown command \"scna\"; did you mean \"scan\"?");
  EXPECT_EQ(Run({"rules", "chek"}),
            "unknown command \"rules chek\"; did you mean \"rules check\"?");
  EXPECT_EQ(Run({"scan", "--fromat", "json", "."}),
            "unknown option --fromat; did you mean --format?");
  EXPECT_EQ(Run({"scan", "--nope=1"}), "unknown option --nope");
  EXPECT_EQ(Run({"scan", "-z"}), "unknown option -z");
}

TEST_F(Diagnose, CountsPositionalsPastOptionValuesAndFlags) {
  EXPECT_EQ(Run({"scan", "--format", "json", "."}), std::nullopt);
  EXPECT_EQ(Run({"scan", "--binary", ".", "x"}),
            "unexpected argument \"x\" (usage: ctxscan scan [OPTIONS] [DIR])");
  EXPECT_EQ(Run({"scan", "--", "-a", "-b"}),
            "unexpected argument \"-b\" (usage: ctxscan scan [OPTIONS] [DIR])");
  EXPECT_EQ(Run({"rules", "check", "a", "b", "c"}), std::nullopt);  // a list takes any number
}

TEST_F(Diagnose, SaysWhichCommandIsMissing) {
  EXPECT_EQ(Run({}), "no command given; commands: scan, rules");
  EXPECT_EQ(Run({"rules"}), "no command given after \"rules\"; commands: rules list, rules check");
}

}  // namespace
}  // namespace ctxscan::cli

namespace ctxscan::cli {
namespace {

// An exception that escapes a command is an error with a message and exit
// code 2, never an abort; its text is escaped like every other message.
TEST(RunGuarded, TurnsEscapingExceptionsIntoErrors) {
  EXPECT_EQ(RunGuarded([] { return 1; }), 1);
  testing::internal::CaptureStderr();
  EXPECT_EQ(RunGuarded([]() -> int { throw std::bad_alloc(); }), 2);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "error: out of memory\n");
  testing::internal::CaptureStderr();
  EXPECT_EQ(RunGuarded([]() -> int { throw std::runtime_error("bad \x1b[31m name"); }), 2);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "error: internal error: bad \\x1b[31m name\n");
  testing::internal::CaptureStderr();
  EXPECT_EQ(RunGuarded([]() -> int { throw 7; }), 2);
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "error: internal error: an unknown exception\n");
}

}  // namespace
}  // namespace ctxscan::cli
