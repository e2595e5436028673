// The Dockerfile parser: directives, continuations and comments, flags,
// exec and shell forms, heredocs, key=value arguments, and errors with the
// file and line.
#include <gtest/gtest.h>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "dockerfile/analysis.h"

namespace ctxscan {
namespace {

Dockerfile Parse(std::string_view text) {
  Result<Dockerfile> r = ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Dockerfile{};
}

std::string Error(std::string_view text) {
  Result<Dockerfile> r = ParseDockerfile(text, "Dockerfile");
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(DockerfileParser, InstructionsLinesAndKeywords) {
  const Dockerfile df =
      Parse("\n# a comment\nfrom alpine:3.19 AS base\n\nRun echo hi\nCOPY . /app\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[0].keyword, "FROM");
  EXPECT_EQ(df.instructions[0].args, "alpine:3.19 AS base");
  EXPECT_EQ(df.instructions[0].line, 3);
  EXPECT_EQ(df.instructions[1].keyword, "RUN");
  EXPECT_EQ(df.instructions[1].line, 5);
  EXPECT_EQ(df.instructions[2].args, ". /app");
  EXPECT_EQ(df.escape, '\\');
}

TEST(DockerfileParser, DirectivesOnlyAtTheTop) {
  Dockerfile df = Parse("# syntax=docker/dockerfile:1.7\n# ESCAPE = `\nRUN echo a `\n  b\n");
  EXPECT_EQ(df.syntax, "docker/dockerfile:1.7");
  EXPECT_EQ(df.escape, '`');
  ASSERT_EQ(df.instructions.size(), 1u);
  EXPECT_EQ(df.instructions[0].args, "echo a   b");
  EXPECT_EQ(df.instructions[0].end_line, 4);
  // After an ordinary comment, a directive is just a comment.
  df = Parse("# hello\n# escape=`\nRUN echo a \\\n b\n");
  EXPECT_EQ(df.escape, '\\');
  EXPECT_EQ(df.instructions[0].args, "echo a  b");
  // So after a blank line.
  df = Parse("\n# escape=`\nFROM x\n");
  EXPECT_EQ(df.escape, '\\');
  EXPECT_EQ(Error("# escape=`\n# escape=\\\nFROM x\n"),
            "Dockerfile:2: parser directive \"escape\" given twice");
  EXPECT_EQ(Error("# escape=x\nFROM x\n"),
            "Dockerfile:1: invalid escape character \"x\": must be \\ or `");
}

TEST(DockerfileParser, ContinuationsSkipCommentsAndBlankLines) {
  const Dockerfile df = Parse(
      "RUN apt-get update && \\\n"
      "# a comment inside\n"
      "\n"
      "    apt-get install -y curl \\  \n"
      "    && rm -rf /var/lib/apt/lists/*\n"
      "USER app\n");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[0].args,
            "apt-get update &&     apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
  EXPECT_EQ(df.instructions[0].end_line, 5);
  EXPECT_EQ(df.instructions[1].line, 6);
}

TEST(DockerfileParser, FlagsAndForms) {
  const Dockerfile df = Parse(
      "COPY --from=build --chown=1000:1000 --link dist/ /srv/\n"
      "RUN --mount=type=secret,id=npm npm ci\n"
      "CMD [\"node\", \"server.js\"]\n"
      "ENTRYPOINT [not json\n"
      "ENV --not-a-flag=1\n");
  const Instruction& copy = df.instructions[0];
  EXPECT_EQ(copy.flags, (std::vector<std::string>{"from=build", "chown=1000:1000", "link"}));
  EXPECT_EQ(copy.Flag("from"), "build");
  EXPECT_EQ(copy.Flag("link"), "");
  EXPECT_EQ(copy.Flag("chmod"), std::nullopt);
  EXPECT_EQ(copy.args, "dist/ /srv/");
  EXPECT_EQ(df.instructions[1].Flag("mount"), "type=secret,id=npm");
  EXPECT_TRUE(df.instructions[2].json);
  EXPECT_EQ(df.instructions[2].json_args, (std::vector<std::string>{"node", "server.js"}));
  EXPECT_FALSE(df.instructions[3].json);
  EXPECT_TRUE(df.instructions[4].flags.empty());
  EXPECT_EQ(df.instructions[4].args, "--not-a-flag=1");
}

TEST(DockerfileParser, Heredocs) {
  const Dockerfile df = Parse(
      "RUN <<EOF\n"
      "echo $HOME\n"
      "EOF\n"
      "COPY <<-\"CONF\" <<'KEY' /etc/\n"
      "\tport=80\n"
      "\tCONF\n"
      "-----BEGIN KEY-----\n"
      "KEY\n"
      "RUN python3 - <<'PY'  # trailing\n"
      "print(1 << 2)\n"
      "PY\n"
      "USER app\n");
  ASSERT_EQ(df.instructions.size(), 4u);
  const Instruction& run = df.instructions[0];
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].word, "EOF");
  EXPECT_EQ(run.heredocs[0].body, "echo $HOME\n");
  EXPECT_TRUE(run.heredocs[0].expand);
  EXPECT_EQ(run.end_line, 3);
  const Instruction& copy = df.instructions[1];
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_EQ(copy.heredocs[0].body, "port=80\n");
  EXPECT_TRUE(copy.heredocs[0].strip_tabs);
  EXPECT_FALSE(copy.heredocs[0].expand);
  EXPECT_EQ(copy.heredocs[1].word, "KEY");
  EXPECT_EQ(copy.heredocs[1].body, "-----BEGIN KEY-----\n");
  EXPECT_EQ(df.instructions[2].heredocs.size(), 1u);
  EXPECT_EQ(df.instructions[2].heredocs[0].body, "print(1 << 2)\n");
  EXPECT_EQ(df.instructions[3].keyword, "USER");
  EXPECT_EQ(df.instructions[3].line, 12);
  EXPECT_EQ(Error("FROM x\nRUN <<EOF\necho\n"), "Dockerfile:2: heredoc \"EOF\" is not terminated");
  // A shift is not a heredoc.
  const Dockerfile shift = Parse("RUN echo $((1<<2))\nUSER app\n");
  EXPECT_TRUE(shift.instructions[0].heredocs.empty());
  EXPECT_EQ(shift.instructions.size(), 2u);
}

TEST(DockerfileParser, UnknownInstructionNamesTheLine) {
  EXPECT_EQ(Error("FROM x\n\nRUNN echo\n"), "Dockerfile:3: unknown instruction: RUNN");
}

TEST(DockerfileParser, KeyValues) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  Result<Pairs> r =
      ParseKeyValues("A=1 B=\"two words\" C='x y' D=a\\ b E=\"q\\\"q\" F=", '\\', true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(
      *r,
      (Pairs{
          {"A", "1"}, {"B", "two words"}, {"C", "x y"}, {"D", "a b"}, {"E", "q\"q"}, {"F", ""}}));
  r = ParseKeyValues("API_TOKEN  some value here ", '\\', true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Pairs{{"API_TOKEN", "some value here"}}));
  r = ParseKeyValues("A=$HOME/x B=${USER:-me}", '\\', true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Pairs{{"A", "$HOME/x"}, {"B", "${USER:-me}"}}));
  EXPECT_FALSE(ParseKeyValues("A=1 oops", '\\', true).ok());
  EXPECT_FALSE(ParseKeyValues("A=\"open", '\\', true).ok());
  EXPECT_FALSE(ParseKeyValues("LEGACY value", '\\', false).ok());
}

