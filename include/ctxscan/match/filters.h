// The checks a confirmed match must pass before it becomes a finding. Each
// exists to cut false alarms without hiding real secrets:
//   - Shannon entropy of the secret (per rule, `min_entropy`): random keys
//     score high, words and repeated characters low;
//   - the placeholder list (docs/rules.md): `${VAR}`, `<your-token>`,
//     `changeme`, `xxxx`, `EXAMPLE`, empty and boolean values and the like
//     are what people write where a secret will go later;
//   - structural validators (per rule, `validate`), e.g. the CRC32 that
//     GitHub and npm append to their tokens.
//
// Covered by tests/unit/filters_test.cc. Thread safety: pure functions.
#pragma once

#include <string_view>

namespace ctxscan {

// Shannon entropy of `s` in bits per byte (0 for an empty string).
double ShannonEntropy(std::string_view s);

// Reports whether `secret` looks like a placeholder rather than a value.
bool LooksLikePlaceholder(std::string_view secret);

// Runs the named validator; unknown names fail.
bool RunValidator(std::string_view name, std::string_view secret);

}  // namespace ctxscan
