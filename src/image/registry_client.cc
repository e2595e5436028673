// Authenticated requests to a registry; see registry_client.h.
#include "image/registry_client.h"

#include <nlohmann/json.hpp>

namespace ctxscan {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxErrorBody = 64U << 10;
constexpr std::size_t kMaxToken = 1U << 20;

std::string PercentEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The registry's own words for a failed answer: "CODE: message" from its
// JSON errors, else nothing.
std::string RegistryErrorText(HttpTransfer& t) {
  Result<std::string> body = t.ReadAll(kMaxErrorBody);
  if (!body.ok()) return "";
  const Json j = Json::parse(*body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "";
  auto errors = j.find("errors");
  if (errors == j.end() || !errors->is_array() || errors->empty()) return "";
  const Json& e = (*errors)[0];
  std::string out;
  if (auto c = e.find("code"); c != e.end() && c->is_string()) out = c->get<std::string>();
  if (auto m = e.find("message"); m != e.end() && m->is_string()) {
    out += (out.empty() ? "" : ": ") + m->get<std::string>();
  }
  return out;
}

}  // namespace

RegistryClient::RegistryClient(ImageReference reference, bool insecure,
                               CredentialLookup credentials)
    : reference_(std::move(reference)),
      insecure_(insecure),
      credentials_(std::move(credentials)),
      scheme_("https") {}

std::string RegistryClient::Scheme() {
  std::lock_guard<std::mutex> lock(mutex_);
  return scheme_;
}

std::string RegistryClient::Authorization() {
  std::lock_guard<std::mutex> lock(mutex_);
  return authorization_;
}

Result<std::unique_ptr<HttpTransfer>> RegistryClient::Send(const std::string& path,
                                                           const std::string& accept) {
  for (int attempt = 0;; ++attempt) {
    const std::string scheme = Scheme();
    HttpRequest request;
    request.url = scheme + "://";
    request.url += reference_.host + "/v2/";
    request.url += reference_.repository + "/";
    request.url += path;
    request.insecure = insecure_;
    if (!accept.empty()) request.headers.push_back("Accept: " + accept);
    if (const std::string auth = Authorization(); !auth.empty()) {
      request.headers.push_back("Authorization: " + auth);
    }
    Result<std::unique_ptr<HttpTransfer>> t = HttpTransfer::Start(request);
    if (!t.ok()) return t.status();
    const Status s = (*t)->WaitForResponse();
    if (s.ok()) return t;
    if (!insecure_ || scheme != "https" || attempt > 0) return s;
    // --insecure-registry: a registry without TLS is asked over plain HTTP.
    std::lock_guard<std::mutex> lock(mutex_);
    scheme_ = "http";
  }
}

Result<std::unique_ptr<HttpTransfer>> RegistryClient::Get(const std::string& path,
                                                          const std::string& accept) {
  const std::string what = reference_.registry + "/" + reference_.repository + " " + path;
  for (int attempt = 0;; ++attempt) {
    Result<std::unique_ptr<HttpTransfer>> t = Send(path, accept);
    if (!t.ok()) return Status::Error(reference_.registry + ": " + t.status().message());
    HttpTransfer& transfer = **t;
    const long code = transfer.status();
    if (code == 200) return t;
    if (code == 401 && attempt == 0) {
      const std::string challenge = transfer.header("WWW-Authenticate");
      if (Status s = Authorize(challenge); !s.ok()) {
        return Status::Error(StatusCode::kPermissionDenied, what + ": " + s.message());
      }
      continue;
    }
    const std::string said = RegistryErrorText(transfer);
    std::string message = what + ": the registry answered " + std::to_string(code);
    if (!said.empty()) message += " (" + said + ")";
    if (code == 401 || code == 403) {
      message +=
          credentials_.credentials
              ? "; the credentials from " + credentials_.credentials->source + " were not accepted"
              : "; no credentials for " + reference_.registry +
                    " were found ($REGISTRY_AUTH_FILE, $DOCKER_CONFIG/config.json, "
                    "~/.docker/config.json)";
      return Status::Error(StatusCode::kPermissionDenied, message);
    }
    return Status::Error(code == 404 ? StatusCode::kNotFound : StatusCode::kIoError, message);
  }
}

Status RegistryClient::Authorize(const std::string& challenge_header) {
  const std::optional<AuthChallenge> challenge = ParseAuthChallenge(challenge_header);
  if (!challenge) {
    return Status::Error("unauthorised, and the registry's challenge cannot be read: \"" +
                         challenge_header + "\"");
  }
  const std::optional<RegistryCredentials>& creds = credentials_.credentials;
  if (challenge->scheme == "basic") {
    if (!creds) {
      return Status::Error(
          "the registry asks for a user name and password, and none were "
          "found for " +
          reference_.registry +
          " ($REGISTRY_AUTH_FILE, $DOCKER_CONFIG/config.json, "
          "~/.docker/config.json)");
    }
    std::lock_guard<std::mutex> lock(mutex_);
    authorization_ = BasicAuthorization(*creds);
    return Status::Ok();
  }
  if (challenge->scheme == "bearer") {
    Result<std::string> token = FetchToken(*challenge);
    if (!token.ok()) return token.status();
    std::lock_guard<std::mutex> lock(mutex_);
    authorization_ = "Bearer " + *token;
    return Status::Ok();
  }
  return Status::Error("the registry asks for \"" + challenge->scheme +
                       "\" authentication, which ctxscan does not speak");
}

Result<std::string> RegistryClient::FetchToken(const AuthChallenge& challenge) {
  auto param = [&](const char* key) {
    auto it = challenge.params.find(key);
    return it == challenge.params.end() ? std::string() : it->second;
  };
  const std::string realm = param("realm");
  if (realm.rfind("https://", 0) != 0 && !(insecure_ && realm.rfind("http://", 0) == 0)) {
    return Status::Error("the token service \"" + realm +
                         "\" is not an https URL (--insecure-registry allows http)");
  }
  std::string scope = param("scope");
  if (scope.empty()) scope = "repository:" + reference_.repository + ":pull";
  std::string url = realm + (realm.find('?') == std::string::npos ? "?" : "&");
  if (const std::string service = param("service"); !service.empty()) {
    url += "service=" + PercentEncode(service) + "&";
  }
  url += "scope=" + PercentEncode(scope);
  HttpRequest request{url, {}, insecure_};
  const std::optional<RegistryCredentials>& creds = credentials_.credentials;
  if (creds) {
    request.headers.push_back("Authorization: " + BasicAuthorization(*creds));
  }
  Result<std::unique_ptr<HttpTransfer>> t = HttpTransfer::Start(request);
  if (!t.ok()) return t.status();
  if (Status s = (*t)->WaitForResponse(); !s.ok()) return s;
  if ((*t)->status() != 200) {
    return Status::Error("the token service " + realm + " answered " +
                         std::to_string((*t)->status()) +
                         (creds ? " to the credentials from " + creds->source
                                : " to an anonymous request (no credentials were found for " +
                                      reference_.registry + ")"));
  }
  Result<std::string> body = (*t)->ReadAll(kMaxToken);
  if (!body.ok()) return body.status();
  const Json j = Json::parse(*body, nullptr, false);
  for (const char* key : {"token", "access_token"}) {
    if (j.is_object() && j.contains(key) && j[key].is_string() &&
        !j[key].get<std::string>().empty()) {
      return j[key].get<std::string>();
    }
  }
  return Status::Error("the token service " + realm + " gave no token");
}

}  // namespace ctxscan