// Expansion against a fixed environment: HOME=/root, EMPTY="", unset NOPE.
std::string Expanded(std::string_view word, char escape = '\\') {
  const VarLookup vars = [](std::string_view name) -> std::optional<std::string> {
    if (name == "HOME") return "/root";
    if (name == "EMPTY") return "";
    return std::nullopt;
  };
  Result<std::string> r = ProcessWord(word, escape, &vars);
  EXPECT_TRUE(r.ok()) << word << ": " << r.status().message();
  return r.ok() ? *r : "<error>";
}

TEST(DockerfileWords, QuotesAndExpansion) {
  EXPECT_EQ(Expanded("$HOME/x"), "/root/x");
  EXPECT_EQ(Expanded("${HOME}x"), "/rootx");
  EXPECT_EQ(Expanded("'$HOME'"), "$HOME");
  EXPECT_EQ(Expanded("\"$HOME\" and 'b c'"), "/root and b c");
  EXPECT_EQ(Expanded("\\$HOME"), "$HOME");
  EXPECT_EQ(Expanded("`$HOME", '`'), "$HOME");
  EXPECT_EQ(Expanded("$NOPE-"), "-");
  EXPECT_EQ(Expanded("cost: $5 $"), "cost:  $");  // $5 is a positional parameter: unset
  EXPECT_EQ(Expanded("$50"), "0");
  EXPECT_EQ(Expanded("${NOPE:-def}"), "def");
  EXPECT_EQ(Expanded("${EMPTY:-def}"), "def");
  EXPECT_EQ(Expanded("${EMPTY-def}"), "");
  EXPECT_EQ(Expanded("${HOME:+set}"), "set");
  EXPECT_EQ(Expanded("${EMPTY:+set}"), "");
  EXPECT_EQ(Expanded("${EMPTY+set}"), "set");
  EXPECT_EQ(Expanded("${NOPE:-${HOME}/d}"), "/root/d");
  EXPECT_EQ(Expanded("${NOPE:-'a b'}"), "a b");
  const VarLookup vars = [](std::string_view) { return std::optional<std::string>(); };
  EXPECT_EQ(ProcessWord("${NOPE:?give a token}", '\\', &vars).status().message(),
            "NOPE: give a token");
  EXPECT_NE(ProcessWord("${HOME#/}", '\\', &vars).status().message().find("unsupported"),
            std::string::npos);
  EXPECT_FALSE(ProcessWord("${HOME", '\\', &vars).ok());
  EXPECT_FALSE(ProcessWord("\"open", '\\', &vars).ok());
  // Without a lookup, references stay as written and quotes go.
  Result<std::string> raw = ProcessWord("\"${TOKEN:-x}\"'$A'", '\\', nullptr);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, "${TOKEN:-x}$A");
}

