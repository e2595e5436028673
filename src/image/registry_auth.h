// Registry credentials and authentication challenges.
//
// Credentials are looked up as the container tools keep them, first match
// wins:
//   1. $REGISTRY_AUTH_FILE (the file podman, buildah and skopeo write);
//   2. $DOCKER_CONFIG/config.json, or ~/.docker/config.json when
//      DOCKER_CONFIG is not set.
// Each is JSON with {"auths": {"<registry>": {"auth": base64("user:password")}}};
// keys may carry a scheme and a path ("https://index.docker.io/v1/" is
// Docker Hub). A file that is present but unreadable or malformed is an
// error naming it: a scan must not go on anonymously by accident. Entries
// kept by a credential helper (credsStore, credHelpers) or as an identity
// token are not used; a note says so.
//
// A challenge is the WWW-Authenticate header of a 401 answer:
//   Basic realm="..."  or  Bearer realm="https://auth/token",service="...",scope="..."
//
// Covered by tests/unit/registry_test.cc and tests/e2e/registry_cli_test.py.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

struct RegistryCredentials {
  std::string username;
  std::string password;
  std::string source;  // the file they came from
};

struct CredentialLookup {
  std::optional<RegistryCredentials> credentials;
  std::vector<std::string> notes;  // entries found but not usable, and why
};

// Looks `registry` ("docker.io", "host:port") up in the files above.
Result<CredentialLookup> FindRegistryCredentials(const std::string& registry);

// Looks `registry` up in one auth file's text; `source` names it in errors.
Result<CredentialLookup> CredentialsFromAuthFile(const std::string& text,
                                                 const std::string& registry,
                                                 const std::string& source);

struct AuthChallenge {
  std::string scheme;                         // lower case: "basic", "bearer"
  std::map<std::string, std::string> params;  // keys lower case
};

// Parses a WWW-Authenticate header value; nothing when it is malformed.
std::optional<AuthChallenge> ParseAuthChallenge(std::string_view header);

// The Authorization header's value for `credentials`: "Basic " and the
// base64 of "user:password".
std::string BasicAuthorization(const RegistryCredentials& credentials);
// `text` decoded from base64; nothing when it is not valid base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace ctxscan
