// Requests to one repository of a registry, through the OCI distribution
// API (/v2/<repository>/manifests/<ref>, /v2/<repository>/blobs/<digest>),
// authenticated as the registry asks:
//   - anonymous, until a 401 says otherwise;
//   - Basic: the credentials found for the registry (registry_auth.h);
//   - Bearer: a token from the challenge's realm, for the challenge's
//     scope (or repository:<name>:pull), asked with those credentials when
//     there are any, anonymously otherwise.
// An authorization, once got, is used for every later request (from any
// thread); a 401 later on (an expired token) gets a new one, once.
//
// TLS is verified. `insecure` (--insecure-registry) skips verification and
// falls back to plain HTTP when the registry does not speak TLS.
//
// Covered by tests/e2e/registry_cli_test.py.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ctxscan/status.h"
#include "image/http_transfer.h"
#include "image/image_reference.h"
#include "image/registry_auth.h"

namespace ctxscan {

class RegistryClient {
 public:
  RegistryClient(ImageReference reference, bool insecure, CredentialLookup credentials);

  // GETs `path` (relative to /v2/<repository>/, e.g. "manifests/1.2")
  // with `accept` as the Accept header. Returns the transfer once its
  // answer is 200, positioned at the start of the body. A 404 fails with
  // StatusCode::kNotFound; any other answer with a message naming the
  // registry, the path, the code and the registry's own error text.
  Result<std::unique_ptr<HttpTransfer>> Get(const std::string& path,
                                            const std::string& accept = "");

  const ImageReference& reference() const { return reference_; }
  const std::vector<std::string>& notes() const { return credentials_.notes; }

 private:
  Result<std::unique_ptr<HttpTransfer>> Send(const std::string& path, const std::string& accept);
  Status Authorize(const std::string& challenge_header);
  Result<std::string> FetchToken(const AuthChallenge& challenge);
  std::string Scheme();
  std::string Authorization();

  ImageReference reference_;
  bool insecure_;
  CredentialLookup credentials_;
  std::mutex mutex_;
  std::string scheme_;         // "https" or, with insecure_, "http" once https failed
  std::string authorization_;  // the Authorization header's value, once known
};

}  // namespace ctxscan
