// Image references, registry credentials in auth files, authentication
// challenges and base64.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "image/image_reference.h"
#include "image/registry_auth.h"
#include "util/escape.h"

namespace ctxscan {
namespace {

TEST(ImageReference, DockerHubNamesGetTheirRegistryLibraryAndLatest) {
  const auto r = ParseImageReference("alpine");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->registry, "docker.io");
  EXPECT_EQ(r->host, "registry-1.docker.io");
  EXPECT_EQ(r->repository, "library/alpine");
  EXPECT_EQ(r->tag, "latest");
  EXPECT_EQ(r->Name(), "docker.io/library/alpine:latest");
  for (const char* hub : {"docker.io/alpine", "index.docker.io/library/alpine:latest"}) {
    const auto named = ParseImageReference(hub);
    ASSERT_TRUE(named) << hub;
    EXPECT_EQ(named->host, "registry-1.docker.io") << hub;
    EXPECT_EQ(named->Name(), "docker.io/library/alpine:latest") << hub;
  }
  const auto team = ParseImageReference("team/app:1.2");
  ASSERT_TRUE(team);
  EXPECT_EQ(team->repository, "team/app");
  EXPECT_EQ(team->tag, "1.2");
}

TEST(ImageReference, FirstComponentIsARegistryWhenItLooksLikeAHost) {
  const auto r = ParseImageReference("registry.example.com/team/app:1.2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->host, "registry.example.com");
  EXPECT_EQ(r->repository, "team/app");
  EXPECT_EQ(r->ManifestReference(), "1.2");
  const auto port = ParseImageReference("localhost:5000/app");
  ASSERT_TRUE(port);
  EXPECT_EQ(port->registry, "localhost:5000");
  EXPECT_EQ(port->repository, "app");  // no library/ outside Docker Hub
  EXPECT_EQ(port->tag, "latest");
  const auto local = ParseImageReference("localhost/app:2");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->registry, "localhost");
  const auto prefixed = ParseImageReference("docker://127.0.0.1:5555/team/app:1");
  ASSERT_TRUE(prefixed);
  EXPECT_EQ(prefixed->Name(), "127.0.0.1:5555/team/app:1");
}

TEST(ImageReference, DigestsAreAskedForByDigest) {
  const std::string digest = "sha256:" + std::string(64, 'a');
  const auto r = ParseImageReference("host.example:443/app:1.0@" + digest);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ManifestReference(), digest);
  EXPECT_EQ(r->tag, "");
  EXPECT_EQ(r->Name(), "host.example:443/app@" + digest);
}

TEST(ImageReference, RefusesWhatDockerRefuses) {
  for (const char* bad :
       {"", "Team/App", "app:", "app:-x", "app@sha256:abc", "/app", "app//x", "a..b",
        "host.example/", "app:" /* empty tag */, "app@md5:0123456789abcdef0123456789abcdef"}) {
    EXPECT_FALSE(ParseImageReference(bad)) << bad;
  }
  EXPECT_FALSE(ParseImageReference("app:" + std::string(129, 'x')));
  EXPECT_TRUE(ParseImageReference("a__b/c-d.e_f:v1.0-rc_1"));
}

TEST(ImageReference, PathsAreNotReferences) {
  for (const char* p : {"./app", "/srv/app.tar", "../x", "~/img", "app.tar", "app.tar.gz",
                        "app.tgz", "app.tar.zst"}) {
    EXPECT_TRUE(LooksLikePath(p)) << p;
  }
  for (const char* r : {"alpine", "team/app:1.2", "localhost:5000/app"}) {
    EXPECT_FALSE(LooksLikePath(r)) << r;
  }
}

std::string AuthOf(const std::string& user_password) {
  std::string out;
  AppendBase64(user_password, &out);
  return out;
}

