// The context walk on an in-memory tree: both builders' rules, errors,
// special entries, and determinism at any thread count.
#include "ctxscan/context/build_context.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "context/explain.h"
#include "ctxscan/util/file_system.h"
#include "report/context_listing_writer.h"
#include "report/explanation_text.h"

namespace ctxscan {
namespace {

ContextRules Rules(Builder b, const std::string& ignore,
                   const std::string& dockerfile = "Dockerfile") {
  Result<ContextRules> r = MakeContextRules(b, ignore, ".dockerignore", dockerfile);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(r).value();
}

std::string Ls(const FileSystem& fs, const ContextRules& rules, int threads = 1) {
  Result<ContextListing> l = WalkContext(fs, rules, WalkOptions{threads, false, true});
  EXPECT_TRUE(l.ok()) << l.status().message();
  return l.ok() ? RenderListing(*l, ListingFormat::kPlain) : "";
}

TEST(BuildContext, ClassicClientAlwaysSendsDockerfileAndIgnoreFile) {
  MemoryFileSystem fs;
  fs.AddFile("Dockerfile");
  fs.AddFile(".dockerignore");
  fs.AddFile("app.py");
  const std::string ignore = "Dockerfile\n.dockerignore\n";
  EXPECT_EQ(Ls(fs, Rules(Builder::kBuildKit, ignore)), "app.py\n");
  EXPECT_EQ(Ls(fs, Rules(Builder::kLegacy, ignore)), ".dockerignore\nDockerfile\napp.py\n");
}

TEST(BuildContext, ExceptionBelowExcludedDirectory) {
  MemoryFileSystem fs;
  fs.AddFile("docs/a.md");
  fs.AddFile("docs/keep.md");
  fs.AddFile("src/x.go");
  const std::string ignore = "docs\n!docs/keep.md\n";
  // Both builders send the re-included file; only BuildKit sends its directory.
  EXPECT_EQ(Ls(fs, Rules(Builder::kBuildKit, ignore)), "docs/\ndocs/keep.md\nsrc/\nsrc/x.go\n");
  EXPECT_EQ(Ls(fs, Rules(Builder::kLegacy, ignore)), "docs/keep.md\nsrc/\nsrc/x.go\n");
}

TEST(BuildContext, GlobExceptionReachesBelowExcludedDirectoryOnlyWithBuildKit) {
  MemoryFileSystem fs;
  fs.AddFile("sub/x.go");
  fs.AddFile("sub/y.txt");
  const std::string ignore = "*\n!**/*.go\n";
  EXPECT_EQ(Ls(fs, Rules(Builder::kBuildKit, ignore)), "sub/\nsub/x.go\n");
  EXPECT_EQ(Ls(fs, Rules(Builder::kLegacy, ignore, "")), "");
}

TEST(BuildContext, SortedByBytesWithDirectorySlash) {
  MemoryFileSystem fs;
  fs.AddFile("a-b");
  fs.AddFile("a/x");
  fs.AddFile("a.txt");
  fs.AddFile("B");
  EXPECT_EQ(Ls(fs, Rules(Builder::kBuildKit, "")), "B\na-b\na.txt\na/\na/x\n");
}

TEST(BuildContext, SpecialEntriesAreListedByType) {
  MemoryFileSystem fs;
  fs.AddSymlink("link");
  fs.AddSpecial("pipe", EntryType::kFifo);
  fs.AddSpecial("sock", EntryType::kSocket);
  Result<ContextListing> legacy = WalkContext(fs, Rules(Builder::kLegacy, ""), WalkOptions{});
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(RenderListing(*legacy, ListingFormat::kPlain), "link\npipe\n");  // no socket
  EXPECT_EQ(legacy->skipped_sockets(), 1u);
  Result<ContextListing> l = WalkContext(fs, Rules(Builder::kBuildKit, ""), WalkOptions{});
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(RenderListing(*l, ListingFormat::kJson),
            "[\n  {\"path\": \"link\", \"type\": \"symlink\", \"size\": 0},\n"
            "  {\"path\": \"pipe\", \"type\": \"fifo\", \"size\": 0},\n"
            "  {\"path\": \"sock\", \"type\": \"socket\", \"size\": 0}\n]\n");
}

TEST(BuildContext, UnreadableEntriesAreErrorsAndTheWalkGoesOn) {
  MemoryFileSystem fs;
  fs.AddFile("locked/secret");
  fs.AddFile("private.key");
  fs.AddFile("ignored/x");
  fs.AddFile("ok");
  fs.MakeUnreadable("locked");
  fs.MakeUnreadable("private.key");
  fs.MakeUnreadable("ignored");
  Result<ContextListing> l =
      WalkContext(fs, Rules(Builder::kBuildKit, "ignored\n!ignored/x\n"), WalkOptions{});
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->errors().size(), 2u);
  EXPECT_EQ(l->errors()[0].path, "locked");
  EXPECT_EQ(l->errors()[1].path, "private.key");
  EXPECT_GE(l->Find("ok"), 0);
}

TEST(BuildContext, InvalidRegexpFailsTheWalkWithFileAndLine) {
  MemoryFileSystem fs;
  fs.AddFile("x");
  Result<ContextListing> l =
      WalkContext(fs, Rules(Builder::kBuildKit, "# c\n[z-a]\n"), WalkOptions{});
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().message().rfind(".dockerignore:2: invalid pattern \"[z-a]\"", 0), 0u)
      << l.status().message();
}

