// What an image is made of, read from its store (image_store.h): its
// reference, its config (JSON, checked against its digest), and its layers
// in order, each with the blob that holds it, the digest that blob must
// have, its media type and the history entry (`created_by`) that made it.
//
// docker save archives are read through manifest.json (every image); OCI layouts and archives
// through index.json, a nested index chosen by platform ("os/arch", default the host's).
//
// Covered by tests/e2e/image_cli_test.py.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"
#include "image/image_store.h"

namespace ctxscan {

struct LayerInfo {
  std::string blob;        // the blob's name in the store
  std::string digest;      // what the blob's bytes hash to; empty when not known
  std::string media_type;  // empty for docker save layers
  std::string created_by;  // the history entry that made it; empty when none
};

struct ImageLayout {
  std::string kind;       // the store's kind
  std::string reference;  // tags or the ref name; empty when the image has none
  std::string digest;     // "sha256:..." of the config
  std::string config;     // the config's JSON
  std::vector<LayerInfo> layers;
};

// Whether `media_type` is an image index (OCI index, Docker manifest list),
// or an image manifest (OCI, Docker schema 2).
bool IsIndexMediaType(std::string_view media_type);
bool IsManifestMediaType(std::string_view media_type);

// The host's platform as OCI names it, e.g. "linux/amd64".
std::string HostPlatform();

// Reads the layout of the images in `store`: every image of a docker save
// archive; one image of an OCI layout, archive or registry, for which
// `platform` ("os/arch[/variant]") picks a manifest from a multi-platform
// index (empty: the host's).
Result<std::vector<ImageLayout>> ReadImageLayouts(const ImageStore& store,
                                                  const std::string& platform);

}  // namespace ctxscan
