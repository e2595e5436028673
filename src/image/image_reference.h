// An image reference as `docker pull` reads it, split into the registry to
// ask and the repository, tag or digest to ask it for:
//   alpine                      -> registry-1.docker.io, library/alpine, tag latest
//   registry.example.com/team/app:1.2
//   localhost:5000/app@sha256:<64 hex>
// The first component names a registry when it holds a '.' or a ':' or is
// "localhost"; otherwise the image is on Docker Hub, where a name of one
// component is under library/. A reference may start with "docker://".
//
// Covered by tests/unit/registry_test.cc.
#pragma once

#include <optional>
#include <string>

namespace ctxscan {

struct ImageReference {
  std::string registry;    // as written or "docker.io": where credentials are looked up
  std::string host;        // where requests go ("registry-1.docker.io" for Docker Hub)
  std::string repository;  // "library/alpine", "team/app"
  std::string tag;         // empty when a digest is given
  std::string digest;      // "sha256:<hex>", or empty
  // "registry/repository:tag" or "registry/repository@digest", as reports name it.
  std::string Name() const;
  // What the manifest is asked for by: the digest when there is one, else the tag.
  std::string ManifestReference() const { return digest.empty() ? tag : digest; }
};

// Parses `text`; nothing when it is not a valid reference (upper case in
// the repository, an empty component, a malformed tag or digest).
std::optional<ImageReference> ParseImageReference(const std::string& text);

// Whether `source` was meant as a file rather than a reference: it starts
// with '/', '.', or '~', or ends like an archive (.tar, .tgz, .tar.gz,
// .tar.zst). `ctxscan image` reports such a source as a missing file.
bool LooksLikePath(const std::string& source);

}  // namespace ctxscan
