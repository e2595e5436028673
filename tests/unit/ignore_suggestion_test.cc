// .dockerignore suggestions, verified against the real context walk
// (src/fix/ignore_suggestion.h).
#include "fix/ignore_suggestion.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compose/compose_analysis.h"
#include "dockerfile/analysis.h"
#include "dockerfile/run_reads.h"

namespace ctxscan {
namespace {

struct Context {
  MemoryFileSystem fs;
  std::string ignore;

  std::set<std::string> Sent(const std::string& content) const {
    Result<std::set<std::string>> s =
        ContextRecomputer(fs, Builder::kBuildKit, ".dockerignore", "Dockerfile")(content);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? *s : std::set<std::string>{};
  }

  Result<IgnoreSuggestion> Suggest(const std::vector<IgnoreTarget>& targets) const {
    return SuggestIgnoreLines(
        targets, Sent(ignore), ignore,
        ContextRecomputer(fs, Builder::kBuildKit, ".dockerignore", "Dockerfile"));
  }
};

std::vector<IgnoreTarget> Targets(std::initializer_list<const char*> paths) {
  std::vector<IgnoreTarget> out;
  for (const char* p : paths) {
    IgnoreTarget t;
    t.path = p;
    out.push_back(t);
  }
  return out;
}

TEST(IgnoreSuggestion, OneLinePerFileGroupedWhereExact) {
  Context c;
  for (const char* p :
       {"Dockerfile", "app/main.py", "app/.env", "web/.env", ".env", "secrets/a.pem",
        "secrets/b.pem", "config/prod.yaml", "config/dev.yaml", "weird[1]*.txt"}) {
    c.fs.AddFile(p, "x");
  }
  Result<IgnoreSuggestion> s =
      c.Suggest(Targets({"app/.env", "web/.env", ".env", "secrets/a.pem", "secrets/b.pem",
                         "config/prod.yaml", "weird[1]*.txt"}));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{"secrets", "**/.env", "config/prod.yaml",
                                                "weird\\[1]\\*.txt"}));
  EXPECT_EQ(s->stopped.size(), 7u);
  EXPECT_TRUE(s->kept.empty());
  // And the context really lost exactly those files.
  const std::set<std::string> after = c.Sent(IgnoreAppendix("", s->lines));
  EXPECT_EQ(after, (std::set<std::string>{"Dockerfile", "app/main.py", "config/dev.yaml"}));
}

TEST(IgnoreSuggestion, NoGroupWhenAnotherFileWouldGo) {
  Context c;
  for (const char* p : {"Dockerfile", "a/.env", "b/.env", "c/.env", "keys/k1", "keys/README"}) {
    c.fs.AddFile(p, "x");
  }
  // c/.env has no finding: no **/.env; keys/README has none: no "keys".
  Result<IgnoreSuggestion> s = c.Suggest(Targets({"a/.env", "b/.env", "keys/k1"}));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{"a/.env", "b/.env", "keys/k1"}));
}

TEST(IgnoreSuggestion, AppendedLinesWinOverEarlierExceptions) {
  Context c;
  for (const char* p : {"Dockerfile", "secrets/README.md", "secrets/token.txt", "src/x"}) {
    c.fs.AddFile(p, "x");
  }
  c.ignore = "secrets\n!secrets/README.md\n!secrets/token.txt";  // no final newline
  Result<IgnoreSuggestion> s = c.Suggest(Targets({"secrets/token.txt"}));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{"secrets/token.txt"}));
  EXPECT_EQ(IgnoreAppendix(c.ignore, s->lines),
            "\n\n# Added by `ctxscan dockerignore suggest`: files with secrets or sensitive "
            "content\nsecrets/token.txt\n");
  EXPECT_EQ(c.Sent(c.ignore + IgnoreAppendix(c.ignore, s->lines)),
            (std::set<std::string>{"Dockerfile", "secrets/README.md", "src/x"}));
}

TEST(IgnoreSuggestion, KeepsWhatACopyNeedsAndWhatDockerAlwaysSends) {
  Context c;
  for (const char* p : {"Dockerfile", "config/prod.env", ".npmrc", "ignored.key"}) {
    c.fs.AddFile(p, "x");
  }
  c.ignore = "ignored.key\n";
  std::vector<IgnoreTarget> targets =
      Targets({"config/prod.env", "Dockerfile", ".npmrc", "ignored.key"});  // ignored.key: not sent
  targets[0].needed_by = "Dockerfile:7 (COPY config/prod.env /etc/)";
  targets[1].always_sent = true;
  Result<IgnoreSuggestion> s = c.Suggest(targets);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{".npmrc"}));
  ASSERT_EQ(s->kept.size(), 2u);
  EXPECT_EQ(s->kept[0].path, "Dockerfile");
  EXPECT_EQ(s->kept[1].path, "config/prod.env");
  EXPECT_NE(s->kept[1].reason.find("Dockerfile:7 (COPY config/prod.env /etc/) needs it"),
            std::string::npos);
  EXPECT_TRUE(s->check.empty());
  // A file a directory COPY carries is stopped, with a word of caution.
  std::vector<IgnoreTarget> carried = Targets({".npmrc"});
  carried[0].copied_by = {"Dockerfile:12 (COPY . .) copies it with the whole context"};
  Result<IgnoreSuggestion> dir = c.Suggest(carried);
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(dir->lines, (std::vector<std::string>{".npmrc"}));
  ASSERT_EQ(dir->check.size(), 1u);
  EXPECT_NE(dir->check[0].reason.find("Dockerfile:12 (COPY . .) copies it with the whole context"),
            std::string::npos);
}

