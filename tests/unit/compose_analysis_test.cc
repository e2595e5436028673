// Compose file analysis: which compose snippets give which findings (a
// table of rule and line), the values reported, env files resolved against
// the context, merge keys, malformed and wrongly shaped input.
#include "compose/compose_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "ctxscan/findings/hash_key.h"

namespace ctxscan {
namespace {

// "env:LINE", "args:LINE", "env_file:LINE" for each finding, sorted.
std::vector<std::string> Summary(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    std::string id = f.rule->id;
    if (id == "compose.secret-in-environment") id = "env";
    if (id == "compose.secret-in-build-args") id = "args";
    if (id == "compose.env-file-in-context") id = "env_file";
    out.push_back(id + ":" + std::to_string(f.locations[0].line));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Finding> Analyze(std::string_view text, const std::set<std::string>& sent = {},
                             std::string_view path = "docker-compose.yml",
                             const std::vector<Finding>& findings = {}) {
  Result<std::vector<Finding>> r = AnalyzeCompose(path, text, sent, findings);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : std::vector<Finding>{};
}

struct Case {
  const char* name;
  const char* yaml;
  std::vector<std::string> want;
  std::set<std::string> sent = {};
  const char* path = "docker-compose.yml";
};

// Names the case in gtest's messages.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ComposeTable : public ::testing::TestWithParam<Case> {};

TEST_P(ComposeTable, FindsWhatItShould) {
  const Case& c = GetParam();
  EXPECT_EQ(Summary(Analyze(c.yaml, c.sent, c.path)), c.want) << c.yaml;
}

const std::set<std::string> kSent = {"docker-compose.yml", ".env",    "config/app.env", "app.env",
                                     "deploy/prod.env",    "prod.env"};

const Case kCases[] = {
    {"MapEnvironment",
     "services:\n"
     "  web:\n"
     "    image: nginx\n"
     "    environment:\n"
     "      DB_PASSWORD: s3cr3tPassw0rd\n"
     "      LOG_LEVEL: debug\n"
     "      AUTH_SECRET:\n"
     "      API_TOKEN: ''\n"
     "      GITHUB_TOKEN: 'ghx_8fK2mQ9zLp'\n",
     {"env:5", "env:9"}},
    {"ListEnvironment",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      - LOG_LEVEL=debug\n"
     "      - DB_PASSWORD=hunter2-but-longer\n"
     "      - API_TOKEN\n"
     "      - \"SECRET_KEY=k9Fj3Lm2Qw\"\n"
     "      - AUTH_TOKEN=\n",
     {"env:5", "env:7"}},
    {"Interpolation",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      DB_PASSWORD: ${DB_PASSWORD}\n"
     "      API_KEY: $API_KEY\n"
     "      SECRET_TOKEN: \"${TOKEN:-}\"\n"
     "      AUTH_TOKEN: prefix-${SUFFIX}\n"
     "      SECRET_KEY: k9Fj3$SUFFIX\n"
     "      APP_SECRET: k9Fj3$_x\n",
     {}},
    {"InterpolationInList",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      - DB_PASSWORD=${DB_PASSWORD:?set it}\n"
     "      - API_KEY=$API_KEY\n"
     "      - SECRET_KEY=k9Fj3${X:-abc}\n"
     "      - APP_SECRET=k9Fj3$suffix\n",
     {}},
    {"LiteralDefaultOfAnInterpolation",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      DB_PASSWORD: ${DB_PASSWORD:-Zq8pLm3Rt7Vw2Xy9}\n"
     "      API_TOKEN: \"${API_TOKEN-tok9Kx2Lm7Qz}\"\n"
     "      SECRET_KEY: ${SECRET_KEY:-}\n"
     "      AUTH_TOKEN: ${AUTH_TOKEN:-changeme}\n"
     "      APP_SECRET: ${APP_SECRET:-${OTHER}}\n"
     "      JWT_SECRET: ${JWT_SECRET:?required}\n",
     {"env:4", "env:5"}},
    {"EscapedDollarIsLiteral",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      DB_PASSWORD: \"pa$$w0rd-Real9\"\n"
     "      API_TOKEN: \"tok$$$$enValue7\"\n",
     {"env:4", "env:5"}},
    {"Placeholders",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      DB_PASSWORD: changeme\n"
     "      API_TOKEN: <your-token>\n"
     "      SECRET_KEY: xxx\n"
     "      AUTH_TOKEN: your_token_here\n"
     "      API_KEY: 'true'\n"
     "      SESSION_SECRET: \"{{ secret }}\"\n"
     "      REDIS_PASSWORD: null\n"
     "      MYSQL_PASSWORD: ~\n",
     {}},
    {"NamesThatDoNotSaySecret",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      PUBLIC_KEY: k9Fj3Lm2Qw0zP\n"
     "      API_KEY_FILE: /run/secrets/api_key\n"
     "      POSTGRES_USER: app\n"
     "      TOKENIZER: k9Fj3Lm2Qw0zP\n"
     "      KEYCLOAK_URL: http://kc:8080\n",
     {}},
    // A name that ends in what the value is about (a user, a method, a
    // mode) names a setting beside a secret, not the secret itself.
    {"SettingsBesideASecret",
     "services:\n"
     "  db:\n"
     "    environment:\n"
     "      POSTGRES_HOST_AUTH_METHOD: trust\n"
     "      TLS_AUTH_CLIENTS_USER: CN\n"
     "      REDIS_AUTH_MODE: acl\n"
     "      ADMIN_USER_PASSWORD: Zq8pLm3Rt7\n"
     "      AUTH_USER_TOKEN: k9Fj3Lm2Qw0zP\n",
     {"env:7", "env:8"}},
    {"NumbersAndBooleans",
     "services:\n"
     "  web:\n"
     "    environment:\n"
     "      DB_PASSWORD: 8462913\n"
     "      API_TOKEN: 12345678\n"
     "      AUTH_KEY: false\n"
     "      SECRET: 3.14159\n",
     {"env:4", "env:7"}},
    {"BuildArgs",
     "services:\n"
     "  api:\n"
     "    build:\n"
     "      context: .\n"
     "      args:\n"
     "        NPM_TOKEN: npm_k9Fj3Lm2Qw0zP\n"
     "        NODE_ENV: production\n"
     "        GIT_AUTH_TOKEN: ${GIT_AUTH_TOKEN}\n"
     "  worker:\n"
     "    build:\n"
     "      context: ./worker\n"
     "      args:\n"
     "        - PIP_PASSWORD=r3alPipPass\n"
     "        - API_KEY\n"
     "  plain:\n"
     "    build: .\n",
     {"args:13", "args:6"}},
    {"EnvFileForms",
     "services:\n"
     "  a:\n"
     "    env_file: .env\n"
     "  b:\n"
     "    env_file:\n"
     "      - ./config/app.env\n"
     "      - missing.env\n"
     "  c:\n"
     "    env_file:\n"
     "      - path: ./app.env\n"
     "        required: false\n"
     "      - path: ${ENV_DIR}/x.env\n"
     "      - {required: true}\n",
     {"env_file:10", "env_file:3", "env_file:6"},
     kSent},
    {"EnvFileNotSent",
     "services:\n"
     "  a:\n"
     "    env_file: [secret.env, /etc/app.env]\n",
     {},
     kSent},
    {"EnvFileOutsideTheContext",
     "services:\n"
     "  a:\n"
     "    env_file: ../outside.env\n"
     "  b:\n"
     "    env_file: config/../../prod.env\n",
     {},
     {"docker-compose.yml", "outside.env", "prod.env"}},
    {"EnvFileRelativeToTheComposeFile",
     "services:\n"
     "  a:\n"
     "    env_file:\n"
     "      - prod.env\n"
     "      - ../.env\n"
     "      - ../../.env\n",
     {"env_file:4", "env_file:5"},
     kSent,
     "deploy/docker-compose.prod.yml"},
    {"TwoEnvFilesOnOneLine",
     "services:\n"
     "  a:\n"
     "    env_file: [.env, app.env]\n",
     {"env_file:3", "env_file:3"},
     kSent},
    {"SecretsAreTheRightWay",
     "services:\n"
     "  web:\n"
     "    secrets:\n"
     "      - db_password\n"
     "      - source: api_token\n"
     "        target: /run/secrets/token\n"
     "    environment:\n"
     "      DB_PASSWORD_FILE: /run/secrets/db_password\n"
     "    build:\n"
     "      secrets: [npm_token]\n"
     "secrets:\n"
     "  db_password:\n"
     "    file: ./secrets/db_password.txt\n"
     "  api_token:\n"
     "    environment: API_TOKEN\n"
     "  npm_token:\n"
     "    file: .npmrc\n",
     {},
     {"docker-compose.yml", "secrets/db_password.txt", ".npmrc"}},
    {"MergeKeysInEnvironment",
     "x-env: &env\n"
     "  DB_PASSWORD: fromAnch0rValue\n"
     "  LOG_LEVEL: info\n"
     "services:\n"
     "  a:\n"
     "    environment:\n"
     "      <<: *env\n"
     "      API_TOKEN: own-t0ken-Value\n"
     "  b:\n"
     "    environment:\n"
     "      <<: *env\n"
     "  c:\n"
     "    environment:\n"
     "      <<: *env\n"
     "      DB_PASSWORD: ${DB_PASSWORD}\n",
     {"env:2", "env:8"}},
    {"MergeKeysOnTheService",
     "x-common: &common\n"
     "  env_file: .env\n"
     "  environment:\n"
     "    - SECRET_KEY=k9Fj3Lm2Qw0z\n"
     "x-more: &more\n"
     "  build:\n"
     "    args: {NPM_TOKEN: npm_Zk29fLq0}\n"
     "services:\n"
     "  web:\n"
     "    <<: [*common, *more]\n"
     "    image: app\n",
     {"args:7", "env:4", "env_file:2"},
     kSent},
    {"AliasedEnvironment",
     "x-env: &env\n"
     "  - API_TOKEN=al1asedT0ken\n"
     "services:\n"
     "  a: {environment: *env}\n"
     "  b: {environment: *env}\n",
     {"env:2"}},
    {"QuotedMergeKeyIsAnOrdinaryKey",
     "services:\n"
     "  a:\n"
     "    environment:\n"
     "      \"<<\": {DB_PASSWORD: n0tMerged99}\n",
     {}},
    {"SelfMerge",
     "x: &a\n"
     "  <<: *a\n"
     "  DB_PASSWORD: s3lfMergeValue\n"
     "services:\n"
     "  a:\n"
     "    environment: *a\n",
     {"env:3"}},
    {"FlowStyle",
     "services: {web: {environment: {DB_PASSWORD: fl0wStyleSecret}, env_file: [.env]}}\n",
     {"env:1", "env_file:1"},
     kSent},
    {"NoServices", "version: '3'\nvolumes: {data: {}}\n", {}},
    {"EmptyDocument", "", {}},
    {"CommentsOnly", "# nothing here\n", {}},
};

INSTANTIATE_TEST_SUITE_P(Compose, ComposeTable, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return std::string(param.param.name);
                         });

TEST(ComposeAnalysis, ReportsTheValueComposePasses) {
  const std::vector<Finding> f = Analyze(
      "services:\n"
      "  web:\n"
      "    environment:\n"
      "      DB_PASSWORD: \"pa$$w0rd-Real9\"\n"
      "      SECRET: 8462913\n"
      "      API_TOKEN: pa$-word-x9\n");
  ASSERT_EQ(f.size(), 3u);
  std::set<std::string> secrets;
  std::vector<Finding> keyed = f;
  KeyFindings(HashKey{std::string(32, 'k'), "test"}, &keyed);
  for (const Finding& x : keyed) {
    secrets.insert(x.secret);
    EXPECT_EQ(x.kind, FindingKind::kCompose);
    EXPECT_EQ(x.severity, Severity::kHigh);
    EXPECT_FALSE(x.secret_hmac.empty());
    EXPECT_FALSE(x.fingerprint.empty());
    EXPECT_EQ(x.locations[0].path, "docker-compose.yml");
    EXPECT_EQ(x.locations[0].column, 1u);
  }
  EXPECT_EQ(secrets, (std::set<std::string>{"pa$w0rd-Real9", "8462913", "pa$-word-x9"}));
}

TEST(ComposeAnalysis, DetailNamesTheVariableAndTheService) {
  std::vector<Finding> f = Analyze(
      "services:\n"
      "  api:\n"
      "    environment: [DB_PASSWORD=s3cr3tPassw0rd]\n"
      "    build: {args: [NPM_TOKEN=npm_Zk29fLq0]}\n"
      "    env_file: config/app.env\n",
      kSent);
  ASSERT_EQ(f.size(), 3u);
  std::set<std::string> details;
  for (const Finding& x : f) details.insert(x.detail);
  EXPECT_EQ(details, (std::set<std::string>{
                         "DB_PASSWORD in the environment of service api",
                         "NPM_TOKEN in the build arguments of service api",
                         "service api reads env file config/app.env, which the build context sends",
                     }));
  for (const Finding& x : f) {
    if (x.rule->id == "compose.env-file-in-context") {
      EXPECT_TRUE(x.secret.empty());
      EXPECT_EQ(x.severity, Severity::kMedium);
    }
  }
}

TEST(ComposeAnalysis, ContentFindingOnTheLineIsNotRepeated) {
  const char* yaml =
      "services:\n"
      "  web:\n"
      "    environment:\n"
      "      GITHUB_TOKEN: ghp_k9Fj3Lm2Qw0zPk9Fj3Lm2Qw0zPk9Fj3Lm2\n"
      "      DB_PASSWORD: s3cr3tPassw0rd\n";
  Finding content;
  content.kind = FindingKind::kSecret;
  content.secret = "ghp_k9Fj3Lm2Qw0zPk9Fj3Lm2Qw0zPk9Fj3Lm2";
  Location l;
  l.path = "docker-compose.yml";
  l.line = 4;
  content.locations.push_back(l);
  // Same secret elsewhere: does not count.
  Finding other = content;
  other.secret = "s3cr3tPassw0rd";
  other.locations[0].path = "other.yml";
  other.locations[0].line = 5;
  EXPECT_EQ(Summary(Analyze(yaml, {}, "docker-compose.yml", {content, other})),
            (std::vector<std::string>{"env:5"}));
  // A content finding holding a part of the value, or the whole line, covers it.
  Finding part = other;
  part.secret = "Passw0rd";
  part.locations[0].path = "docker-compose.yml";
  EXPECT_EQ(Summary(Analyze(yaml, {}, "docker-compose.yml", {content, part})),
            (std::vector<std::string>{}));
  part.secret = "DB_PASSWORD: s3cr3tPassw0rd";
  EXPECT_EQ(Summary(Analyze(yaml, {}, "docker-compose.yml", {content, part})),
            (std::vector<std::string>{}));
}

TEST(ComposeAnalysis, BlockScalarIsCoveredOnItsOwnLine) {
  const char* yaml =
      "services:\n"
      "  web:\n"
      "    environment:\n"
      "      SECRET_KEY: |\n"
      "        k9Fj3Lm2Qw0zPk9Fj3Lm2\n";
  std::vector<Finding> f = Analyze(yaml);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].secret, "k9Fj3Lm2Qw0zPk9Fj3Lm2\n");
  Finding content;
  content.secret = "k9Fj3Lm2Qw0zPk9Fj3Lm2";
  Location l;
  l.path = "docker-compose.yml";
  l.line = 5;
  content.locations.push_back(l);
  EXPECT_TRUE(Analyze(yaml, {}, "docker-compose.yml", {content}).empty());
  // Folded: the value's lines are joined with spaces.
  const char* folded =
      "services:\n"
      "  web:\n"
      "    environment:\n"
      "      SECRET_KEY: >-\n"
      "        k9Fj3Lm2Qw0z\n"
      "        Pk9Fj3Lm2\n";
  content.secret = "Pk9Fj3Lm2";
  content.locations[0].line = 6;
  EXPECT_TRUE(Analyze(folded, {}, "docker-compose.yml", {content}).empty());
  content.locations[0].line = 7;
  EXPECT_EQ(Analyze(folded, {}, "docker-compose.yml", {content}).size(), 1u);
}

