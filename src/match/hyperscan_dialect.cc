// RE2 escapes rewritten for Hyperscan; see src/match/hyperscan_dialect.h.
#include "match/hyperscan_dialect.h"

#include "match/regex_text.h"

namespace ctxscan {
namespace {

constexpr char kSpace[] = "\\t\\n\\f\\r ";  // RE2's \s

constexpr std::size_t kNpos = std::string_view::npos;

// A class rewritten: \s and \v spelled out, \S as the complement of RE2's
// spaces.
Result<std::string> RewriteClass(std::string_view cls) {
  bool negated = false;
  bool has_s = false;
  bool has_not_s = false;
  std::string items;
  for (std::string_view m : ClassMembers(cls, &negated)) {
    if (m == "\\s") {
      has_s = true;
      items += kSpace;
    } else if (m == "\\S") {
      has_not_s = true;
    } else if (m == "\\v") {
      items += "\\x0b";
    } else {
      items += m;
    }
  }
  if (!has_not_s) return std::string("[") + (negated ? "^" : "") + items + "]";
  if (negated) return Status::Error("\\S inside a negated character class is not supported");
  // [\S...] = anything but RE2's spaces, or one of the other items; with \s
  // as well it is any byte at all (the [\s\S] idiom).
  if (has_s) return std::string("[\\x00-\\xff]");
  std::string out = std::string("(?:[^") + kSpace + "]";
  if (!items.empty()) out += "|[" + items + "]";
  return out + ")";
}

// An escape outside a class rewritten (\Q...\E is one escape, copied).
std::string RewriteEscape(std::string_view e) {
  if (e == "\\s") return std::string("[") + kSpace + "]";
  if (e == "\\S") return std::string("[^") + kSpace + "]";
  if (e == "\\v") return "\\x0b";
  return std::string(e);
}

// For the '{' at `i`: when it starts "{m,n}", appends "{m," and "}" and
// returns the index past it; otherwise (a literal brace, {n}, {m,}) npos.
std::size_t RelaxRepeat(std::string_view p, std::size_t i, std::string* out) {
  std::size_t j = i + 1;
  while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
  if (j == i + 1 || j >= p.size() || p[j] != ',') return kNpos;
  std::size_t k = j + 1;
  while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k;
  if (k == j + 1 || k >= p.size() || p[k] != '}') return kNpos;
  out->append(p.substr(i, j + 1 - i));  // "{m,"
  out->push_back('}');
  return k + 1;
}

}  // namespace

Result<std::string> ToHyperscanDialect(std::string_view p, Repeats repeats) {
  std::string out;
  out.reserve(p.size() + 16);
  for (std::size_t i = 0; i < p.size();) {
    const std::size_t end = TokenEnd(p, i);
    if (end == kNpos) {
      if (p[i] == '[') return Status::Error("unterminated character class");
      out.append(p.substr(i));  // a trailing backslash, which RE2 refuses
      break;
    }
    const std::string_view token = p.substr(i, end - i);
    if (token[0] == '[') {
      Result<std::string> cls = RewriteClass(token);
      if (!cls.ok()) return cls.status();
      out += *cls;
    } else if (token[0] == '\\') {
      out += RewriteEscape(token);
    } else if (token[0] == '{' && repeats == Repeats::kRelaxed) {
      if (const std::size_t past = RelaxRepeat(p, i, &out); past != kNpos) {
        i = past;
        continue;
      }
      out += token;
    } else {
      out += token;
    }
    i = end;
  }
  return out;
}

}  // namespace ctxscan
