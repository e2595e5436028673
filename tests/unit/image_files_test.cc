// Where context files end up, stage by stage (src/dockerfile/image_files.h).
#include "dockerfile/image_files.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"

namespace ctxscan {
namespace {

Build MakeBuild(const std::string& text, const std::string& target = "") {
  Result<Dockerfile> df = ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  Result<Build> b = ResolveBuild(*df, {}, target);
  EXPECT_TRUE(b.ok()) << b.status().message();
  return std::move(b).value();
}

// The paths `file` has in the target stage ("tree:" marks an extracted archive).
std::vector<std::string> InTarget(const Build& build, const std::string& file) {
  std::vector<std::string> out;
  const std::vector<std::vector<Placement>> at = ImageFiles(build).Place(file);
  for (const Placement& p : at[static_cast<std::size_t>(build.target)]) {
    out.push_back(p.tree ? "tree:" + p.path : p.path);
  }
  return out;
}

struct PlaceCase {
  const char* dockerfile;
  const char* file;
  std::vector<std::string> expected;  // placements in the target stage
};

TEST(ImageFiles, DestinationsFollowBuildKitsCopyRules) {
  const std::vector<PlaceCase> cases = {
      // A file to a file name, to a directory, to "." after WORKDIR.
      {"FROM scratch\nCOPY a.txt /x\n", "a.txt", {"/x"}},
      {"FROM scratch\nCOPY a.txt /x/\n", "a.txt", {"/x/a.txt"}},
      {"FROM scratch\nWORKDIR /app\nCOPY a.txt .\n", "a.txt", {"/app/a.txt"}},
      {"FROM scratch\nWORKDIR /app\nWORKDIR sub\nCOPY a.txt ./\n", "a.txt", {"/app/sub/a.txt"}},
      {"FROM scratch\nWORKDIR /app\nCOPY a.txt rel/b.txt\n", "a.txt", {"/app/rel/b.txt"}},
      // A WORKDIR exists, so a destination naming it is a directory.
      {"FROM scratch\nWORKDIR /app\nCOPY a.txt /app\n", "a.txt", {"/app/a.txt"}},
      // A directory an earlier COPY made (its destination, or above a
      // file it wrote) is a directory for later destinations too, also
      // in stages built on that one (found by tests/buildah, seed 3).
      {"FROM scratch AS s0\nCOPY a.txt /o6/\nCOPY b.env /o6\n"
       "FROM scratch\nCOPY --from=s0 /o6/b.env /x\n",
       "b.env",
       {"/x"}},
      {"FROM scratch\nCOPY a.txt /etc/app/a.txt\nCOPY b.env /etc/app\n",
       "b.env",
       {"/etc/app/b.env"}},
      {"FROM scratch AS base\nCOPY a.txt /d/\nFROM base\nCOPY b.env /d\n", "b.env", {"/d/b.env"}},
      // Several sources: the destination is a directory.
      {"FROM scratch\nCOPY a.txt b.txt /d/\n", "b.txt", {"/d/b.txt"}},
      // A directory's contents, not the directory itself.
      {"FROM scratch\nCOPY src /app/\n", "src/lib/x.py", {"/app/lib/x.py"}},
      {"FROM scratch\nCOPY ./src/ /app\n", "src/x.py", {"/app/x.py"}},
      {"FROM scratch\nWORKDIR /srv\nCOPY . .\n", "config/a.yml", {"/srv/config/a.yml"}},
      // Wildcards do not cross '/'; a matched directory gives its contents.
      {"FROM scratch\nCOPY conf/*.yaml /c/\n", "conf/a.yaml", {"/c/a.yaml"}},
      {"FROM scratch\nCOPY conf/*.yaml /c/\n", "conf/sub/b.yaml", {}},
      {"FROM scratch\nCOPY co* /c/\n", "conf/a.yaml", {"/c/a.yaml"}},
      {"FROM scratch\nCOPY */app.yaml /c/\n", "x/app.yaml", {"/c/app.yaml"}},
      // --exclude, relative to the copied directory; a directory excludes its files.
      {"FROM scratch\nCOPY --exclude=*.pem keys /k/\n", "keys/id.pem", {}},
      {"FROM scratch\nCOPY --exclude=*.pem keys /k/\n", "keys/README", {"/k/README"}},
      {"FROM scratch\nCOPY --exclude=private keys /k/\n", "keys/private/a", {}},
      {"FROM scratch\nCOPY --exclude=*.pem *.pem *.txt /k/\n", "id.pem", {}},
      // --parents keeps the path, from the "/./" pivot when there is one.
      {"FROM scratch\nCOPY --parents a/b/c.txt /d/\n", "a/b/c.txt", {"/d/a/b/c.txt"}},
      {"FROM scratch\nCOPY --parents ./a/./b/c.txt /d/\n", "a/b/c.txt", {"/d/b/c.txt"}},
      {"FROM scratch\nCOPY --parents */pkg.json /d/\n", "x/pkg.json", {"/d/x/pkg.json"}},
      // Variables in sources and destinations.
      {"FROM scratch\nARG D=conf\nENV T=/etc/app\nCOPY ${D}/ $T/\n", "conf/x", {"/etc/app/x"}},
      // ADD extracts a local tar archive named itself; COPY does not.
      {"FROM scratch\nADD bundle.tar.gz /opt/\n", "bundle.tar.gz", {"tree:/opt"}},
      {"FROM scratch\nCOPY bundle.tar.gz /opt/\n", "bundle.tar.gz", {"/opt/bundle.tar.gz"}},
      {"FROM scratch\nADD dist /opt/\n", "dist/bundle.tgz", {"/opt/bundle.tgz"}},
      // Heredocs and URLs are not context files.
      {"FROM scratch\nCOPY <<EOF /a.txt\nx\nEOF\n", "a.txt", {}},
      {"FROM scratch\nADD https://example.com/a.txt /a.txt\n", "a.txt", {}},
      // A stage starts with its base stage's files.
      {"FROM scratch AS base\nCOPY a /a\nFROM base\nCOPY b /b\n", "a", {"/a"}},
      // COPY --from takes paths of the source stage's filesystem.
      {"FROM scratch AS build\nCOPY app /app/\nCOPY secrets /s/\n"
       "FROM scratch\nCOPY --from=build /app /srv\n",
       "app/main.py",
       {"/srv/main.py"}},
      {"FROM scratch AS build\nCOPY app /app/\nCOPY secrets /s/\n"
       "FROM scratch\nCOPY --from=build /app /srv\n",
       "secrets/key",
       {}},
      {"FROM scratch AS build\nCOPY secrets /s/\nFROM scratch\nCOPY --from=build /s/key /k\n",
       "secrets/key",
       {"/k"}},
      {"FROM scratch AS a\nCOPY k /x/k\nFROM scratch AS b\nCOPY --from=a /x /y/\n"
       "FROM scratch\nCOPY --from=b /y/k /z\n",
       "k",
       {"/z"}},
      {"FROM scratch AS a\nCOPY k /x/k\nFROM scratch\nCOPY --from=0 / /\n", "k", {"/x/k"}},
      // An extracted archive's files travel with the directory they are in.
      {"FROM scratch AS a\nADD b.tar /opt/\nFROM scratch\nCOPY --from=a /opt/app /app\n",
       "b.tar",
       {"tree:/app"}},
      {"FROM scratch AS a\nADD b.tar /opt/\nFROM scratch\nCOPY --from=a /etc /etc\n", "b.tar", {}},
      // An image as --from source holds no context file.
      {"FROM scratch\nCOPY --from=alpine:3 /etc/passwd /p\n", "etc/passwd", {}},
  };
  for (const PlaceCase& c : cases) {
    EXPECT_EQ(InTarget(MakeBuild(c.dockerfile), c.file), c.expected)
        << c.dockerfile << "file: " << c.file;
  }
}

TEST(ImageFiles, AContextDirectoryMakesItsDestinationADirectory) {
  Result<Dockerfile> df =
      ParseDockerfile("FROM scratch\nCOPY src /app\nCOPY b.env /app\n", "Dockerfile");
  ASSERT_TRUE(df.ok());
  Result<Build> b = ResolveBuild(*df, {}, "", [](std::string_view p) { return p == "src"; });
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(InTarget(*b, "b.env"), (std::vector<std::string>{"/app/b.env"}));
  EXPECT_EQ(InTarget(*b, "src/x.py"), (std::vector<std::string>{"/app/x.py"}));
  // Without knowing that src is a directory, /app is taken as a file name.
  EXPECT_EQ(InTarget(MakeBuild("FROM scratch\nCOPY src /app\nCOPY b.env /app\n"), "b.env"),
            (std::vector<std::string>{"/app"}));
}

TEST(ImageFiles, FinalIntermediateOrNo) {
  const Build build = MakeBuild(
      "FROM scratch AS deps\n"
      "COPY secrets /s/\n"
      "COPY app /app/\n"
      "FROM scratch AS unused\n"
      "COPY other /o/\n"
      "FROM scratch AS test\n"
      "COPY tests /t/\n"
      "FROM scratch\n"
      "COPY --from=deps /app /app\n");
  const ImageFiles files(build);
  EXPECT_EQ(files.Where("app/main.py"), InImage::kFinal);
  EXPECT_EQ(files.Where("secrets/key"), InImage::kIntermediate);
  EXPECT_EQ(files.Where("other/x"), InImage::kNo);  // a stage the build skips
  EXPECT_EQ(files.Where("tests/t.py"), InImage::kNo);
  EXPECT_EQ(files.Where("README"), InImage::kNo);
  EXPECT_EQ(InImageName(InImage::kIntermediate), "intermediate");

  // --target test: only that stage is built, and it is the final image.
  const Build test = MakeBuild(
      "FROM scratch AS deps\nCOPY secrets /s/\nFROM scratch AS test\nCOPY tests /t/\n"
      "FROM scratch\nCOPY --from=deps /s /s\n",
      "test");
  EXPECT_EQ(ImageFiles(test).Where("tests/t.py"), InImage::kFinal);
  EXPECT_EQ(ImageFiles(test).Where("secrets/key"), InImage::kNo);
}

TEST(ImageFiles, NamedByCopyAndBroadCopies) {
  const Build build = MakeBuild(
      "FROM scratch AS unused\n"
      "COPY .env /\n"
      "FROM scratch\n"
      "WORKDIR /app\n"
      "COPY config/prod.env ./\n"
      "COPY . .\n"
      "COPY --exclude=*.pem keys /keys/\n");
  const ImageFiles files(build);
  EXPECT_EQ(files.NamedByCopy("config/prod.env"), std::optional<std::size_t>(4));
  EXPECT_EQ(files.NamedByCopy(".env"), std::nullopt);  // only the skipped stage names it
  EXPECT_EQ(files.NamedByCopy("keys/id.pem"), std::nullopt);
  EXPECT_EQ(files.BroadCopies(".env"), (std::vector<std::size_t>{5}));
  EXPECT_EQ(files.BroadCopies("keys/id.pem"), (std::vector<std::size_t>{5}));
  EXPECT_EQ(files.BroadCopies("keys/README"), (std::vector<std::size_t>{5}));  // not `COPY keys`
  EXPECT_EQ(files.BroadCopies("config/prod.env"), (std::vector<std::size_t>{5}));
  const Build excluding = MakeBuild("FROM scratch\nCOPY --exclude=.env ./ /app/\n");
  EXPECT_EQ(ImageFiles(excluding).BroadCopies(".env"), (std::vector<std::size_t>{}));
  EXPECT_EQ(ImageFiles(excluding).BroadCopies("a/.env"), (std::vector<std::size_t>{1}));
  const Build deep = MakeBuild("FROM scratch\nCOPY --exclude=**/.env ./ /app/\n");
  EXPECT_EQ(ImageFiles(deep).BroadCopies("a/.env"), (std::vector<std::size_t>{}));
  EXPECT_EQ(ImageFiles(excluding).BroadCopies("b.txt"), (std::vector<std::size_t>{1}));
}

}  // namespace
}  // namespace ctxscan