TEST(IgnoreSuggestion, ExcludesASensitiveDirectoryWhole) {
  Context c;
  for (const char* p : {"Dockerfile", ".git/HEAD", ".git/config", ".git/objects/ab/cd",
                        "sub/.git/HEAD", "sub/.git/index", "sub/main.py", "src/x.py"}) {
    c.fs.AddFile(p, "x");
  }
  Result<IgnoreSuggestion> s = c.Suggest(Targets({".git/HEAD", ".git/config", "sub/.git/HEAD"}));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{".git", "sub/.git"}));
  EXPECT_EQ(s->stopped, (std::vector<std::string>{".git/HEAD", ".git/config", "sub/.git/HEAD"}));
  ASSERT_EQ(s->directories.size(), 2u);
  EXPECT_EQ(s->directories[0].path, ".git");
  EXPECT_EQ(s->directories[0].other_files, 1u);
  EXPECT_EQ(c.Sent(IgnoreAppendix("", s->lines)),
            (std::set<std::string>{"Dockerfile", "sub/main.py", "src/x.py"}));
  // A COPY names a file inside: the file alone, never the directory.
  std::vector<IgnoreTarget> t = Targets({".git/HEAD"});
  t[0].keep_directory = true;
  s = c.Suggest(t);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{".git/HEAD"}));
  EXPECT_TRUE(s->directories.empty());
  // So too when another target inside must stay sent.
  t = Targets({".git/HEAD", ".git/config"});
  t[1].needed_by = "Dockerfile:3 (COPY .git/config /x)";
  s = c.Suggest(t);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{".git/HEAD"}));
  EXPECT_EQ(SensitiveDirectory("a/.aws/credentials"), "a/.aws");
  EXPECT_EQ(SensitiveDirectory(".ssh/id_rsa"), ".ssh");
  EXPECT_EQ(SensitiveDirectory(".git"), "");  // a file named .git (a worktree's link)
  EXPECT_EQ(SensitiveDirectory("my.git/HEAD"), "");
}

TEST(IgnoreSuggestion, CautionsNameTheLineAndFollowTheDirectory) {
  Context c;
  for (const char* p : {"Dockerfile", ".git/HEAD", ".git/config", "app.cfg"}) c.fs.AddFile(p, "x");
  std::vector<IgnoreTarget> t = Targets({".git/HEAD", ".git/config", "app.cfg"});
  for (IgnoreTarget& x : t)
    x.copied_by = {"Dockerfile:3 (COPY . .) copies it with the whole context"};
  t[0].read_by = {"Dockerfile:4 (RUN git describe) reads .git"};
  t[1].read_by = t[0].read_by;
  Result<IgnoreSuggestion> s = c.Suggest(t);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->warn.size(), 1u);  // once for the directory, not per file
  EXPECT_EQ(s->warn[0].path, ".git");
  EXPECT_EQ(s->warn[0].reason, "Dockerfile:4 (RUN git describe) reads .git");
  ASSERT_EQ(s->check.size(), 2u);
  EXPECT_EQ(s->check[0].path, ".git");
  EXPECT_EQ(s->check[1].path, "app.cfg");
  EXPECT_EQ(s->lines, (std::vector<std::string>{".git", "app.cfg"}));  // still suggested
}

TEST(IgnoreSuggestion, AsksBeforeFightingAReinclusion) {
  Context c;
  for (const char* p : {"Dockerfile", "keep.log", "other.log", ".env"}) c.fs.AddFile(p, "x");
  c.ignore = "*.log\n!keep.log\n";
  std::vector<IgnoreTarget> t = Targets({"keep.log", ".env"});
  t[0].reincluded_by = ".dockerignore:2 (!keep.log)";
  Result<IgnoreSuggestion> s = c.Suggest(t);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{".env"}));
  EXPECT_EQ(s->stopped, (std::vector<std::string>{".env"}));
  ASSERT_EQ(s->decide.size(), 1u);
  EXPECT_EQ(s->decide[0].path, "keep.log");
  EXPECT_NE(s->decide[0].reason.find(".dockerignore:2 (!keep.log) re-includes it"),
            std::string::npos);
}

