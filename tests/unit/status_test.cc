// Tests for the status codes of include/ctxscan/status.h, and that the
// places that fail on bad input or a missing file say so by code.
#include "ctxscan/status.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/util/file_system.h"
#include "ctxscan/util/ignore_file.h"

namespace ctxscan {
namespace {

TEST(Status, OkHasCodeOk) {
  const Status s = Status::Ok();
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_STREQ(StatusCodeName(s.code()), "ok");
}

TEST(Status, ErrorWithoutACodeIsUnknownAndNeverOk) {
  EXPECT_EQ(Status::Error("x").code(), StatusCode::kUnknown);
  const Status s = Status::Error(StatusCode::kOk, "a failure cannot be ok");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnknown);
}

TEST(Status, FromErrnoClassifies) {
  EXPECT_EQ(Status::FromErrno(ENOENT, "a").code(), StatusCode::kNotFound);
  EXPECT_EQ(Status::FromErrno(ENOTDIR, "a").code(), StatusCode::kNotFound);
  EXPECT_EQ(Status::FromErrno(EACCES, "a").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Status::FromErrno(EPERM, "a").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Status::FromErrno(EIO, "a").code(), StatusCode::kIoError);
  EXPECT_EQ(Status::FromErrno(EIO, "disk: I/O error").message(), "disk: I/O error");
  EXPECT_STREQ(StatusCodeName(StatusCode::kIoError), "i/o error");
}

TEST(Status, ResultCarriesTheCode) {
  const Result<std::string> failed = Status::Error(StatusCode::kNotFound, "gone");
  EXPECT_EQ(failed.status().code(), StatusCode::kNotFound);
  const Result<std::string> value = std::string("here");
  EXPECT_EQ(value.status().code(), StatusCode::kOk);
}

TEST(StatusCodes, MissingFileIsNotFound) {
  const std::string dir = ::testing::TempDir();
  Result<std::unique_ptr<FileSystem>> fs = OpenPosixFileSystem(dir);
  ASSERT_TRUE(fs.ok()) << fs.status().message();
  Result<std::string> text = (*fs)->ReadFile("no-such-file-for-status-test", 1024);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kNotFound) << text.status().message();
  Result<std::unique_ptr<FileSystem>> missing = OpenPosixFileSystem(dir + "/no-such-dir-x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().message();
}

TEST(StatusCodes, BadInputIsInvalidArgument) {
  Result<std::vector<Rule>> rules = ParseRuleFile("rules:\n  - id: Not.Dotted\n", "r.yaml");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument) << rules.status().message();
  Result<Dockerfile> df = ParseDockerfile("FROM x\nFLY away\n", "Dockerfile");
  ASSERT_FALSE(df.ok());
  EXPECT_EQ(df.status().code(), StatusCode::kInvalidArgument) << df.status().message();
  Result<std::vector<IgnoreLine>> ignore =
      ParseIgnoreFile(std::string(70 * 1024, 'a'), ".dockerignore");
  ASSERT_FALSE(ignore.ok());
  EXPECT_EQ(ignore.status().code(), StatusCode::kInvalidArgument) << ignore.status().message();
}

}  // namespace
}  // namespace ctxscan
