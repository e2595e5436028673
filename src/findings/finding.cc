// Finding helpers; see include/ctxscan/findings/finding.h.
#include "ctxscan/findings/finding.h"

#include "ctxscan/findings/hash_key.h"
#include "ctxscan/util/hmac.h"

namespace ctxscan {

std::string_view FindingKindName(FindingKind k) {
  switch (k) {
    case FindingKind::kSecret:
      return "secret";
    case FindingKind::kFile:
      return "file";
    case FindingKind::kDockerfile:
      return "dockerfile";
    case FindingKind::kCompose:
      return "compose";
  }
  return "secret";
}

void KeyFindings(const HashKey& key, std::vector<Finding>* findings) {
  for (Finding& f : *findings) {
    f.secret_hmac = f.secret.empty() ? "" : HmacSha256Hex(key.bytes, f.secret);
    f.fingerprint =
        HmacSha256Hex(key.bytes, std::string("ctxscan fingerprint v2") + '\0' + f.rule->id + '\0' +
                                     f.secret_hmac + '\0' + f.identity);
  }
}

}  // namespace ctxscan
