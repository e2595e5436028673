// Where an image's parts are kept, behind one interface: an OCI image
// layout directory, or a tar archive of one (`oci-archive`) or of
// `docker save` (`docker-archive`). Standard input ("-") is copied to an
// unlinked temporary file first (mode 0600), since an archive's members
// come in no useful order and are read more than once.
//
// Documents (manifests, indexes, configs: JSON of at most 4 MiB) are read
// whole; blobs (layers) are streamed through a BlobReader, which hashes
// every byte it passes so the caller can check the blob's digest. Nothing
// is extracted to disk; in a directory, blobs are opened without following
// symbolic links and only under blobs/.
//
// Covered by tests/e2e/image_cli_test.py.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

// The bytes of one blob, in order, for libarchive's read callback.
class BlobReader {
 public:
  virtual ~BlobReader() = default;
  // Points `*data` at the next bytes and returns how many; 0 at the end,
  // -1 on an error (then error() says what).
  virtual long Read(const void** data) = 0;
  // Reads what is left, so that digest() covers the whole blob.
  Status Drain();
  // "sha256:<hex>" of every byte read so far.
  std::string digest() const;
  const std::string& error() const { return error_; }

 protected:
  BlobReader();
  void Hash(const void* data, std::size_t size);
  std::string error_;

 private:
  struct Hasher;
  std::shared_ptr<Hasher> hasher_;
};

struct ImageSourceOptions {
  bool insecure_registry = false;  // --insecure-registry: see registry_client.h
};

class ImageStore {
 public:
  virtual ~ImageStore() = default;
  // Opens `source`: a directory holding an OCI layout, a tar archive, "-",
  // or else an image reference (image_reference.h; "docker://" forces one)
  // in a registry (registry_store.h). A source that looks like a path but
  // is not there is reported as a missing file, never looked up.
  static Result<std::unique_ptr<ImageStore>> Open(const std::string& source,
                                                  const ImageSourceOptions& options = {});

  // "oci-layout", "oci-archive", "docker-archive" or "registry".
  virtual std::string kind() const = 0;
  // The image's name when the source gives one the layout cannot
  // ("registry/repository:tag"); empty otherwise.
  virtual std::string reference() const { return ""; }
  // What the user should know about how the image was got.
  virtual std::vector<std::string> notes() const { return {}; }
  // Why the last Document() that returned nothing failed, when it was not
  // simply absent; empty otherwise.
  virtual std::string last_error() const { return ""; }
  // The document `name` (a path in the layout or archive, such as
  // "index.json" or "blobs/sha256/<hex>"), or nothing when there is none.
  virtual std::optional<std::string> Document(const std::string& name) const = 0;
  // Calls `use` with a reader of the blob `name`; fails when there is none.
  virtual Status StreamBlob(const std::string& name,
                            const std::function<Status(BlobReader&)>& use) const = 0;
};

}  // namespace ctxscan
