// The decoders' trigger pass; see src/findings/decode_triggers.h.
#include "findings/decode_triggers.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "util/text.h"

namespace ctxscan {
namespace {

constexpr std::string_view kBase64Dashes = "LS0tLS";
constexpr std::string_view kKubernetesSecret = "kind: Secret";

// Appends the trigger that starts at `p`, if one does: the definitions,
// tested byte by byte.
void TestAt(std::string_view data, std::size_t p, std::vector<DecodeTriggerAt>* out) {
  const std::string_view rest = data.substr(p);
  switch (rest[0]) {
    case '\\':
      if (rest.size() > 1 &&
          (rest[1] == '"' || rest[1] == '/' || rest[1] == 'u' || rest[1] == 'n')) {
        out->push_back({p, DecodeTrigger::kEscape});
      }
      break;
    case '%':
      if (rest.size() > 2 && HexDigit(rest[1]) >= 0 && HexDigit(rest[2]) >= 0) {
        out->push_back({p, DecodeTrigger::kPercentHex});
      }
      break;
    case 'L':
      if (rest.starts_with(kBase64Dashes)) out->push_back({p, DecodeTrigger::kBase64Dashes});
      break;
    case 'k':
      if (rest.starts_with(kKubernetesSecret)) {
        out->push_back({p, DecodeTrigger::kKubernetesSecret});
      }
      break;
    default:
      break;
  }
}

#if defined(__x86_64__)
#define CTXSCAN_TRIGGER_BLOCKS 1

// The farthest byte past its start that a block's test reads.
constexpr std::size_t kReach = 6;

// TestBlocks* test the positions of data[0, n) that may start a trigger, 16
// or 32 at a time, and return where they stopped (the rest is for TestAt
// alone): a position is tested when it holds '\\' or '%', or 'L' with '0'
// two bytes on ("LS0"), or 'k' with 'S' six bytes on ("kind: S"). Each bit
// of `mask` is a position of the block at `at` to test.
void TestMask(std::string_view data, std::size_t at, std::uint32_t mask,
              std::vector<DecodeTriggerAt>* out) {
  for (; mask != 0; mask &= mask - 1) {
    TestAt(data, at + static_cast<std::size_t>(__builtin_ctz(mask)), out);
  }
}

std::size_t TestBlocksSse2(std::string_view data, std::vector<DecodeTriggerAt>* out) {
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i percent = _mm_set1_epi8('%');
  const __m128i letter_l = _mm_set1_epi8('L');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i letter_k = _mm_set1_epi8('k');
  const __m128i letter_s = _mm_set1_epi8('S');
  std::size_t i = 0;
  for (; i + 16 + kReach <= data.size(); i += 16) {
    const char* p = data.data() + i;
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
    const __m128i v6 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + kReach));
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v0, backslash), _mm_cmpeq_epi8(v0, percent)),
        _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, letter_l), _mm_cmpeq_epi8(v2, zero)),
                     _mm_and_si128(_mm_cmpeq_epi8(v0, letter_k), _mm_cmpeq_epi8(v6, letter_s))));
    TestMask(data, i, static_cast<std::uint32_t>(_mm_movemask_epi8(hits)), out);
  }
  return i;
}

[[gnu::target("avx2")]] std::size_t TestBlocksAvx2(std::string_view data,
                                                   std::vector<DecodeTriggerAt>* out) {
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i percent = _mm256_set1_epi8('%');
  const __m256i letter_l = _mm256_set1_epi8('L');
  const __m256i zero = _mm256_set1_epi8('0');
  const __m256i letter_k = _mm256_set1_epi8('k');
  const __m256i letter_s = _mm256_set1_epi8('S');
  std::size_t i = 0;
  for (; i + 32 + kReach <= data.size(); i += 32) {
    const char* p = data.data() + i;
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    const __m256i v6 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + kReach));
    const __m256i hits = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v0, backslash), _mm256_cmpeq_epi8(v0, percent)),
        _mm256_or_si256(
            _mm256_and_si256(_mm256_cmpeq_epi8(v0, letter_l), _mm256_cmpeq_epi8(v2, zero)),
            _mm256_and_si256(_mm256_cmpeq_epi8(v0, letter_k), _mm256_cmpeq_epi8(v6, letter_s))));
    TestMask(data, i, static_cast<std::uint32_t>(_mm256_movemask_epi8(hits)), out);
  }
  return i;
}
#endif

}  // namespace

bool IsAvailable(DecodeTriggerPass pass) {
#if CTXSCAN_TRIGGER_BLOCKS
  static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
  return pass != DecodeTriggerPass::kAvx2 || avx2;
#else
  return pass == DecodeTriggerPass::kBest || pass == DecodeTriggerPass::kByteByByte;
#endif
}

std::vector<DecodeTriggerAt> FindDecodeTriggers(std::string_view data, DecodeTriggerPass pass) {
  std::vector<DecodeTriggerAt> out;
  if (pass == DecodeTriggerPass::kBest) {
    pass =
        IsAvailable(DecodeTriggerPass::kAvx2) ? DecodeTriggerPass::kAvx2 : DecodeTriggerPass::kSse2;
  }
  if (!IsAvailable(pass)) pass = DecodeTriggerPass::kByteByByte;
  std::size_t p = 0;
#if CTXSCAN_TRIGGER_BLOCKS
  if (pass == DecodeTriggerPass::kAvx2) p = TestBlocksAvx2(data, &out);
  if (pass == DecodeTriggerPass::kSse2) p = TestBlocksSse2(data, &out);
#endif
  for (; p < data.size(); ++p) TestAt(data, p, &out);
  return out;
}

}  // namespace ctxscan
