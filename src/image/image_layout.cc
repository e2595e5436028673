// Reading an image's layout; see image_layout.h.
#include "image/image_layout.h"

#include <sys/utsname.h>

#include <nlohmann/json.hpp>

#include "util/sha256.h"

namespace ctxscan {
namespace {

using Json = nlohmann::json;

constexpr const char* kIndexTypes[] = {"application/vnd.oci.image.index.v1+json",
                                       "application/vnd.docker.distribution.manifest.list.v2+json"};
constexpr const char* kLayerTypes[] = {
    "application/vnd.oci.image.layer.v1.tar",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd",
    "application/vnd.oci.image.layer.nondistributable.v1.tar",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
    "application/vnd.docker.image.rootfs.diff.tar",
    "application/vnd.docker.image.rootfs.diff.tar.gzip",
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"};

bool OneOf(std::string_view s, const auto& list) {
  for (const char* x : list) {
    if (s == x) return true;
  }
  return false;
}

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A JSON document of the store, parsed; the error names it.
Result<Json> ParseDocument(const ImageStore& store, const std::string& name) {
  std::optional<std::string> text = store.Document(name);
  if (!text) return Status::Error("the image has no readable " + name);
  Json j = Json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Status::Error(name + ": not valid JSON");
  return j;
}

// The blob a descriptor names, its JSON checked against the digest.
Result<Json> ReadBlobDocument(const ImageStore& store, const std::string& digest,
                              std::string* text_out = nullptr) {
  const std::size_t colon = digest.find(':');
  if (colon == std::string::npos || digest.substr(0, colon) != "sha256") {
    return Status::Error("unsupported digest \"" + digest + "\" (only sha256 is read)");
  }
  const std::string name = "blobs/sha256/" + digest.substr(colon + 1);
  std::optional<std::string> text = store.Document(name);
  if (!text) {
    const std::string why = store.last_error();
    return Status::Error(why.empty() ? "the image has no readable blob " + digest
                                     : "blob " + digest + ": " + why);
  }
  if ("sha256:" + Sha256Hex(*text) != digest) {
    return Status::Error("blob " + digest + ": its content does not match its digest");
  }
  Json j = Json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Status::Error("blob " + digest + ": not valid JSON");
  if (text_out != nullptr) *text_out = std::move(*text);
  return j;
}

std::string PlatformOf(const Json& descriptor) {
  auto it = descriptor.find("platform");
  if (it == descriptor.end() || !it->is_object()) return "";
  std::string p = Str(*it, "os") + "/" + Str(*it, "architecture");
  if (const std::string v = Str(*it, "variant"); !v.empty()) p += "/" + v;
  return p;
}

// The manifest descriptor an index leads to for `platform`, through nested
// indexes.
Result<Json> ChooseManifest(const ImageStore& store, Json index, const std::string& platform,
                            std::string* reference) {
  for (int depth = 0; depth < 4; ++depth) {
    const Json& list = index["manifests"];
    if (!list.is_array() || list.empty()) return Status::Error("the image index lists no manifest");
    std::vector<const Json*> fit;
    std::string seen;
    for (const Json& d : list) {
      const std::string p = PlatformOf(d);
      if (!p.empty()) seen += (seen.empty() ? "" : ", ") + p;
      if (list.size() == 1 || p.empty() || p == platform || p.rfind(platform + "/", 0) == 0) {
        fit.push_back(&d);
      }
    }
    if (fit.empty()) {
      std::string message = "the image has no manifest for platform " + platform;
      message += " (it has: " + seen + "); choose one with --platform";
      return Status::Error(message);
    }
    const Json& chosen = *fit.front();
    if (auto a = chosen.find("annotations"); a != chosen.end() && a->is_object()) {
      const std::string ref = Str(*a, "org.opencontainers.image.ref.name");
      if (!ref.empty()) *reference = ref;
    }
    if (!OneOf(Str(chosen, "mediaType"), kIndexTypes)) return chosen;
    Result<Json> nested = ReadBlobDocument(store, Str(chosen, "digest"));
    if (!nested.ok()) return nested.status();
    index = std::move(nested).value();
  }
  return Status::Error("image indexes nested too deep");
}

// The history entries that made layers, in order.
std::vector<std::string> LayerHistory(const Json& config) {
  std::vector<std::string> out;
  auto it = config.find("history");
  if (it == config.end() || !it->is_array()) return out;
  for (const Json& h : *it) {
    auto empty = h.find("empty_layer");
    if (empty != h.end() && empty->is_boolean() && empty->get<bool>()) continue;
    out.push_back(Str(h, "created_by"));
  }
  return out;
}

// "sha256:<hex>" when a docker save layer's name carries its digest
// (blobs/sha256/<hex>, or <hex>.tar); empty otherwise.
std::string DigestInName(const std::string& name) {
  auto hex = [](const std::string& s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
  };
  if (name.rfind("blobs/sha256/", 0) == 0 && hex(name.substr(13)))
    return "sha256:" + name.substr(13);
  if (name.size() == 68 && name.substr(64) == ".tar" && hex(name.substr(0, 64))) {
    return "sha256:" + name.substr(0, 64);
  }
  return "";
}

// Image `index` of a docker save archive's manifest.json.
Result<ImageLayout> ReadDockerImage(const ImageStore& store, const Json& entry) {
  ImageLayout out;
  if (auto tags = entry.find("RepoTags"); tags != entry.end() && tags->is_array()) {
    for (const Json& t : *tags) {
      if (t.is_string())
        out.reference += (out.reference.empty() ? "" : ", ") + t.get<std::string>();
    }
  }
  const std::string config_name = Str(entry, "Config");
  std::optional<std::string> config = store.Document(config_name);
  if (!config)
    return Status::Error("manifest.json: the image has no readable config " + config_name);
  out.config = std::move(*config);
  out.digest = "sha256:" + Sha256Hex(out.config);
  auto layers = entry.find("Layers");
  if (layers == entry.end() || !layers->is_array())
    return Status::Error("manifest.json lists no layers");
  for (const Json& l : *layers) {
    if (!l.is_string()) return Status::Error("manifest.json: a layer is not a name");
    out.layers.push_back({l.get<std::string>(), DigestInName(l.get<std::string>()), "", ""});
  }
  return out;
}

// Every image of a docker save archive.
Result<std::vector<ImageLayout>> ReadDockerArchive(const ImageStore& store) {
  Result<Json> manifest = ParseDocument(store, "manifest.json");
  if (!manifest.ok()) return manifest.status();
  if (!manifest->is_array() || manifest->empty()) {
    return Status::Error("manifest.json lists no image");
  }
  std::vector<ImageLayout> out;
  for (const Json& entry : *manifest) {
    if (!entry.is_object()) return Status::Error("manifest.json: an image is not an object");
    Result<ImageLayout> image = ReadDockerImage(store, entry);
    if (!image.ok()) return image.status();
    out.push_back(std::move(image).value());
  }
  return out;
}

Result<ImageLayout> ReadOciImage(const ImageStore& store, const std::string& platform) {
  Result<Json> index = ParseDocument(store, "index.json");
  if (!index.ok()) return index.status();
  ImageLayout out;
  Result<Json> chosen = ChooseManifest(store, std::move(index).value(), platform, &out.reference);
  if (!chosen.ok()) return chosen.status();
  Result<Json> manifest = ReadBlobDocument(store, Str(*chosen, "digest"));
  if (!manifest.ok()) return manifest.status();
  const std::string config_digest = Str((*manifest)["config"], "digest");
  Result<Json> config = ReadBlobDocument(store, config_digest, &out.config);
  if (!config.ok()) return config.status();
  out.digest = config_digest;
  const Json& layers = (*manifest)["layers"];
  if (!layers.is_array()) return Status::Error("the image manifest lists no layers");
  for (const Json& l : layers) {
    const std::string type = Str(l, "mediaType");
    const std::string digest = Str(l, "digest");
    if (!OneOf(type, kLayerTypes)) {
      std::string message = "layer " + digest;
      message += ": unknown media type \"" + type + "\"";
      return Status::Error(message);
    }
    if (digest.rfind("sha256:", 0) != 0) {
      return Status::Error("layer \"" + digest + "\": unsupported digest (only sha256 is read)");
    }
    out.layers.push_back({"blobs/sha256/" + digest.substr(7), digest, type, ""});
  }
  return out;
}

}  // namespace

bool IsIndexMediaType(std::string_view media_type) { return OneOf(media_type, kIndexTypes); }

bool IsManifestMediaType(std::string_view media_type) {
  return media_type == "application/vnd.oci.image.manifest.v1+json" ||
         media_type == "application/vnd.docker.distribution.manifest.v2+json";
}

std::string HostPlatform() {
  struct utsname u {};
  std::string arch = ::uname(&u) == 0 ? u.machine : "x86_64";
  if (arch == "x86_64") arch = "amd64";
  if (arch == "aarch64") arch = "arm64";
  if (arch == "i686" || arch == "i386") arch = "386";
  return "linux/" + arch;
}

Result<std::vector<ImageLayout>> ReadImageLayouts(const ImageStore& store,
                                                  const std::string& platform) {
  std::vector<ImageLayout> images;
  if (store.kind() == "docker-archive") {
    Result<std::vector<ImageLayout>> all = ReadDockerArchive(store);
    if (!all.ok()) return all.status();
    images = std::move(all).value();
  } else {
    Result<ImageLayout> one = ReadOciImage(store, platform.empty() ? HostPlatform() : platform);
    if (!one.ok()) return one.status();
    images.push_back(std::move(one).value());
  }
  for (ImageLayout& layout : images) {
    layout.kind = store.kind();
    const Json config = Json::parse(layout.config, nullptr, false);
    if (config.is_discarded() || !config.is_object()) {
      return Status::Error("the image config is not a JSON object");
    }
    const std::vector<std::string> history = LayerHistory(config);
    for (std::size_t i = 0; i < layout.layers.size() && i < history.size(); ++i) {
      layout.layers[i].created_by = history[i];
    }
  }
  return images;
}

}  // namespace ctxscan