TEST(DockerfileWords, SplitKeepsQuotedBlanks) {
  EXPECT_EQ(SplitWords("a 'b c' \"d e\"f g\\ h", '\\'),
            (std::vector<std::string>{"a", "'b c'", "\"d e\"f", "g\\ h"}));
  const VarLookup vars = [](std::string_view) { return std::optional<std::string>("v"); };
  Result<std::vector<std::string>> w = ProcessWords("$X/src 'lit $X' dst/", '\\', &vars);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(*w, (std::vector<std::string>{"v/src", "lit $X", "dst/"}));
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  Result<Pairs> kv = ParseKeyValues("A=$X B='$X' C=\"${NOPE:-$X}\"", '\\', true, &vars);
  ASSERT_TRUE(kv.ok());
  EXPECT_EQ(*kv, (Pairs{{"A", "v"}, {"B", "$X"}, {"C", "v"}}));
}

// BuildKit's lexer keeps a word only when it is not empty: `COPY a $UNSET`
// and `COPY a ""` have one word. Found by fuzz.dockerfile: an empty
// destination was read with back() (out of bounds in a release build).
TEST(DockerfileWords, EmptyWordsAreDropped) {
  const VarLookup none = [](std::string_view) -> std::optional<std::string> {
    return std::nullopt;
  };
  for (const char* text : {"a $UNSET", "a \"\"", "a ''", "a \"$UNSET\" ${UNSET}"}) {
    Result<std::vector<std::string>> w = ProcessWords(text, '\\', &none);
    ASSERT_TRUE(w.ok()) << text;
    EXPECT_EQ(*w, (std::vector<std::string>{"a"})) << text;
  }
}

TEST(DockerfileStages, CopyToAnEmptyDestinationDoesNotCrash) {
  for (const char* text : {"FROM x\nCOPY src ./dst $UNSET\n", "FROM x\nCOPY [\"src\", \"\"]\n",
                           "FROM x\nADD a \"\"\n"}) {
    const Dockerfile df = Parse(text);
    Result<Build> b = ResolveBuild(df, {}, "");
    ASSERT_TRUE(b.ok()) << text << ": " << b.status().message();
    for (const CopyOp& c : b->stages[0].copies) {
      EXPECT_TRUE(c.sources.empty() || !c.dest.empty()) << text;
    }
  }
}

constexpr char kMultiStage[] =
    "ARG BASE=alpine:3.19\n"
    "ARG VERSION\n"
    "FROM ${BASE} AS Build\n"
    "ARG VERSION\n"
    "ARG TOKEN=dev-token\n"
    "ENV APP=/app HOME_DIR=$APP/home\n"
    "RUN make\n"
    "FROM build AS test\n"
    "RUN make test\n"
    "FROM scratch AS unused\n"
    "FROM debian AS tools\n"
    "FROM --platform=$BUILDPLATFORM alpine AS final\n"
    "COPY --from=build /app /app\n"
    "RUN --mount=type=bind,from=tools,target=/t ls /t\n";

