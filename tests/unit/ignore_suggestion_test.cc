// .dockerignore suggestions, verified against the real context walk
// (include/ctxscan/fix/ignore_suggestion.h).
#include "ctxscan/fix/ignore_suggestion.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
  for (const char* p : paths) out.push_back({p, 0, false});
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
  Result<IgnoreSuggestion> s = c.Suggest({{"config/prod.env", 7, false},
                                          {"Dockerfile", 0, true},
                                          {".npmrc", 0, false},
                                          {"ignored.key", 0, false}});  // not sent: nothing to do
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->lines, (std::vector<std::string>{".npmrc"}));
  ASSERT_EQ(s->kept.size(), 2u);
  EXPECT_EQ(s->kept[0].path, "Dockerfile");
  EXPECT_EQ(s->kept[1].path, "config/prod.env");
  EXPECT_NE(s->kept[1].reason.find("line 7"), std::string::npos);
  EXPECT_TRUE(s->check.empty());
  // A file a directory COPY carries is stopped, with a word of caution.
  Result<IgnoreSuggestion> dir = c.Suggest({{".npmrc", 0, false, 12}});
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(dir->lines, (std::vector<std::string>{".npmrc"}));
  ASSERT_EQ(dir->check.size(), 1u);
  EXPECT_NE(dir->check[0].reason.find("line 12 copies it with its directory"), std::string::npos);
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

}  // namespace
}  // namespace ctxscan