TEST(IgnoreSuggestion, EscapesWhatDockerWouldReadAsSyntax) {
  EXPECT_EQ(EscapeIgnorePattern("a*b?c[d]\\e"), "a\\*b\\?c\\[d]\\\\e");
  EXPECT_EQ(EscapeIgnorePattern("#notes"), "\\#notes");
  EXPECT_EQ(EscapeIgnorePattern("!important"), "\\!important");
  EXPECT_EQ(EscapeIgnorePattern(" lead trail "), "?lead trail?");
  Context c;
  for (const char* p : {"Dockerfile", "#notes", "!important", " spaced ", "plain"}) {
    c.fs.AddFile(p, "x");
  }
  Result<IgnoreSuggestion> s = c.Suggest(Targets({"#notes", "!important", " spaced "}));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(c.Sent(IgnoreAppendix("", s->lines)), (std::set<std::string>{"Dockerfile", "plain"}));
}

TEST(RunReads, NamesTheFileOrRunsGit) {
  EXPECT_TRUE(CommandMentions("./configure --from settings.cfg", "conf/settings.cfg"));
  EXPECT_TRUE(CommandMentions("cat /src/conf/settings.cfg", "conf/settings.cfg"));
  EXPECT_FALSE(CommandMentions("cat settings.cfg.example", "settings.cfg"));
  EXPECT_FALSE(CommandMentions("cat mysettings.cfg", "settings.cfg"));
  EXPECT_TRUE(CommandMentions("git describe --tags > /v", ".git"));
  EXPECT_TRUE(CommandMentions("make && /usr/bin/git rev-parse HEAD", "sub/.git"));
  EXPECT_TRUE(CommandMentions("cp -r .git /x", ".git"));
  EXPECT_FALSE(CommandMentions("git describe", "app.cfg"));  // git reads .git only
  EXPECT_FALSE(CommandMentions("digit x; git-lfs pull", ".git"));

  Result<Dockerfile> df = ParseDockerfile(
      "FROM alpine AS a\nWORKDIR /src\nCOPY . .\nRUN   ./build.sh    app.cfg\n"
      "FROM alpine\nRUN cat app.cfg\nRUN --mount=type=bind,target=/c cat /c/app.cfg\n"
      "COPY --from=a /src/out /out\n",
      "Dockerfile");
  ASSERT_TRUE(df.ok()) << df.status().message();
  Result<Build> build = ResolveBuild(*df, {}, "");
  ASSERT_TRUE(build.ok()) << build.status().message();
  const ImageFiles files(*build);
  // The last stage never holds app.cfg: only its bind mount reads it.
  const std::vector<std::size_t> runs = RunsThatRead(*df, *build, files, "app.cfg", "app.cfg");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(CiteInstruction(*df, runs[0]), "Dockerfile:4 (RUN ./build.sh app.cfg)");
  EXPECT_EQ(CiteInstruction(*df, runs[1]),
            "Dockerfile:7 (RUN --mount=type=bind,target=/c cat /c/app.cfg)");
}

TEST(SentFilesWithFindings, CountsEveryKindAsTheScanDoes) {
  Result<std::vector<Finding>> compose =
      AnalyzeCompose("docker-compose.yml",
                     "services:\n  web:\n    environment:\n      DB_PASSWORD: Zq8pLm3Rt7Vw2Xy9\n"
                     "    env_file: config/app.env\n",
                     {"docker-compose.yml", "config/app.env"}, {});
  ASSERT_TRUE(compose.ok()) << compose.status().message();
  std::vector<Finding> findings = *compose;
  // A hint (info) and the findings judged from the others do not count.
  findings.push_back(MakeBuiltInFinding(DockerfileRule("dockerfile.hint.root-user"), "",
                                        LineLocation("Dockerfile", 1)));
  findings.back().severity = Severity::kInfo;
  findings.push_back(MakeBuiltInFinding(DockerfileRule("dockerfile.broad-copy"), "",
                                        LineLocation("Dockerfile", 3)));
  Location unsent = LineLocation("ignored.env", 0);
  unsent.sent = false;
  findings.push_back(MakeBuiltInFinding(DockerfileRule("dockerfile.secret-in-image"), "x", unsent));
  EXPECT_EQ(SentFilesWithFindings(findings),
            (std::vector<std::string>{"config/app.env", "docker-compose.yml"}));
  findings.push_back(MakeBuiltInFinding(DockerfileRule("dockerfile.secret-in-image"), "x",
                                        LineLocation("Dockerfile", 2)));
  EXPECT_EQ(SentFilesWithFindings(findings),
            (std::vector<std::string>{"Dockerfile", "config/app.env", "docker-compose.yml"}));
}

}  // namespace
}  // namespace ctxscan
