// Tests for ReadPathFile (include/ctxscan/util/file_system.h): how ctxscan
// reads a configuration, a baseline or a rule file it is pointed at.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ctxscan/util/file_system.h"

namespace ctxscan {
namespace {

class ReadPathFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("read_path_file_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "config.yaml") << "rules: {}\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(ReadPathFileTest, ReadsARegularFile) {
  Result<std::string> text = ReadPathFile(Path("config.yaml"), 1024, false);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(*text, "rules: {}\n");
}

TEST_F(ReadPathFileTest, MissingIsNotFoundAndNamesThePath) {
  Result<std::string> text = ReadPathFile(Path("absent.yaml"), 1024, true);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kNotFound);
  EXPECT_NE(text.status().message().find("absent.yaml: "), std::string::npos);
}

TEST_F(ReadPathFileTest, FollowsASymlinkOnlyWhenAsked) {
  std::filesystem::create_symlink(dir_ / "config.yaml", dir_ / "link.yaml");
  Result<std::string> refused = ReadPathFile(Path("link.yaml"), 1024, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), Path("link.yaml") + ": a symlink (not followed)");
  Result<std::string> followed = ReadPathFile(Path("link.yaml"), 1024, true);
  ASSERT_TRUE(followed.ok()) << followed.status().message();
  EXPECT_EQ(*followed, "rules: {}\n");
}

TEST_F(ReadPathFileTest, RefusesAFifoWithoutBlockingAndADirectory) {
  ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0600), 0);
  Result<std::string> fifo = ReadPathFile(Path("fifo"), 1024, true);
  ASSERT_FALSE(fifo.ok());
  EXPECT_EQ(fifo.status().message(), Path("fifo") + ": not a regular file");
  EXPECT_FALSE(ReadPathFile(dir_.string(), 1024, true).ok());
}

TEST_F(ReadPathFileTest, RefusesAFileOverTheLimit) {
  Result<std::string> text = ReadPathFile(Path("config.yaml"), 4, true);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().message(), Path("config.yaml") + ": larger than 4 bytes");
}

}  // namespace
}  // namespace ctxscan
