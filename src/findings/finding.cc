// Finding helpers; see include/ctxscan/findings/finding.h.
#include "ctxscan/findings/finding.h"

#include <algorithm>
#include <tuple>

#include "ctxscan/findings/hash_key.h"
#include "util/hmac.h"

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

std::string_view InImageName(InImage where) {
  switch (where) {
    case InImage::kFinal:
      return "final";
    case InImage::kIntermediate:
      return "intermediate";
    case InImage::kNo:
      break;
  }
  return "no";
}

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    const Location& x = a.locations[0];
    const Location& y = b.locations[0];
    return std::tie(x.path, x.line, x.column, a.rule->id) <
           std::tie(y.path, y.line, y.column, b.rule->id);
  });
}

}  // namespace ctxscan