TEST(BuildContext, IdenticalAtAnyThreadCount) {
  std::mt19937 rng(7);
  MemoryFileSystem fs;
  const std::vector<std::string> names = {"a", "b", "node_modules", "x.go", ".env", "c.md", "d"};
  for (int i = 0; i < 3000; ++i) {
    std::string path;
    const int depth = std::uniform_int_distribution<int>(1, 5)(rng);
    for (int k = 0; k < depth; ++k) {
      if (k) path += '/';
      path += names[std::uniform_int_distribution<std::size_t>(0, names.size() - 1)(rng)] +
              std::to_string(std::uniform_int_distribution<int>(0, 3)(rng));
    }
    fs.AddFile(path + "_f");
  }
  for (Builder b : {Builder::kBuildKit, Builder::kLegacy}) {
    const ContextRules rules = Rules(b, "**/node_modules*\n*.md\n!b*/**/c.md*\n**/.env*\n");
    const std::string one = Ls(fs, rules, 1);
    EXPECT_GT(one.size(), 1000u);
    for (int threads : {2, 3, 8}) EXPECT_EQ(one, Ls(fs, rules, threads)) << threads;
  }
}

TEST(Explain, SaysWhichLineDecided) {
  MemoryFileSystem fs;
  fs.AddFile("Dockerfile");
  fs.AddFile(".env");
  fs.AddFile("docs/keep.md");
  fs.AddFile("docs/a.md");
  fs.AddFile("build/out/x");
  const std::string ignore = "# secrets\n**/.env\ndocs\n!docs/keep.md\nbuild\nDockerfile\n";
  for (Builder b : {Builder::kBuildKit, Builder::kLegacy}) {
    const ContextRules rules = Rules(b, ignore);
    Result<ContextListing> l = WalkContext(fs, rules, WalkOptions{});
    ASSERT_TRUE(l.ok());
    auto why = [&](const std::string& p) {
      Result<Explanation> e = Explain(fs, rules, *l, p);
      EXPECT_TRUE(e.ok()) << e.status().message();
      return DescribeExplanation(*e, rules);
    };
    EXPECT_EQ(why(".env"), ".env: not sent: excluded by .dockerignore:2 \"**/.env\"");
    EXPECT_EQ(why("docs/keep.md"),
              "docs/keep.md: sent: re-included by .dockerignore:4 \"!docs/keep.md\"");
    EXPECT_EQ(why("build/out/x"),
              "build/out/x: not sent: parent directory build/ is excluded by .dockerignore:5 "
              "\"build\" and the builder does not look inside it");
    if (b == Builder::kLegacy) {
      EXPECT_EQ(why("Dockerfile"),
                "Dockerfile: sent: the classic builder always sends .dockerignore and the "
                "Dockerfile, even when they are ignored");
      EXPECT_EQ(why("docs"),
                "docs/: not sent: excluded by .dockerignore:3 \"docs\"; entries below "
                "it that an exception re-includes are still sent");
    } else {
      EXPECT_EQ(why("Dockerfile"),
                "Dockerfile: not sent: excluded by .dockerignore:6 \"Dockerfile\"");
      EXPECT_EQ(why("docs"),
                "docs/: sent although excluded by .dockerignore:3 \"docs\": BuildKit "
                "sends every directory above an entry it sends");
    }
  }
}

}  // namespace
}  // namespace ctxscan
