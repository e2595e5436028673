// Bit-parallel NFA for Docker's pattern regexps; see glob_program.h.
//
// State: bit i of `at` means "about to match token i"; bit i of `loop` means
// "inside the .* of the (.*/)? token i". Every epsilon move goes forward, so a
// single ascending pass computes the closure.
#include "util/glob_program.h"

#include "util/go_path.h"

namespace ctxscan {

bool GlobProgram::Finish() {
  if (tokens_.size() > 63) return false;
  // Detect the simple shape (see the header).
  simple_ = true;
  std::size_t first = 0;
  if (!tokens_.empty() && tokens_[0].op == Op::kAnyDirs) {
    simple_any_dirs_ = true;
    first = 1;
  }
  for (std::size_t i = first; i < tokens_.size() && simple_; ++i) {
    const Token& t = tokens_[i];
    if (t.op == Op::kLiteral && t.literal != '/') {
      (simple_star_ ? simple_tail_ : simple_head_) += t.literal;
    } else if (t.op == Op::kStar && !simple_star_) {
      simple_star_ = true;
    } else {
      simple_ = false;
    }
  }
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const Op op = tokens_[i].op;
    if (op == Op::kStar || op == Op::kAnyDirs || op == Op::kAnyTail) epsilon_ |= 1ULL << i;
    if (op == Op::kAnyDirs) any_dirs_ |= 1ULL << i;
  }
  std::size_t i = 0;
  while (i < tokens_.size() && tokens_[i].op == Op::kLiteral) prefix_ += tokens_[i++].literal;
  if (i < tokens_.size()) {
    std::size_t j = tokens_.size();
    while (j > i && tokens_[j - 1].op == Op::kLiteral) --j;
    for (std::size_t k = j; k < tokens_.size(); ++k) suffix_ += tokens_[k].literal;
    // Longest literal run strictly between prefix and suffix.
    std::string run;
    for (std::size_t k = i; k < j; ++k) {
      if (tokens_[k].op == Op::kLiteral) {
        run += tokens_[k].literal;
        if (run.size() > inner_.size()) inner_ = run;
      } else {
        run.clear();
      }
    }
  }
  return true;
}

std::uint64_t GlobProgram::Closure(std::uint64_t at, std::uint64_t* loop) const {
  std::uint64_t eps = at & epsilon_;
  while (eps != 0) {
    const int i = __builtin_ctzll(eps);
    eps &= eps - 1;
    const std::uint64_t next = 1ULL << (i + 1);
    if ((at & next) == 0) {
      at |= next;
      eps |= next & epsilon_;
    }
  }
  *loop |= at & any_dirs_;
  return at;
}

bool GlobProgram::TokenAccepts(const Token& t, char32_t r) const {
  switch (t.op) {
    case Op::kLiteral:
      return r == static_cast<unsigned char>(t.literal);
    case Op::kAnyRune:
      return r != '/';
    case Op::kClass: {
      bool in = false;
      for (const auto& [lo, hi] : t.ranges) in = in || (lo <= r && r <= hi);
      return in != t.negated;
    }
    default:
      return false;
  }
}

bool GlobProgram::MatchSimple(std::string_view path) const {
  std::string_view last = path;
  const std::size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) {
    // Without (.*/)? nothing may match a '/'; with it, the group must end at
    // the last '/' and its ".*" must not cross a newline.
    if (!simple_any_dirs_) return false;
    if (path.substr(0, slash).find('\n') != std::string_view::npos) return false;
    last = path.substr(slash + 1);
  }
  if (!simple_star_) return last == simple_head_;
  return last.size() >= simple_head_.size() + simple_tail_.size() &&
         last.starts_with(simple_head_) && last.ends_with(simple_tail_);
}

bool GlobProgram::Match(std::string_view path) const {
  if (simple_) return MatchSimple(path);
  if (path.size() < prefix_.size() + suffix_.size()) return false;
  if (path.compare(0, prefix_.size(), prefix_) != 0) return false;
  if (path.compare(path.size() - suffix_.size(), suffix_.size(), suffix_) != 0) return false;
  if (!inner_.empty() &&
      path.substr(prefix_.size(), path.size() - prefix_.size() - suffix_.size()).find(inner_) ==
          std::string_view::npos) {
    return false;
  }

  const std::size_t n = tokens_.size();
  const std::uint64_t accept = 1ULL << n;
  std::uint64_t loop = 0;
  std::uint64_t at = Closure(1, &loop);
  std::size_t pos = 0;
  while (pos < path.size()) {
    if (at == 0 && loop == 0) return false;
    char32_t r = static_cast<unsigned char>(path[pos]);
    std::size_t width = 1;
    if (r >= 0x80) {
      const go::DecodedRune d = go::DecodeRune(path.substr(pos));
      r = d.rune;
      width = d.width;
    }
    pos += width;
    std::uint64_t next_at = 0;
    std::uint64_t next_loop = 0;
    for (std::uint64_t m = at & (accept - 1); m != 0; m &= m - 1) {
      const int i = __builtin_ctzll(m);
      const Token& t = tokens_[static_cast<std::size_t>(i)];
      if (t.op == Op::kStar) {
        if (r != '/') next_at |= 1ULL << i;
      } else if (t.op == Op::kAnyTail) {
        if (r != '\n') next_at |= 1ULL << i;
      } else if (t.op != Op::kAnyDirs && TokenAccepts(t, r)) {
        next_at |= 1ULL << (i + 1);
      }
    }
    if (loop != 0) {
      if (r != '\n') next_loop |= loop;
      if (r == '/') next_at |= loop << 1;
    }
    loop = next_loop;
    at = Closure(next_at, &loop);
  }
  return (at & accept) != 0;
}

}  // namespace ctxscan