TEST(ComposeAnalysis, LocationSaysWhetherTheComposeFileIsSent) {
  const char* yaml = "services: {web: {environment: {DB_PASSWORD: s3cr3tPassw0rd}}}\n";
  std::vector<Finding> f = Analyze(yaml, {"docker-compose.yml"});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0].locations[0].sent);
  f = Analyze(yaml, {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].locations[0].sent);
}

TEST(ComposeAnalysis, FingerprintsAreStableAndDistinct) {
  const char* yaml = "services:\n  a:\n    env_file: [.env, app.env]\n";
  std::vector<Finding> f1 = Analyze(yaml, kSent);
  std::vector<Finding> f2 = Analyze(yaml, kSent);
  KeyFindings(HashKey{std::string(32, 'k'), "test"}, &f1);
  KeyFindings(HashKey{std::string(32, 'k'), "test"}, &f2);
  ASSERT_EQ(f1.size(), 2u);
  ASSERT_EQ(f2.size(), 2u);
  EXPECT_NE(f1[0].fingerprint, f1[1].fingerprint);
  EXPECT_EQ(f1[0].fingerprint, f2[0].fingerprint);
  EXPECT_EQ(f1[1].fingerprint, f2[1].fingerprint);
}

TEST(ComposeAnalysis, MalformedYamlIsAnErrorWithTheLine) {
  Result<std::vector<Finding>> r = AnalyzeCompose("app/compose.yaml",
                                                  "services:\n"
                                                  "  web:\n"
                                                  "    environment: [A=1\n"
                                                  "    image: x\n",
                                                  {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("app/compose.yaml:4: invalid YAML: ", 0), 0u)
      << r.status().message();
  r = AnalyzeCompose("compose.yml", "services:\n  web: {a: 1\n  b: [\n", {}, {});
  ASSERT_FALSE(r.ok());
  r = AnalyzeCompose("compose.yml", "a: b\n  c: d\n", {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("compose.yml:2: invalid YAML: ", 0), 0u)
      << r.status().message();
}

TEST(ComposeAnalysis, WrongShapesAreSkipped) {
  const char* const kDocs[] = {
      "just a string\n",
      "- a\n- b\n",
      "services: [web, db]\n",
      "services: web\n",
      "services: {web: [environment]}\n",
      "services: {web: {environment: DB_PASSWORD=x9sEcret}}\n",
      "services: {web: {environment: [[DB_PASSWORD=x9sEcret]]}}\n",
      "services: {web: {environment: [{DB_PASSWORD: x9sEcret}]}}\n",
      "services: {web: {environment: {DB_PASSWORD: [x9sEcret]}}}\n",
      "services: {web: {environment: {DB_PASSWORD: {a: b}}}}\n",
      "services: {web: {environment: {[DB_PASSWORD]: x9sEcret}}}\n",
      "services: {web: {build: [args]}}\n",
      "services: {web: {build: {args: DB_PASSWORD}}}\n",
      "services: {web: {env_file: {path: .env}}}\n",
      "services: {web: {env_file: [[.env]]}}\n",
      "services: {web: {env_file: [{path: [.env]}]}}\n",
      "services: {web: {env_file: [{path: {a: b}}]}}\n",
      "services: {web: {<<: [1, [2], {a: b}]}}\n",
      "services: {web: {<<: 7}}\n",
      "services: {? [a, b] : {environment: {DB_PASSWORD: x9sEcret}}}\n",
      "services: !!binary aGVsbG8=\n",
      "services: {web: {env_file: ''}}\n",
      "services: {web: {env_file: .}}\n",
      "services: {web: {env_file: ..}}\n",
      "services: {web: {env_file: '$$'}}\n",
      "services: {web: {environment: {DB_PASSWORD: '$'}}}\n",
      "--- {services: {}}\n--- [1]\n",
  };
  for (const char* doc : kDocs) {
    Result<std::vector<Finding>> r =
        AnalyzeCompose("docker-compose.yml", doc, {".", ".env", "docker-compose.yml"}, {});
    ASSERT_TRUE(r.ok()) << doc << ": " << r.status().message();
    EXPECT_TRUE(r->empty()) << doc;
  }
}

TEST(ComposeAnalysis, DeepAndCyclicInputEnds) {
  std::string deep(5000, '[');
  EXPECT_FALSE(AnalyzeCompose("compose.yml", deep, {}, {}).ok());
  // Maps merging each other twice over: each is read once, and at most 64
  // are merged into one (service a reaches no further than x136).
  std::string merges = "x0: &a0 {DB_PASSWORD: m3rgedSecret}\n";
  for (int i = 1; i < 200; ++i) {
    merges += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " {<<: [*a" +
              std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]}\n";
  }
  merges += "services: {a: {environment: *a199}, b: {environment: *a10}}\n";
  EXPECT_EQ(Summary(Analyze(merges)), (std::vector<std::string>{"env:1"}));
}

