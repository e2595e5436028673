// libFuzzer target: what a registry or a user hands ctxscan before any
// image is read, on any bytes: an image reference (the command line), a
// WWW-Authenticate challenge (the registry's answer) and an auth file
// (~/.docker/config.json). None may crash, hang or trip a sanitizer, and:
//   - a reference that parses names itself: its Name() parses to the same
//     registry, repository, tag and digest;
//   - a parsed challenge has a lower-case scheme without spaces;
//   - credentials found in an auth file have a user name without ':';
//   - base64 that decodes encodes back to bytes that decode the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_fail.h"
#include "image/image_reference.h"
#include "image/registry_auth.h"
#include "util/escape.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("registry_fuzz", what); }

void CheckReference(const std::string& text) {
  const std::optional<ctxscan::ImageReference> ref = ctxscan::ParseImageReference(text);
  if (!ref) return;
  if (ref->repository.empty() || (ref->tag.empty() == ref->digest.empty())) {
    Fail("a parsed reference lacks a repository, or has both or neither of tag and digest");
  }
  const std::optional<ctxscan::ImageReference> again = ctxscan::ParseImageReference(ref->Name());
  if (!again || again->registry != ref->registry || again->repository != ref->repository ||
      again->tag != ref->tag || again->digest != ref->digest) {
    Fail("a reference's Name() does not parse back to it");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  CheckReference(input);
  if (const auto challenge = ctxscan::ParseAuthChallenge(input)) {
    for (char c : challenge->scheme) {
      if ((c >= 'A' && c <= 'Z') || c == ' ' || c == '\t') Fail("a scheme not in lower case");
    }
  }
  const ctxscan::Result<ctxscan::CredentialLookup> found =
      ctxscan::CredentialsFromAuthFile(input, "registry.example.com:5000", "fuzz.json");
  if (found.ok() && found->credentials &&
      found->credentials->username.find(':') != std::string::npos) {
    Fail("a user name holds ':'");
  }
  if (const auto decoded = ctxscan::Base64Decode(input)) {
    std::string encoded;
    ctxscan::AppendBase64(*decoded, &encoded);
    if (ctxscan::Base64Decode(encoded) != decoded) {
      Fail("base64 does not round-trip");
    }
  }
  return 0;
}
