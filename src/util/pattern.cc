// Translation of a .dockerignore pattern into Docker's match type and regexp,
// and the matching itself; see include/ctxscan/util/pattern.h.
//
// The translation walks the pattern rune by rune as Go's text/scanner does
// (a leading BOM is skipped, an invalid byte reads as U+FFFD) and produces
// three things at once: Docker's match type, the Go regexp text, and, where
// the regexp stays in the simple subset, a GlobProgram that matches it faster.
#include "ctxscan/util/pattern.h"

#include <re2/re2.h>

#include <cctype>
#include <string_view>

#include "util/glob_program.h"
#include "util/go_path.h"

namespace ctxscan {
namespace {

// Characters Docker escapes because they are regexp syntax but not glob syntax.
bool ShouldEscape(char32_t c) {
  return c < 0x80 &&
         std::string_view(".+()|{}$").find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsAlnum(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)) != 0; }

// Reads rune after rune like text/scanner: a BOM at the very start is skipped.
class RuneReader {
 public:
  explicit RuneReader(std::string_view s) : s_(s) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") s_.remove_prefix(3);
  }
  bool AtEnd() const { return s_.empty(); }
  char32_t Peek() const { return AtEnd() ? 0 : go::DecodeRune(s_).rune; }
  char32_t Next() {
    const go::DecodedRune d = go::DecodeRune(s_);
    s_.remove_prefix(d.width);
    return d.rune;
  }
  std::string_view rest() const { return s_; }

 private:
  std::string_view s_;
};

// Parses a class the GlobProgram supports: '[' '^'? (alnum | '.' | '_' |
// alnum '-' alnum)+ ']'. On success consumes it from `reader` (just after '[').
bool ParseSimpleClass(RuneReader* reader, GlobProgram::Token* token, std::string* regexp) {
  std::string_view s = reader->rest();
  std::size_t i = 0;
  GlobProgram::Token t = GlobProgram::Make(GlobProgram::Op::kClass);
  if (i < s.size() && s[i] == '^') {
    t.negated = true;
    ++i;
  }
  auto simple = [](char c) {
    return IsAlnum(static_cast<unsigned char>(c)) || c == '.' || c == '_';
  };
  while (i < s.size() && s[i] != ']') {
    if (!simple(s[i])) return false;
    char lo = s[i];
    char hi = lo;
    if (i + 2 < s.size() && s[i + 1] == '-' && s[i + 2] != ']') {
      hi = s[i + 2];
      if (!IsAlnum(static_cast<unsigned char>(lo)) || !IsAlnum(static_cast<unsigned char>(hi)) ||
          lo > hi) {
        return false;
      }
      i += 2;
    }
    t.ranges.emplace_back(static_cast<unsigned char>(lo), static_cast<unsigned char>(hi));
    ++i;
  }
  if (i >= s.size() || t.ranges.empty()) return false;
  // Docker copies the class into the regexp with '.' escaped; same meaning.
  *regexp += '[';
  for (std::size_t k = 0; k < i; ++k) {
    if (s[k] == '.') *regexp += '\\';
    *regexp += s[k];
  }
  *regexp += ']';
  while (reader->rest().size() > s.size() - i - 1) reader->Next();
  *token = std::move(t);
  return true;
}

}  // namespace

Pattern::Pattern(std::string text, bool exclusion, int line)
    : text_(std::move(text)), exclusion_(exclusion), line_(line) {
  Compile();
}

namespace {

// A pattern being translated, as Docker does, into a Go regexp and, where
// it can be, into a GlobProgram.
struct Translation {
  Pattern::Type type = Pattern::Type::kExact;
  std::string re = "^";
  std::unique_ptr<GlobProgram> glob = std::make_unique<GlobProgram>();
  bool glob_ok = true;
  std::string error;

