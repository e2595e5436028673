// Git's delta format: an object in a pack stored as instructions that
// rebuild it from another object (its base). A delta starts with the base's
// size and the result's size (little-endian base-128 numbers), then
// instructions: a byte with the high bit set copies a range of the base (the
// low 4 bits say which offset bytes follow, the next 3 which size bytes; a
// size of 0 means 0x10000), a byte from 1 to 127 inserts that many bytes
// that follow it, and 0 is reserved (an error).
//
// Covered by tests/unit/pack_reader_test.cc and tests/fuzz/pack_fuzz.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan::git {

struct DeltaSizes {
  std::uint64_t base = 0;
  std::uint64_t result = 0;
  std::size_t header = 0;  // bytes the two sizes take
};

// The two sizes at the start of `delta`; an error when they are cut off or
// longer than 10 bytes each.
Result<DeltaSizes> ReadDeltaSizes(std::string_view delta);

// Rebuilds the object `delta` describes from `base` into `*out`. Fails,
// naming the problem, when the base's size is not the one the delta names,
// an instruction reaches outside the base or the delta, the reserved
// instruction appears, or the result's size is not the one it names.
Status ApplyDelta(std::string_view base, std::string_view delta, std::string* out);

}  // namespace ctxscan::git