TEST(RegistryAuth, FindsTheEntryWhateverItsKeyLooksLike) {
  const std::string file = R"({"auths": {
      "https://index.docker.io/v1/": {"auth": ")" +
                           AuthOf("hub-user:hub-pw") + R"("},
      "http://registry.example.com:5000/v2/": {"auth": ")" +
                           AuthOf("ex-user:p:w") + R"("}}})";
  Result<CredentialLookup> hub = CredentialsFromAuthFile(file, "docker.io", "cfg.json");
  ASSERT_TRUE(hub.ok());
  ASSERT_TRUE(hub->credentials);
  EXPECT_EQ(hub->credentials->username, "hub-user");
  EXPECT_EQ(hub->credentials->password, "hub-pw");
  EXPECT_EQ(hub->credentials->source, "cfg.json");
  Result<CredentialLookup> ex = CredentialsFromAuthFile(file, "registry.example.com:5000", "c");
  ASSERT_TRUE(ex.ok() && ex->credentials);
  EXPECT_EQ(ex->credentials->password, "p:w");  // split at the first colon
  Result<CredentialLookup> none = CredentialsFromAuthFile(file, "registry.example.com", "c");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->credentials);  // another port is another registry
}

TEST(RegistryAuth, MalformedFilesAndEntriesAreErrorsNamingTheFile) {
  Result<CredentialLookup> r = CredentialsFromAuthFile("{oops", "h", "/home/u/.docker/config.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "/home/u/.docker/config.json: not a JSON object");
  r = CredentialsFromAuthFile(R"({"auths": {"h": {"auth": "bm8tY29sb24="}}})", "h", "a.json");
  ASSERT_FALSE(r.ok());  // "no-colon"
  EXPECT_EQ(r.status().message(), "a.json: the \"auth\" of h is not base64 of \"user:password\"");
}

TEST(RegistryAuth, HelpersAndIdentityTokensAreNotedNotUsed) {
  Result<CredentialLookup> r = CredentialsFromAuthFile(
      R"({"auths": {"h": {}}, "credHelpers": {"h": "ecr-login"}, "credsStore": "desktop"})", "h",
      "c.json");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->credentials);
  ASSERT_EQ(r->notes.size(), 1U);
  EXPECT_NE(r->notes[0].find("docker-credential-ecr-login"), std::string::npos) << r->notes[0];
  r = CredentialsFromAuthFile(R"({"auths": {"h": {"identitytoken": "x"}}})", "h", "c.json");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->notes.size(), 1U);
  EXPECT_NE(r->notes[0].find("identity token"), std::string::npos);
}

TEST(AuthChallenge, ReadsBasicAndBearerChallenges) {
  auto basic = ParseAuthChallenge(R"(Basic realm="ctxscan test")");
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->scheme, "basic");
  EXPECT_EQ(basic->params.at("realm"), "ctxscan test");
  auto bearer = ParseAuthChallenge(
      R"(Bearer realm="https://auth.example.com/token",service="registry.example.com",)"
      R"(scope="repository:team/app:pull,push")");
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->scheme, "bearer");
  EXPECT_EQ(bearer->params.at("realm"), "https://auth.example.com/token");
  EXPECT_EQ(bearer->params.at("service"), "registry.example.com");
  EXPECT_EQ(bearer->params.at("scope"), "repository:team/app:pull,push");
  auto spaced = ParseAuthChallenge(R"(  BEARER Realm = "r\"q" , service=plain )");
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->params.at("realm"), "r\"q");
  EXPECT_EQ(spaced->params.at("service"), "plain");
  EXPECT_FALSE(ParseAuthChallenge(""));
  EXPECT_FALSE(ParseAuthChallenge(R"(Bearer realm="unclosed)"));
  EXPECT_FALSE(ParseAuthChallenge(R"(Bearer realm="a" service="b")"));  // no comma
}

TEST(Base64, DecodesWhatTheProjectsEncoderWritesAtEveryPaddingLength) {
  for (const std::string& s :
       std::vector<std::string>{"", "f", "fo", "foo", "user:pass", std::string("a\0b", 3)}) {
    EXPECT_EQ(Base64Decode(AuthOf(s)), s);
  }
  EXPECT_EQ(Base64Decode("Zm8="), "fo");
  EXPECT_FALSE(Base64Decode("abc"));
  EXPECT_FALSE(Base64Decode("ab!d"));
}

TEST(RegistryAuth, BasicAuthorizationIsBase64OfUserColonPassword) {
  EXPECT_EQ(BasicAuthorization({"ci-user", "pw:FAKE", "f"}), "Basic " + AuthOf("ci-user:pw:FAKE"));
}

}  // namespace
}  // namespace ctxscan
