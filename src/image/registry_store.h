// An image in a registry, as an ImageStore (image_store.h): the manifest
// (or index) the reference names is fetched when the store opens and
// stands as the store's index.json; "blobs/sha256/<hex>" documents are
// fetched as manifests, else as blobs, and kept; layers stream from the
// registry straight into decompression (nothing is written to disk).
// A reference by digest is checked against the manifest's content.
//
// Covered by tests/e2e/registry_cli_test.py.
#pragma once

#include <memory>
#include <string>

#include "ctxscan/status.h"
#include "image/image_reference.h"
#include "image/image_store.h"

namespace ctxscan {

// Opens `reference` (credentials looked up as registry_auth.h says).
Result<std::unique_ptr<ImageStore>> OpenRegistryImage(const ImageReference& reference,
                                                      bool insecure);

}  // namespace ctxscan
