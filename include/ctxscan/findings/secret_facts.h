// What a matched secret is, beyond its rule, when that changes how much it
// matters: a private key encrypted with a passphrase (PEM `Proc-Type:
// 4,ENCRYPTED`, `ENCRYPTED PRIVATE KEY`, an OpenSSH key whose cipher, read
// from the binary header inside the base64 body, is not "none") is useless
// without the passphrase, so it gets medium severity; a Google API key in a
// Firebase web configuration (next to authDomain or projectId, or under a key
// whose name says Firebase: firebase_api_key, FirebaseApiKey, a Kubernetes env
// entry named FIREBASE_API_KEY) is a public identifier that ships in every
// page, so it gets low severity. Each says why in the finding's detail.
//
// Covered by tests/e2e/confidence_test.py. Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ctxscan/match/rule.h"

namespace ctxscan {

struct SecretFacts {
  std::optional<Severity> severity;  // replaces the rule's when set
  std::string detail;                // one clause; empty when nothing to add
};

// Judges `secret`, matched by `rule`; `before` and `after` are the text each
// side of the secret (a few hundred bytes) for facts that depend on the
// neighbours.
SecretFacts JudgeSecretFacts(const Rule& rule, std::string_view secret, std::string_view before,
                             std::string_view after);

}  // namespace ctxscan
