// RE2 escapes rewritten for Hyperscan; see src/match/hyperscan_dialect.h.
#include "match/hyperscan_dialect.h"

namespace ctxscan {
namespace {

constexpr char kSpace[] = "\\t\\n\\f\\r ";  // RE2's \s

// A bracket expression being copied: its items, and whether it held \s or \S.
struct ClassBuffer {
  bool negated = false;
  bool has_s = false;
  bool has_not_s = false;
  std::string items;
  std::size_t start = 0;  // index in the pattern of the first item
};

Result<std::string> Close(const ClassBuffer& c) {
  if (!c.has_not_s) return std::string("[") + (c.negated ? "^" : "") + c.items + "]";
  if (c.negated) return Status::Error("\\S inside a negated character class is not supported");
  // [\S...] = anything but RE2's spaces, or one of the other items; with \s
  // as well it is any byte at all (the [\s\S] idiom).
  if (c.has_s) return std::string("[\\x00-\\xff]");
  std::string out = std::string("(?:[^") + kSpace + "]";
  if (!c.items.empty()) out += "|[" + c.items + "]";
  return out + ")";
}

}  // namespace

Result<std::string> ToHyperscanDialect(std::string_view p, Repeats repeats) {
  std::string out;
  out.reserve(p.size() + 16);
  bool in_class = false;
  ClassBuffer cls;
  std::string* sink = &out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[++i];
      if (e == 's') {
        if (in_class) {
          cls.has_s = true;
          cls.items += kSpace;
        } else {
          out += std::string("[") + kSpace + "]";
        }
      } else if (e == 'S') {
        if (in_class) {
          cls.has_not_s = true;
        } else {
          out += std::string("[^") + kSpace + "]";
        }
      } else if (e == 'v') {
        *sink += "\\x0b";
      } else if (e == 'Q' && !in_class) {
        // \Q...\E: copy the literal run untouched.
        const std::size_t end = p.find("\\E", i + 1);
        const std::size_t stop = end == std::string_view::npos ? p.size() : end + 2;
        out += '\\';
        out.append(p.substr(i, stop - i));
        i = stop - 1;
      } else {
        *sink += '\\';
        *sink += e;
      }
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      cls = ClassBuffer{};
      if (i + 1 < p.size() && p[i + 1] == '^') {
        cls.negated = true;
        ++i;
      }
      cls.start = i + 1;
      sink = &cls.items;
      continue;
    }
    if (in_class && c == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      // A POSIX class such as [:alpha:] inside a bracket expression.
      const std::size_t end = p.find(":]", i + 2);
      if (end != std::string_view::npos) {
        cls.items.append(p.substr(i, end + 2 - i));
        i = end + 1;
        continue;
      }
    }
    if (!in_class && c == '{' && repeats == Repeats::kRelaxed) {
      // {m,n} -> {m,}; anything else (a literal brace, {n}, {m,}) is copied.
      std::size_t j = i + 1;
      while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
      if (j > i + 1 && j < p.size() && p[j] == ',') {
        const std::size_t lower_end = j;
        std::size_t k = j + 1;
        while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k;
        if (k > j + 1 && k < p.size() && p[k] == '}') {
          out.append(p.substr(i, lower_end - i + 1));  // "{m,"
          out += '}';
          i = k;
          continue;
        }
      }
    }
    if (in_class && c == ']' && i != cls.start) {
      in_class = false;
      sink = &out;
      Result<std::string> closed = Close(cls);
      if (!closed.ok()) return closed.status();
      out += *closed;
      continue;
    }
    *sink += c;
  }
  if (in_class) return Status::Error("unterminated character class");
  return out;
}

}  // namespace ctxscan