  void Add(std::string_view regexp, GlobProgram::Token token) {
    re += regexp;
    glob->Add(std::move(token));
  }
};

// A '*' (the reader is past it): "*", "**", "**/"; `first` when it began
// the pattern.
void TranslateStar(RuneReader* reader, bool first, Translation* t) {
  using Op = GlobProgram::Op;
  using Type = Pattern::Type;
  if (reader->AtEnd() || reader->Peek() != '*') {
    t->Add("[^/]*", GlobProgram::Make(Op::kStar));
    t->type = Type::kRegexp;
    return;
  }
  reader->Next();
  if (!reader->AtEnd() && reader->Peek() == '/') reader->Next();  // "**/" is "**"
  if (reader->AtEnd()) {
    if (t->type == Type::kExact) {
      t->type = Type::kPrefix;
    } else {
      t->Add(".*", GlobProgram::Make(Op::kAnyTail));
      t->type = Type::kRegexp;
    }
  } else {
    t->Add("(.*/)?", GlobProgram::Make(Op::kAnyDirs));
    t->type = Type::kRegexp;
  }
  if (first) t->type = Type::kSuffix;
}

// A '\' (the reader is past it).
void TranslateEscape(RuneReader* reader, Translation* t) {
  if (reader->AtEnd()) {
    // Unreachable after validation (a trailing '\' is a syntax error),
    // kept to mirror Docker's translation.
    t->re += '\\';
    return;
  }
  const char32_t next = reader->Next();
  t->type = Pattern::Type::kRegexp;
  if (next < 0x80 && !IsAlnum(next)) {
    // Go reads any escaped ASCII punctuation as itself; RE2 accepts
    // fewer escapes, so keep the backslash only where it matters.
    if (std::string_view("\\.+*?()|[]{}^$-").find(static_cast<char>(next)) !=
        std::string_view::npos) {
      t->re += '\\';
    }
    t->Add(std::string(1, static_cast<char>(next)),
           GlobProgram::Make(GlobProgram::Op::kLiteral, static_cast<char>(next)));
    return;
  }
  if (next == 'C') t->error = "invalid escape sequence: \\C";  // RE2 accepts it, Go does not
  t->re += '\\';
  go::AppendRune(next, &t->re);
  t->glob_ok = false;  // a regexp escape such as \d: leave it to RE2
}

// Translates one rune `ch` of the pattern (the reader is past it); `first`
// when it began the pattern.
void TranslateRune(char32_t ch, bool first, RuneReader* reader, Translation* t) {
  using Op = GlobProgram::Op;
  if (ch == '*') {
    TranslateStar(reader, first, t);
  } else if (ch == '?') {
    t->Add("[^/]", GlobProgram::Make(Op::kAnyRune));
    t->type = Pattern::Type::kRegexp;
  } else if (ShouldEscape(ch)) {
    t->Add(std::string{'\\', static_cast<char>(ch)},
           GlobProgram::Make(Op::kLiteral, static_cast<char>(ch)));
  } else if (ch == '\\') {
    TranslateEscape(reader, t);
  } else if (ch == '[') {
    t->type = Pattern::Type::kRegexp;
    GlobProgram::Token token = GlobProgram::Make(Op::kClass);
    if (!ParseSimpleClass(reader, &token, &t->re)) {
      t->re += '[';
      t->glob_ok = false;
    } else {
      t->glob->Add(std::move(token));
    }
  } else if (ch == ']') {
    t->Add("]", GlobProgram::Make(Op::kLiteral, ']'));
    t->type = Pattern::Type::kRegexp;
  } else {
    go::AppendRune(ch, &t->re);
    if (ch >= 0x80 || ch == '^') {
      t->glob_ok = false;
    } else {
      t->glob->Add(GlobProgram::Make(Op::kLiteral, static_cast<char>(ch)));
    }
  }
}

}  // namespace

void Pattern::Compile() {
  Translation t;
  RuneReader reader(text_);
  for (int i = 0; !reader.AtEnd(); ++i) TranslateRune(reader.Next(), i == 0, &reader, &t);
  type_ = t.type;
  error_ = std::move(t.error);
  if (type_ != Type::kRegexp) return;
  t.re += '$';
  regexp_ = t.re;
  if (!error_.empty()) return;
  if (t.glob_ok && t.glob->Finish()) {
    glob_ = std::move(t.glob);
    return;
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_dot_nl(false);
  options.set_case_sensitive(true);
  auto compiled = std::make_shared<const RE2>(t.re, options);
  if (!compiled->ok()) {
    error_ = compiled->error();
    return;
  }
  re2_ = std::move(compiled);
}

Pattern::Outcome Pattern::Match(std::string_view path) const {
  auto outcome = [](bool m) { return m ? Outcome::kMatch : Outcome::kNoMatch; };
  switch (type_) {
    case Type::kExact:
      return outcome(path == text_);
    case Type::kPrefix:
      return outcome(path.starts_with(std::string_view(text_).substr(0, text_.size() - 2)));
    case Type::kSuffix: {
      const std::string_view suffix = std::string_view(text_).substr(2);
      if (path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix) {
        return Outcome::kMatch;
      }
      return outcome(suffix[0] == '/' && path == suffix.substr(1));
    }
    case Type::kRegexp:
      break;
  }
  if (!error_.empty()) return Outcome::kBadPattern;
  if (glob_) return outcome(glob_->Match(path));
  // Go's regexp reads an invalid byte as U+FFFD; RE2 in UTF-8 mode would not
  // match it at all, so hand RE2 the path with each such byte replaced.
  if (go::ValidUtf8(path)) return outcome(RE2::FullMatch(path, *re2_));
  std::string sanitized;
  for (std::size_t i = 0; i < path.size();) {
    const go::DecodedRune d = go::DecodeRune(path.substr(i));
    if (d.rune == go::kRuneError && d.width == 1) {
      go::AppendRune(go::kRuneError, &sanitized);
    } else {
      sanitized.append(path.substr(i, d.width));
    }
    i += d.width;
  }
  return outcome(RE2::FullMatch(sanitized, *re2_));
}

}  // namespace ctxscan
