// Character trigram value score; see src/match/value_score.h.
#include "match/value_score.h"

namespace ctxscan {
namespace {

#include "match/value_model_table.inc"

// 0: a boundary; 1-26: a-z, case-folded; 27: any digit.
int Symbol(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a' + 1;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 1;
  if (c >= '0' && c <= '9') return 27;
  return 0;
}

}  // namespace

double ValueScore(std::string_view value) {
  unsigned total = 0;
  unsigned steps = 0;
  int a = 0;
  int b = 0;
  // One extra step at the end closes the last run.
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const int c = i < value.size() ? Symbol(value[i]) : 0;
    if (c == 0 && b == 0) {
      a = 0;
      continue;
    }
    total += kValueModel[a][b][c];
    ++steps;
    a = c == 0 ? 0 : b;
    b = c;
  }
  return steps == 0 ? 0 : static_cast<double>(total) / 16.0 / steps;
}

}  // namespace ctxscan