TEST(DockerfileStages, StagesVariablesAndWhatTheTargetNeeds) {
  const Dockerfile df = Parse(kMultiStage);
  Result<Build> b = ResolveBuild(df, {{"VERSION", "1.2"}, {"BUILDPLATFORM", "linux/amd64"}}, "");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->stages.size(), 5u);
  EXPECT_EQ(b->stages[0].name, "build");
  EXPECT_EQ(b->stages[0].base, "alpine:3.19");
  EXPECT_EQ(b->stages[1].base_stage, 0);
  EXPECT_EQ(b->stages[4].platform, "linux/amd64");
  EXPECT_EQ(b->target, 4);
  std::vector<bool> needed;
  for (const Stage& s : b->stages) needed.push_back(s.needed);
  EXPECT_EQ(needed, (std::vector<bool>{true, false, false, true, true}));
  // RUN make (instruction 6) sees the re-declared global, the default, and
  // ENV; HOME_DIR used APP from before its ENV line, when APP was unset.
  EXPECT_EQ(
      b->vars[6],
      (Vars{{"APP", "/app"}, {"HOME_DIR", "/home"}, {"TOKEN", "dev-token"}, {"VERSION", "1.2"}}));
  // A stage built on another inherits its ENV, not its ARGs.
  EXPECT_EQ(b->vars[8], (Vars{{"APP", "/app"}, {"HOME_DIR", "/home"}}));
  EXPECT_EQ(b->stage_of[0], -1);
  EXPECT_EQ(b->stage_of[6], 0);

  b = ResolveBuild(df, {}, "TEST");
  ASSERT_TRUE(b.ok());
  needed.clear();
  for (const Stage& s : b->stages) needed.push_back(s.needed);
  EXPECT_EQ(needed, (std::vector<bool>{true, true, false, false, false}));
  b = ResolveBuild(df, {}, "2");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->target, 2);
  EXPECT_EQ(ResolveBuild(df, {}, "nope").status().message(),
            "Dockerfile: target stage \"nope\" not found");
  EXPECT_EQ(ResolveBuild(Parse("RUN x\nFROM a\n"), {}, "").status().message(),
            "Dockerfile:1: only ARG may come before the first FROM");
  EXPECT_EQ(ResolveBuild(Parse("ARG A=1\n"), {}, "").status().message(),
            "Dockerfile: no FROM instruction");
}

TEST(DockerfileStages, ContextCopiesAndWhatIsCopiedOrMounted) {
  const Dockerfile df = Parse(
      "FROM alpine AS a\n"
      "FROM alpine AS b\n"
      "FROM alpine\n"
      "ARG DIR=src\n"
      "COPY --exclude=./*.bak ./${DIR}/ conf/*.yml <<EOF /dst/\n"
      "x\n"
      "EOF\n"
      "ADD https://example.com/f.tgz . /x/\n"
      "COPY [\"./json dir/\", \"/y/\"]\n"
      "COPY --from=a /out /out\n"
      "RUN --mount=type=bind,from=b,target=/b true\n");
  Result<Build> b = ResolveBuild(df, {}, "");
  ASSERT_TRUE(b.ok()) << b.status().message();
  const Stage& last = b->stages[2];
  ASSERT_EQ(last.copies.size(), 4u);
  EXPECT_EQ(last.copies[0].sources, (std::vector<std::string>{"src", "conf/*.yml"}));
  EXPECT_EQ(last.copies[0].excludes, (std::vector<std::string>{"*.bak"}));
  EXPECT_EQ(last.copies[0].dest, "/dst");
  EXPECT_TRUE(last.copies[0].dest_is_dir);
  EXPECT_EQ(last.copies[1].sources, (std::vector<std::string>{""}));  // "." is everything
  EXPECT_TRUE(last.copies[1].add);
  EXPECT_EQ(last.copies[2].sources, (std::vector<std::string>{"json dir"}));
  EXPECT_TRUE(last.copies[2].from_context);
  EXPECT_FALSE(last.copies[3].from_context);
  EXPECT_EQ(last.copies[3].from_stage, 0);
  EXPECT_EQ(last.copies[3].dest, "/out");
  EXPECT_FALSE(last.copies[3].dest_is_dir);
  EXPECT_EQ(last.copies_from, (std::vector<int>{0}));
  EXPECT_EQ(last.mounts_from, (std::vector<int>{1}));
  EXPECT_TRUE(b->stages[0].needed && b->stages[1].needed);
}

TEST(DockerfileAnalysis, NamesThatSaySecretAsBuildKitReadsThem) {
  for (const char* yes : {"TOKEN", "GITHUB_TOKEN", "db_password", "API_KEY", "NPM_AUTH",
                          "AWS_CREDENTIALS", "SECRET", "MY_APIKEY_2"}) {
    EXPECT_TRUE(NameSaysSecret(yes)) << yes;
  }
  for (const char* no : {"TOKENS", "KEYBOARD", "PUBLIC_KEY", "API_KEY_FILE", "TOKEN_VERSION",
                         "PASSWORDLESS", "HOME", "tokenizer", ""}) {
    EXPECT_FALSE(NameSaysSecret(no)) << no;
  }
}

}  // namespace
}  // namespace ctxscan
