// Registry credentials and challenges; see registry_auth.h.
#include "image/registry_auth.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/escape.h"

namespace ctxscan {
namespace {

using Json = nlohmann::json;

// "https://index.docker.io/v1/" -> "index.docker.io"; "host:5000/" -> "host:5000".
std::string KeyHost(std::string key) {
  if (const std::size_t scheme = key.find("://"); scheme != std::string::npos) {
    key.erase(0, scheme + 3);
  }
  if (const std::size_t slash = key.find('/'); slash != std::string::npos) key.erase(slash);
  return key;
}

bool SameRegistry(const std::string& key, const std::string& registry) {
  const std::string host = KeyHost(key);
  if (host == registry) return true;
  auto hub = [](const std::string& h) {
    return h == "docker.io" || h == "index.docker.io" || h == "registry-1.docker.io";
  };
  return hub(host) && hub(registry);
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string StringAt(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// Notes the credential helper a file names for `registry`, if any.
void NoteHelpers(const Json& file, const std::string& registry, const std::string& source,
                 CredentialLookup* out) {
  std::string helper;
  if (auto h = file.find("credHelpers"); h != file.end() && h->is_object()) {
    for (const auto& [key, value] : h->items()) {
      if (SameRegistry(key, registry) && value.is_string()) helper = value.get<std::string>();
    }
  }
  if (helper.empty()) helper = StringAt(file, "credsStore");
  if (helper.empty()) return;
  out->notes.push_back(source + ": credentials for " + registry +
                       " may be kept by docker-credential-" + helper +
                       ", which ctxscan does not run; put them in $REGISTRY_AUTH_FILE "
                       "(for example with skopeo login --authfile) to use them");
}

}  // namespace

Result<CredentialLookup> CredentialsFromAuthFile(const std::string& text,
                                                 const std::string& registry,
                                                 const std::string& source) {
  const Json file = Json::parse(text, nullptr, false);
  if (file.is_discarded() || !file.is_object()) {
    return Status::Error(StatusCode::kInvalidArgument, source + ": not a JSON object");
  }
  CredentialLookup out;
  auto auths = file.find("auths");
  if (auths != file.end() && auths->is_object()) {
    for (const auto& [key, entry] : auths->items()) {
      if (!SameRegistry(key, registry) || !entry.is_object()) continue;
      const std::string auth = StringAt(entry, "auth");
      if (auth.empty()) {
        if (!StringAt(entry, "identitytoken").empty()) {
          std::string note = source + ": the entry for ";
          note += key + " holds an identity token, which ctxscan does not use";
          out.notes.push_back(std::move(note));
        }
        continue;
      }
      const std::optional<std::string> decoded = Base64Decode(auth);
      const std::size_t colon = decoded ? decoded->find(':') : std::string::npos;
      if (colon == std::string::npos) {
        std::string message = source + ": the \"auth\" of ";
        message += key + " is not base64 of \"user:password\"";
        return Status::Error(StatusCode::kInvalidArgument, message);
      }
      out.credentials =
          RegistryCredentials{decoded->substr(0, colon), decoded->substr(colon + 1), source};
      return out;
    }
  }
  NoteHelpers(file, registry, source, &out);
  return out;
}

Result<CredentialLookup> FindRegistryCredentials(const std::string& registry) {
  std::vector<std::string> files;
  if (const char* f = std::getenv("REGISTRY_AUTH_FILE"); f != nullptr && f[0] != 0) {
    files.emplace_back(f);
  }
  if (const char* d = std::getenv("DOCKER_CONFIG"); d != nullptr && d[0] != 0) {
    files.push_back(std::string(d) + "/config.json");
  } else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != 0) {
    files.push_back(std::string(home) + "/.docker/config.json");
  }
  CredentialLookup all;
  for (const std::string& path : files) {
    const std::optional<std::string> text = ReadFile(path);
    if (!text) {
      if (path == files.front() && std::getenv("REGISTRY_AUTH_FILE") != nullptr) {
        return Status::Error(StatusCode::kNotFound,
                             path + " ($REGISTRY_AUTH_FILE): cannot be read");
      }
      continue;  // no Docker configuration: nothing to look up
    }
    Result<CredentialLookup> one = CredentialsFromAuthFile(*text, registry, path);
    if (!one.ok()) return one.status();
    for (std::string& n : one->notes) all.notes.push_back(std::move(n));
    if (one->credentials) {
      all.credentials = std::move(one->credentials);
      all.notes.clear();  // found: what other files keep does not matter
      return all;
    }
  }
  return all;
}

std::optional<AuthChallenge> ParseAuthChallenge(std::string_view header) {
  auto skip_space = [&] {
    while (!header.empty() && (header.front() == ' ' || header.front() == '\t')) {
      header.remove_prefix(1);
    }
  };
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  };
  skip_space();
  const std::size_t end = header.find_first_of(" \t");
  AuthChallenge out;
  out.scheme = lower(std::string(header.substr(0, end)));
  if (out.scheme.empty()) return std::nullopt;
  header.remove_prefix(end == std::string_view::npos ? header.size() : end);
  for (;;) {
    skip_space();
    if (header.empty()) return out;
    const std::size_t eq = header.find('=');
    if (eq == std::string_view::npos || eq == 0) return std::nullopt;
    std::string key = lower(std::string(header.substr(0, eq)));
    while (!key.empty() && key.back() == ' ') key.pop_back();
    header.remove_prefix(eq + 1);
    skip_space();
    std::string value;
    if (!header.empty() && header.front() == '"') {
      header.remove_prefix(1);
      for (;;) {
        if (header.empty()) return std::nullopt;  // an unclosed quote
        const char c = header.front();
        header.remove_prefix(1);
        if (c == '"') break;
        if (c == '\\' && !header.empty()) {
          value += header.front();
          header.remove_prefix(1);
          continue;
        }
        value += c;
      }
    } else {
      const std::size_t stop = header.find(',');
      value = std::string(header.substr(0, stop));
      while (!value.empty() && value.back() == ' ') value.pop_back();
      header.remove_prefix(stop == std::string_view::npos ? header.size() : stop);
    }
    out.params[key] = value;
    skip_space();
    if (!header.empty()) {
      if (header.front() != ',') return std::nullopt;
      header.remove_prefix(1);
    }
  }
}

std::string BasicAuthorization(const RegistryCredentials& credentials) {
  std::string out = "Basic ";
  AppendBase64(credentials.username + ":" + credentials.password, &out);
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts the padding as zero bytes.
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && size > 0; --i) --size;
  out.resize(size);
  return out;
}

}  // namespace ctxscan
