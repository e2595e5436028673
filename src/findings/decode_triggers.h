// Where a file may hold encoded text worth decoding: the positions that
// start the decoders' triggers (src/findings/decoded_views.h), found in one
// pass over the bytes, 32 at a time where the CPU has AVX2 (16 with SSE2,
// one at a time on other architectures).
//
// Most files hold no trigger, so this pass is what every file pays for the
// decoded views; the decoders look at the lines around the triggers only.
//
// Covered by tests/unit/decoded_views_test.cc (DecodeTriggers.*: the pass
// against every position tested one by one).
// Thread safety: a pure function.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ctxscan {

enum class DecodeTrigger : std::uint8_t {
  kEscape,            // '\\' followed by '"', '/', 'u' or 'n'
  kPercentHex,        // '%' followed by two hex digits
  kBase64Dashes,      // "LS0tLS", the base64 of "-----" at a group boundary
  kKubernetesSecret,  // "kind: Secret"
};

struct DecodeTriggerAt {
  std::uint64_t pos;
  DecodeTrigger what;

  bool operator==(const DecodeTriggerAt&) const = default;
};

// How the pass tests the bytes: the widest vectors the CPU has (kBest), or
// one of the passes, for tests that compare them. A pass the build or the
// CPU lacks (IsAvailable) runs as kByteByByte.
enum class DecodeTriggerPass : std::uint8_t { kBest, kAvx2, kSse2, kByteByByte };
bool IsAvailable(DecodeTriggerPass pass);

// Every trigger in `data`, by increasing position. Triggers may overlap
// (each is reported where it starts).
std::vector<DecodeTriggerAt> FindDecodeTriggers(std::string_view data,
                                                DecodeTriggerPass pass = DecodeTriggerPass::kBest);

}  // namespace ctxscan
