// Post-match filters: entropy, placeholders, structural validators.
#include "ctxscan/match/filters.h"

#include <gtest/gtest.h>

#include "match/value_score.h"

namespace ctxscan {
namespace {

TEST(Filters, ShannonEntropy) {
  EXPECT_DOUBLE_EQ(ShannonEntropy(""), 0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("abab"), 1);
  EXPECT_NEAR(ShannonEntropy("0123456789abcdef"), 4, 1e-9);
  EXPECT_GT(ShannonEntropy("FAKE8aspm4G7VmSUfOoD6V1vrORcmn2z9wCl"), 4.5);
}

TEST(Filters, CtxscansOwnRedactionIsNoSecret) {
  // A committed ctxscan report or baseline holds secrets redacted this way;
  // scanning the repository again must not report them.
  EXPECT_TRUE(LooksLikePlaceholder("q8Jx3v\xE2\x80\xA6[hmac:0cd28be1]"));
  EXPECT_TRUE(LooksLikePlaceholder("\"AKIA4\xE2\x80\xA6[hmac:404f8ef0]\""));
}

TEST(Filters, PlaceholdersAreRecognised) {
  for (const char* p :
       {"", "changeme", "\"${DB_PASSWORD}\"", "$TOKEN", "{{ .Values.token }}", "<your-api-key>",
        "xxxxxxxxxxxx", "********", "AKIAIOSFODNN7EXAMPLE", "your_token_here", "true", "null",
        "00000000", "12345678", "%API_KEY%", "[secret]", "replace_me"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  for (const char* s : {"Xq7vLp2mWz9RkT4s", "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",
                        "s3cr3t-Pa55w0rd!", "9f86d081884c7d65"}) {
    EXPECT_FALSE(LooksLikePlaceholder(s)) << s;
  }
}

TEST(Filters, Base62Crc32) {
  // Made with scripts/fake-token.py (CRC32 of the random part, base62).
  EXPECT_TRUE(RunValidator("base62-crc32", "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"));
  EXPECT_TRUE(RunValidator("base62-crc32", "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"));
  EXPECT_FALSE(RunValidator("base62-crc32", "ghp_FAKE8aspm4G7VmSUfOoD6V1vrORcmn2z9wCm"));
  EXPECT_FALSE(RunValidator("base62-crc32", "ghp_"));
  EXPECT_FALSE(RunValidator("no-such-validator", "x"));
}

TEST(Filters, JwtShape) {
  // {"alg":"HS256","typ":"JWT"} . {"sub":"fake"} . signature
  EXPECT_TRUE(
      RunValidator("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJl"));
  EXPECT_FALSE(RunValidator("jwt", "eyJzdWIiOiJmYWtlIn0.eyJzdWIiOiJmYWtlIn0.c2ln"));  // no alg
  EXPECT_FALSE(RunValidator("jwt", "eyJhbGciOiJIUzI1NiJ9"));
}

// The value score tells random strings from words and identifiers where
// Shannon entropy cannot: short random passwords have low entropy too.
TEST(ValueScore, RandomStringsOutscoreWordsAndIdentifiers) {
  for (const char* random : {"jnpvqx", "kszs82", "f7cb29e1", "RXXWabQz", "FAKEq7vLp2mWz9Rk",
                             "dafa7817-e246-4b1c-9d3e-0a1b2c3d4e5f"}) {
    for (const char* word : {"password", "Passwort", "changeme", "config_value", "getenv",
                             "bert-base-uncased-vocab", "hunter", "Welcome", "Authorization"}) {
      EXPECT_GT(ValueScore(random), ValueScore(word)) << random << " vs " << word;
    }
  }
  EXPECT_GE(ValueScore("kszs82"), 4.5);
  EXPECT_LT(ValueScore("password"), 4.0);
  EXPECT_LT(ValueScore("configuration"), 3.5);
}

TEST(ValueScore, BeatsEntropyOnShortRandomPasswords) {
  // Equal entropy (four distinct letters), very different scores.
  EXPECT_DOUBLE_EQ(ShannonEntropy("sxyb"), ShannonEntropy("word"));
  EXPECT_GT(ValueScore("sxyb"), ValueScore("word") + 1.5);
}

TEST(ValueScore, EmptyAndSymbolOnlyValuesScoreZero) {
  EXPECT_DOUBLE_EQ(ValueScore(""), 0);
  EXPECT_DOUBLE_EQ(ValueScore("--__.."), 0);
}

TEST(Filters, CodeAndEnvironmentReferencesArePlaceholders) {
  for (const char* p :
       {"DB_PASSWORD", "GITHUB_TOKEN", "os.getenv", "this.password", "config.password",
        "process.env.API_KEY", "%s", "%(password)s", "<password>", "your-api-token", "abcdefgh"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  for (const char* s : {"Pseg2020", "kszs82", "Q7_vLp2mWz9Rk", "x/NSq7vLp2mWz9Rk+Q=="}) {
    EXPECT_FALSE(LooksLikePlaceholder(s)) << s;
  }
}

TEST(Filters, DemoCredentialsArePlaceholders) {
  for (const char* p : {"pass", "my-password", "test_password", "mysecret", "testpass123", "demo",
                        "oauth2", "private-token", "gitlab-ci-token"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  EXPECT_FALSE(LooksLikePlaceholder("Pseg2020"));
}

// Values a test writes to be refused, and text that stands where a value
// will go: seen as false alarms in the real-world review (docs/quality.md).
TEST(Filters, DeliberatelyWrongAndFillInValuesArePlaceholders) {
  for (const char* p : {"wrong", "Weak", "invalid", "incorrect", "SecurePwdGoesHere",
                        "sample-qz8Lm2Xw9Rt4Yp8Nc3Vb", "sample_52d0e6f1b"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  for (const char* s : {"Wrongful7Kq", "samplerKq7mZp2x", "weakling-Zq8pLm3R"}) {
    EXPECT_FALSE(LooksLikePlaceholder(s)) << s;
  }
}

Rule GenericRule() {
  Rule r;
  r.id = "generic.quoted-assignment";
  r.category = "generic";
  r.confidence = Confidence::kLow;
  return r;
}

// A stored password hash (Django, passlib, Werkzeug) under a password key is
// what the application keeps instead of the password: not a credential.
TEST(Filters, PasswordHashesAreNotSecrets) {
  const Rule r = GenericRule();
  Confidence c;
  std::uint8_t lowered;
  for (const char* h :
       {"pbkdf2_sha256$600000$FAKEq7Lm2Xw9Rt4Y$FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5aa1QzW=",
        "argon2$argon2id$v=19$m=102400,t=2,p=8$RkFLRXNhbHQ$FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6",
        "bcrypt_sha256$$2b$12$FAKEq7Lm2Xw9Rt4Yp8Nc3uVb6Hd1Ks5aa1QzWq7Lm2Xw9Rt4Yp8",
        "pbkdf2:sha256:600000$FAKEq7Lm$9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c"}) {
    EXPECT_FALSE(JudgeSecret(r, h, &c, &lowered)) << h;
  }
  for (const char* s : {"pa$$w0rd$Kq7", "Xq7$vLp2$mWz9Rk", "sha256-Kq7mZp2xL9wR"}) {
    EXPECT_TRUE(JudgeSecret(r, s, &c, &lowered)) << s;
  }
}

// Unquoted values in code that are code: a number literal (Go's
// `tokenEOF = 0x1b`) or a lowerCamel variable (`password = smtpPasswd`),
// seen as false alarms in the real-world review. Quoted, or with digits in a
// word, or capitalised as a made-up password, the value is still judged.
TEST(Filters, UnquotedNumbersAndVariablesAreCode) {
  const Rule r = GenericRule();
  Confidence c = Confidence::kLow;
  std::uint8_t lowered = 0;
  EXPECT_FALSE(JudgeSurroundings(r, "\tSYS_TOKEN = ", "0x1b", "\n", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "\ttokenEOF = ", "0xFFFF", "\n", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "\tpassword = ", "smtpPasswd", "\n", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "    token := ", "pbrtDoc", "\n", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "Password: ", "KoelIsCool", "\n", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "password = \"", "smtpPasswd", "\"", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "DB_PASSWORD=", "0x1bF7kQz9Lm", "\n", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "secret = ", "hunterPass42", "\n", &c, &lowered));
  // Random letters in both cases are a value, not a lowerCamel name.
  EXPECT_TRUE(
      JudgeSurroundings(r, "updown_secret: ", "eitqQdvRbsMFCjOuZLftliNz", "\n", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "API_SECRET=", "hGfTyReWqAsDfGhJkLpOiUyT", "\n", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "token = ", "getUserTokenFromConfig", "\n", &c, &lowered));
  // One capital, but the letters are random, not words: a value.
  EXPECT_TRUE(
      JudgeSurroundings(r, "SONARQUBE_POSTGRES_PASSWORD=", "smqjgItqb", "\n", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "api_token: ", "wkxqzvBbfhmrtz", "\n", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "\tpassword = ", "oldPwd", "\n", &c, &lowered));
  // A snake_case name in an argument list is a variable; at the end of a
  // line it may be a password someone typed.
  EXPECT_FALSE(
      JudgeSurroundings(r, "Auth(user, password=", "ntlm_hash", ", domain)", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "connect(password=", "db_password", ")", &c, &lowered));
  EXPECT_FALSE(
      JudgeSurroundings(r, "User(hashed_password=", "argon2_hash", ", is_active)", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "DB_PASSWORD=", "tundra_quill", "\n", &c, &lowered));
}

// A value that restates its own key (an enum's MFA_TOKEN = 'mfa_token', a
// catalogue's "DARKTOKEN": "DarkToken") names the key, it is no secret; a
// value with digits, or one that only shares a service's name with its key,
// is still judged as a value.
TEST(Filters, AValueThatRestatesItsKeyIsNoSecret) {
  const Rule r = GenericRule();
  Confidence c = Confidence::kLow;
  std::uint8_t lowered = 0;
  EXPECT_FALSE(JudgeSurroundings(r, "  \"DARKTOKEN\": \"", "DarkToken", "\",", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "  MFA_TOKEN = '", "mfa_token", "',", &c, &lowered));
  EXPECT_FALSE(JudgeSurroundings(r, "\"TOKEN\": \"", "TokenFi", "\"", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "API_TOKEN = \"", "Kq7mZp2xL9wR", "\"", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "password: \"", "Blueberry", "\"", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "SESSION_SECRET = \"", "session-Kq7mZp2x", "\"", &c, &lowered));
  // Dev credentials that share a name with their key are still credentials.
  EXPECT_TRUE(JudgeSurroundings(r, "DATABASE_URL=postgres://postgres:", "postgres", "@db:5432", &c,
                                &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "    shopdb_password: '", "shopdb", "',", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "  - \"MINIO_ROOT_PASSWORD=", "minioadmin", "\"", &c, &lowered));
  EXPECT_TRUE(JudgeSurroundings(r, "const string AUTH_KEY = \"", "AuthKeyForTheWholeFleetOfServers",
                                "\";", &c, &lowered));
  EXPECT_TRUE(
      JudgeSurroundings(r, "Client{UserID: 1, Token: \"", "customtoken", "\"})", &c, &lowered));
  Rule provider = GenericRule();
  provider.id = "test.token";
  provider.category = "test";
  EXPECT_TRUE(JudgeSurroundings(provider, "  \"DARKTOKEN\": \"", "DarkToken", "\"", &c, &lowered));
}

TEST(Filters, TemplateMarkersArePlaceholders) {
  for (const char* p : {"__SECRET__", "__DB_PASSWORD__", "not-a-real-secret", "not_a_real_key"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  EXPECT_FALSE(LooksLikePlaceholder("__init_Kq8x"));
}

// Passwords people make: a word with digits or symbols, or digits without a
// run; their value score is below the generic rules' threshold (Harbor2003
// 3.5) yet they are passwords. Runs, repeats and demo words are not.
TEST(Filters, MadePasswordsAreRecognised) {
  for (const char* s :
       {"Harbor2003", "Basil1991", "amber*964E", "winter-cobalt-harbor68", "58574916", "Pseg2020",
        "orbit.225R", "tundra!345T", "whsx41", "Sierra1999", "Tiger2000"}) {
    EXPECT_TRUE(LooksLikeMadePassword(s)) << s;
  }
  for (const char* s : {"guest",
                        "promise",
                        "invalid",
                        "postgres",
                        "1234567",
                        "987654321",
                        "pass1234",
                        "test123456",
                        "user_2",
                        "String!",
                        "secret!!!",
                        "12345",
                        "2024-01-01",
                        "v1.2.3",
                        "aaa111",
                        "password1",
                        "admin2020",
                        "4321",
                        "client_key_passphrase",
                        "on_create"}) {
    EXPECT_FALSE(LooksLikeMadePassword(s)) << s;
  }
}

// Random hex (UUIDs, hex API keys and salts) scores low on the value score,
// which folds every digit into one symbol, yet it is as random as base64 of
// the same bits; under a secret-named key it is a secret. Repeats, runs and
// the nil UUID are not.
TEST(Filters, RandomHexIsRecognised) {
  for (const char* s : {"3d6053a5-24e9-4371-be11-20a55f438d21",
                        "427A98C8-0B70-4A5A-9799-38081DE2B902", "7818581121957df754d324e970f46a22",
                        "2149e110290ec1ed154e523c", "e763391f239d99adb35195a39217d417"}) {
    EXPECT_LT(ValueScore(s), 4.2) << s;  // why the check exists
    EXPECT_TRUE(LooksLikeRandomHex(s)) << s;
  }
  for (const char* s :
       {"00000000-0000-0000-0000-000000000000", "ffffffffffffffffffffffff",
        "0123456789abcdef0123456789abcdef", "deadbeefdeadbeef", "20240101120000",
        "1234567890123456", "abcdefabcdefabcd", "3d6053a5-24e9", "3d6053a5x24e94371be",
        "3d6053A5-24e9-4371-be11-20a55f438d21", "e763391f239d99a"}) {
    EXPECT_FALSE(LooksLikeRandomHex(s)) << s;
  }
}

// A bcrypt salt ($2b$, the cost, then 22 characters) is a value, not a $VAR
// reference; a whole bcrypt hash under a password key stays a stored hash.
TEST(Filters, BcryptSaltsAreNoPlaceholders) {
  EXPECT_FALSE(LooksLikePlaceholder("$2b$12$FAKEq7Lm2Xw9Rt4Yp8Nc3u"));
  EXPECT_FALSE(LooksLikePlaceholder("$2a$10$FAKE./Lm2Xw9Rt4Yp8Nc3u"));
  EXPECT_TRUE(
      LooksLikePlaceholder("$2b$12$FAKEq7Lm2Xw9Rt4Yp8Nc3uVb6Hd1Ks5aa1QzWq7Lm2Xw9Rt4Yp8Nc3"));
  EXPECT_TRUE(LooksLikePlaceholder("$2b$HASH_SALT"));
  EXPECT_TRUE(LooksLikePlaceholder("$BCRYPT_SALT_VALUE_1234"));
}

// A value encrypted by SOPS (ENC[AES256_GCM,data:...,type:str]) needs the
// key that decrypts it; the encrypted text is no credential.
TEST(Filters, SopsEncryptedValuesArePlaceholders) {
  EXPECT_TRUE(
      LooksLikePlaceholder("ENC[AES256_GCM,data:FAKEIu90PyzNzsNUtQ3k,iv:FAKEjo6C3Nn9Ys+"
                           "QPKiKmrf40kXcg5Q=,tag:FAKEP5Wjb8==,"
                           "type:str]"));
  EXPECT_FALSE(LooksLikePlaceholder("ENCq7vLp2mWz9RkT4s"));
}

// Values people type when a value is wanted but not a secret, seen as false
// alarms on labelled real code: keyboard rows (zxcv, hjkl), counting runs put
// together (ghi789, abcd1234), a demo word spelt with digits (s3cr3t,
// p@ssw0rd) or followed by them (foobar1), form validation rules, markers,
// and values that name a secret instead of holding one (ENVTOKEN,
// myJwtSecret). A value with a random part stays a value.
TEST(Filters, TypedStandInsArePlaceholders) {
  for (const char* p : {"zxcv",
                        "hjkl",
                        "uiop",
                        "qwertyui",
                        "asdfghjk",
                        "ghi789",
                        "abc456",
                        "abcd1234",
                        "abcdef123456",
                        "s3cr3t",
                        "s3cret",
                        "p@ssw0rd",
                        "P4ssw0rd",
                        "foobar1",
                        "hunter2",
                        "secret1",
                        "blah",
                        "blabla",
                        "required|min:8",
                        "nullable|string|max:255",
                        "_HEARTBEAT_PASS_",
                        "ENVTOKEN",
                        "GITHUBTOKEN",
                        "myJwtSecret",
                        "passphrase1",
                        "my_oauth_token",
                        "AAAA%2FAAA%3DAAAAAAAA",
                        "AAAA/AAA=AAAAAAAA",
                        "passw",
                        "passw2",
                        "foo:bar",
                        "test_test",
                        "yadayada",
                        "blahblah",
                        "my_pwd",
                        "OAUTHBEARER"}) {
    EXPECT_TRUE(LooksLikePlaceholder(p)) << p;
  }
  for (const char* s :
       {"abab", "Harbor12345", "tundra!345T", "Xq7vLp2mWz9RkT4s", "zxcvQ8r!Lm2", "Sierra1999",
        "ghi7Kq2x", "s3cr3tKq7mZp2xL9wR", "foobarKq7mZp2x", "Tok3nQ8rLm2Xw9", "Kq7mZp2x|w9Rt4Y",
        "x_Kq7mZp2x_", "test123", "SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes", "pass:Kq7mZp2x",
        "Kq7mKq7m1", "papaya-Kq7m", "AAAAkq7ZpXw9Rt4Yp8Nc3Vb6"}) {
    EXPECT_FALSE(LooksLikePlaceholder(s)) << s;
  }
}

// Stored password hashes in the schemes LDAP, Dovecot and Spring Security
// write ({SHA}, {SSHA512}, {bcrypt}), Spring Cloud Config's encrypted
// {cipher} values and ASP.NET Identity's v3 hashes (AQAAAAE...) are not the
// password, under any rule but the hash-file rules; Spring's {noop} prefix
// marks a plain password.
TEST(Filters, SchemeTaggedHashesAreNotSecrets) {
  Rule pypirc = GenericRule();
  pypirc.id = "credential-file.pypirc";
  pypirc.category = "package-registry";
  Rule hashes = GenericRule();
  hashes.id = "credential-file.htpasswd";
  hashes.category = "password-hash";
  Confidence c;
  std::uint8_t lowered;
  for (const char* h :
       {"{SHA}e9828FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6=", "{SSHA512}FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5aa==",
        "{bcrypt}$2a$10$FAKEq7Lm2Xw9Rt4Yp8Nc3uVb6Hd1Ks5aa1QzWq7Lm2Xw9Rt4Yp8Nc3",
        "{cipher}FAKE9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
        "AQAAAAEAACcQAAAAEFAKEq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5aa1QzWq7Lm2Xw9Rt4Yp8Nc3Vb6Hd1Ks5aa1Q=="}) {
    EXPECT_FALSE(JudgeSecret(GenericRule(), h, &c, &lowered)) << h;
    EXPECT_FALSE(JudgeSecret(pypirc, h, &c, &lowered)) << h;
  }
  EXPECT_TRUE(JudgeSecret(hashes, "{SHA}e9828FAKEq7Lm2Xw9Rt4Yp8Nc3Vb6=", &c, &lowered));
  for (const char* s : {"{noop}Kq7mZp2xL9wR", "{Kq7mZp2xL9wR}", "AQAAKq7mZp2xL9wR"}) {
    EXPECT_TRUE(JudgeSecret(GenericRule(), s, &c, &lowered)) << s;
  }
}

// One JudgeSurroundings case for a generic rule: the text before the value,
// the value, the text after it, and whether the value is kept.
struct Surround {
  const char* before;
  const char* value;
  const char* after;
  bool kept;
};

void ExpectSurroundings(std::initializer_list<Surround> cases) {
  const Rule r = GenericRule();
  for (const Surround& s : cases) {
    Confidence c = Confidence::kLow;
    std::uint8_t lowered = 0;
    EXPECT_EQ(JudgeSurroundings(r, s.before, s.value, s.after, &c, &lowered), s.kept)
        << s.before << s.value << s.after;
  }
}

// A key named in a call decides only when the call sets it, with the value as
// its only argument: a setter, a builder method or a constructor
// (setPassword("..."), .ldapBindPassword("..."), new OAuth2AccessToken("...")),
// or a wrapper the patterns allow (String("..."), Password("...", ...)). A
// function that gets, makes or tests one (get_password("service", ...),
// testAdminToken("name", ...), isValidToken("...")) takes other things.
TEST(Filters, OnlyACallThatSetsTheKeyHoldsItsValue) {
  ExpectSurroundings({
      {"  ds.setPassword(\"", "Kq7mZp2xL9wR", "\");", true},
      {"  .password( '", "Kq7mZp2xL9wR", "' )\n", true},
      {"cfg.with_api_key(\"", "Kq7mZp2xL9wR", "\")", true},
      {"Token: String(\"", "Kq7mZp2xL9wR", "\"),", true},
      {"password = Password(\"", "Kq7mZp2xL9wR", "\", 1)", true},
      {"token = new OAuth2AccessToken(\"", "Kq7mZp2xL9wR", "\");", true},
      {"\ttoken := testAdminToken(\"", "admin-yo", "\", \"admin@corp.test\")", false},
      {"passwd = keyring.get_password(\"", "pgcli", "\", key)", false},
      {"keyring.set_password(\"", "pgcli", "\", key, passwd)", false},
      {"assertTrue( has_phpass_password('", "phpass2", "') );", false},
      {"expect(isValidToken(\"", "Kq7mZp2xL9wR", "\")).toBe(false)", false},
      {"    .ldapBindPassword(\"", "Kq7mZp2xL9wR", "\")\n", true},
      {"    .twoFactorSecret(\"", "GK7WZOAD56VKWOXL", "\")\n", true},
  });
}

// A key that labels, describes or publishes a secret does not hold one: UI
// strings ('labelPassword': 'Senha:'), .NET's PublicKeyToken, publishable
// keys, sudoers' NOPASSWD, OAuth 1.0's oauth_nonce.
TEST(Filters, LabelAndPublicKeysHoldNoSecret) {
  ExpectSurroundings({
      {"  'labelPassword': '", "Wachtwoord:", "',", false},
      {"passwordPlaceholderToken = \"", "Kq7mZp2x", "\"", false},
      {"Culture=neutral, PublicKeyToken=", "b77a5c561934e089", "\"", false},
      {"publicKeyToken=\"", "6595b64144ccf1df", "\"", false},
      {"peterli  ALL=(ALL)  NOPASSWD:", "/sbin/service", "\n", false},
      {"params.put(\"oauth_nonce\", \"", "sTj7Kq7mZp2xL9wR", "\");", false},
      {"  'adminPassword': '", "Kq7mZp2xL9wR", "',", true},
      {"resetToken = \"", "Kq7mZp2xL9wR", "\"", true},
      {"  \"TextEncryptionKey\": \"", "Kq7mZp2xL9wR", "\"", true},
      {"proposal_sPublicDataToken=", "Kq7mZp2xL9wR", ";", true},
  });
}

// Documentation marks made-up values on their line: "# Example password:",
// "<em>Example:</em> define('DB_PASS', ...)"; a host or a path named example
// does not.
TEST(Filters, ValuesTheLineCallsExamplesAreNoSecrets) {
  ExpectSurroundings({
      {"x\n# Example password: ", "xudmKq7mZp2x", "\n", false},
      {"<em>Example:</em> <tt>define( 'DB_PASS', '", "MySecretKq7m", "' );", false},
      {"#   connect = host=sql.example.com user=app password=", "rmlswKq7", "\n", true},
      {"/tmp/example:2:password=", "wd@rzkyialnfvay", "\n", true},
      {"# Example below\nDB_PASSWORD=", "Kq7mZp2xL9wR", "\n", true},
      {"counterexample_token = \"", "Kq7mZp2xL9wR", "\"", true},
  });
}

}  // namespace
}  // namespace ctxscan
