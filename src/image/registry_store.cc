// Images in a registry; see registry_store.h.
#include "image/registry_store.h"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "image/image_layout.h"
#include "image/registry_client.h"
#include "util/sha256.h"

namespace ctxscan {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxDocument = 4U << 20;
constexpr const char* kAccept =
    "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.docker.distribution.manifest.v2+json";

// A layer as it arrives from the registry.
class RemoteBlob : public BlobReader {
 public:
  explicit RemoteBlob(std::unique_ptr<HttpTransfer> transfer) : transfer_(std::move(transfer)) {}
  long Read(const void** data) override {
    const long n = transfer_->Read(data);
    if (n < 0) {
      error_ = transfer_->error();
      return -1;
    }
    Hash(*data, static_cast<std::size_t>(n));
    return n;
  }

 private:
  std::unique_ptr<HttpTransfer> transfer_;
};

class RegistryStore : public ImageStore {
 public:
  explicit RegistryStore(std::unique_ptr<RegistryClient> client) : client_(std::move(client)) {}
  std::string kind() const override { return "registry"; }
  std::string reference() const override { return client_->reference().Name(); }
  std::vector<std::string> notes() const override { return client_->notes(); }

  // Fetches the manifest or index the reference names.
  Status Fetch() {
    const ImageReference& ref = client_->reference();
    Result<std::string> text = Download("manifests/" + ref.ManifestReference(), kAccept);
    if (!text.ok()) return text.status();
    const std::string digest = "sha256:" + Sha256Hex(*text);
    if (!ref.digest.empty() && digest != ref.digest) {
      return Status::Error(ref.Name() + ": the registry's manifest hashes to " + digest);
    }
    const Json j = Json::parse(*text, nullptr, false);
    std::string type = j.is_object() && j.contains("mediaType") && j["mediaType"].is_string()
                           ? j["mediaType"].get<std::string>()
                           : "";
    if (type.empty() && j.is_object() && j.contains("manifests")) {
      type = "application/vnd.oci.image.index.v1+json";
    }
    if (type.empty() && j.is_object() && j.contains("layers")) {
      type = "application/vnd.oci.image.manifest.v1+json";
    }
    if (IsIndexMediaType(type)) {
      index_ = std::move(*text);
      return Status::Ok();
    }
    if (!IsManifestMediaType(type)) {
      return Status::Error(ref.Name() + ": the registry's manifest is of an unknown type \"" +
                           type + "\" (ctxscan reads OCI and Docker schema 2 manifests)");
    }
    Json index = {
        {"schemaVersion", 2},
        {"manifests",
         Json::array({{{"mediaType", type},
                       {"digest", digest},
                       {"size", text->size()},
                       {"annotations", {{"org.opencontainers.image.ref.name", ref.Name()}}}}})}};
    index_ = index.dump();
    documents_["blobs/sha256/" + digest.substr(7)] = std::move(*text);
    return Status::Ok();
  }

  std::optional<std::string> Document(const std::string& name) const override {
    if (name == "index.json") return index_;
    const std::optional<std::string> digest = DigestOf(name);
    if (!digest) return std::nullopt;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = documents_.find(name); it != documents_.end()) return it->second;
    }
    // A config is a blob; a nested manifest (in an index) is asked for as
    // a manifest (registries do not all serve manifests as blobs).
    Result<std::string> text = Download("blobs/" + *digest, "");
    if (!text.ok() && text.status().code() == StatusCode::kNotFound) {
      if (Result<std::string> manifest = Download("manifests/" + *digest, kAccept); manifest.ok()) {
        text = std::move(manifest);
      }
    }
    if (!text.ok()) {
      std::lock_guard<std::mutex> lock(mutex_);
      last_error_ = text.status().message();
      return std::nullopt;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    return documents_[name] = std::move(*text);
  }

  Status StreamBlob(const std::string& name,
                    const std::function<Status(BlobReader&)>& use) const override {
    const std::optional<std::string> digest = DigestOf(name);
    if (!digest) return Status::Error("not a blob path: " + name);
    Result<std::unique_ptr<HttpTransfer>> t = client_->Get("blobs/" + *digest);
    if (!t.ok()) return t.status();
    RemoteBlob blob(std::move(t).value());
    return use(blob);
  }

  std::string last_error() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_error_;
  }

 private:
  // "sha256:<hex>" for "blobs/sha256/<hex>".
  static std::optional<std::string> DigestOf(const std::string& name) {
    if (name.rfind("blobs/sha256/", 0) != 0 || name.size() != 13 + 64 ||
        name.find_first_not_of("0123456789abcdef", 13) != std::string::npos) {
      return std::nullopt;
    }
    return "sha256:" + name.substr(13);
  }

  Result<std::string> Download(const std::string& path, const std::string& accept) const {
    Result<std::unique_ptr<HttpTransfer>> t = client_->Get(path, accept);
    if (!t.ok()) return t.status();
    Result<std::string> body = (*t)->ReadAll(kMaxDocument);
    if (!body.ok())
      return Status::Error(client_->reference().registry + ": " + path + ": " +
                           body.status().message());
    return body;
  }

  std::unique_ptr<RegistryClient> client_;
  std::string index_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::string> documents_;
  mutable std::string last_error_;
};

}  // namespace

Result<std::unique_ptr<ImageStore>> OpenRegistryImage(const ImageReference& reference,
                                                      bool insecure) {
  Result<CredentialLookup> credentials = FindRegistryCredentials(reference.registry);
  if (!credentials.ok()) return credentials.status();
  auto store = std::make_unique<RegistryStore>(
      std::make_unique<RegistryClient>(reference, insecure, std::move(credentials).value()));
  if (Status s = store->Fetch(); !s.ok()) return s;
  return std::unique_ptr<ImageStore>(std::move(store));
}

}  // namespace ctxscan