TEST(ComposeAnalysis, AliasBombIsAnError) {
  // A thousand-key environment aliased by 210 services: over 200000
  // entries to read, from a 20 kB file.
  std::string yaml = "x: &env\n";
  for (int i = 0; i < 1000; ++i) yaml += "  V" + std::to_string(i) + ": v\n";
  yaml += "services:\n";
  for (int i = 0; i < 210; ++i) yaml += "  s" + std::to_string(i) + ": {environment: *env}\n";
  Result<std::vector<Finding>> r = AnalyzeCompose("compose.yml", yaml, {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "compose.yml: too big to analyse: aliases and merge keys make it more than 200000 "
            "entries");
}

TEST(ComposeFile, RecognisedByName) {
  for (const char* yes :
       {"docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml",
        "docker-compose.override.yml", "docker-compose.prod.yaml", "compose.dev.yml",
        "compose.a.b.yaml", "deploy/docker-compose.yml", "a/b/c/compose.prod.yaml"}) {
    EXPECT_TRUE(IsComposeFile(yes)) << yes;
  }
  for (const char* no :
       {"", "compose", "compose.json", "docker-compose.yml.bak", "composer.yml", "compose..yml",
        "my-compose.yml", "Docker-Compose.yml", "compose.yml/x", "docker-compose-prod.yml",
        "compose.yml.j2", "deploy/compose/app.yml", ".compose.yml"}) {
    EXPECT_FALSE(IsComposeFile(no)) << no;
  }
}

TEST(ComposeRules, BuiltInAndDistinct) {
  const std::vector<Rule>& rules = ComposeRules();
  ASSERT_EQ(rules.size(), 3u);
  std::set<std::string> ids;
  for (const Rule& r : rules) {
    ids.insert(r.id);
    EXPECT_EQ(r.category, "compose");
    EXPECT_EQ(r.origin, "(built in)");
    EXPECT_FALSE(r.description.empty());
    EXPECT_FALSE(r.remediation.empty());
    EXPECT_EQ(&ComposeRule(r.id), &r);
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ComposeRule("compose.secret-in-environment").severity, Severity::kHigh);
  EXPECT_EQ(ComposeRule("compose.secret-in-build-args").severity, Severity::kHigh);
  EXPECT_EQ(ComposeRule("compose.env-file-in-context").severity, Severity::kMedium);
}

}  // namespace
}  // namespace ctxscan
