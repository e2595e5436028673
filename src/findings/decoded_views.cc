// Decoded views of a file; see src/findings/decoded_views.h.
#include "findings/decoded_views.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "findings/decode_triggers.h"
#include "util/text.h"

namespace ctxscan {
namespace {

constexpr std::size_t kMaxJoinedLines = 200;

// A view being built: decoded bytes and where each came from.
class Builder {
 public:
  explicit Builder(const char* how) { view_.how = how; }
  // Makes room for `n` more bytes (a region about to be decoded), growing
  // the buffers geometrically.
  void Expect(std::size_t n) {
    const std::size_t want = view_.text.size() + n + 1;
    if (want <= view_.text.capacity()) return;
    const std::size_t cap = std::max(want, 2 * view_.text.capacity());
    view_.text.reserve(cap);
    view_.origin.reserve(cap + 1);
  }
  void Put(char c, std::uint64_t from) {
    view_.text.push_back(c);
    view_.origin.push_back(from);
  }
  // Ends a region that came from original bytes up to `end`: a newline
  // separates it from the next.
  void EndRegion(std::uint64_t end) { Put('\n', end); }
  bool empty() const { return view_.text.empty(); }
  DecodedView Take(std::uint64_t end) {
    view_.origin.push_back(end);
    return std::move(view_);
  }

 private:
  DecodedView view_;
};

bool Has(std::string_view s, std::string_view what) {
  return s.find(what) != std::string_view::npos;
}

std::string_view RightTrimmed(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Calls fn(begin, end) for each line of `data` (end excludes the newline).
template <typename Fn>
void ForEachLine(std::string_view data, Fn fn) {
  std::size_t at = 0;
  while (at < data.size()) {
    const void* nl = std::memchr(data.data() + at, '\n', data.size() - at);
    const std::size_t end =
        nl == nullptr ? data.size()
                      : static_cast<std::size_t>(static_cast<const char*>(nl) - data.data());
    if (!fn(at, end)) return;
    at = end + 1;
  }
}

// The start of the line holding `p` (its first byte).
std::size_t LineStart(std::string_view data, std::size_t p) {
  const void* nl = p == 0 ? nullptr : ::memrchr(data.data(), '\n', p);
  return nl == nullptr ? 0
                       : static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1;
}

// The end of the line holding `p` (its newline, or the end of `data`).
std::size_t LineEnd(std::string_view data, std::size_t p) {
  const void* nl = std::memchr(data.data() + p, '\n', data.size() - p);
  return nl == nullptr ? data.size()
                       : static_cast<std::size_t>(static_cast<const char*>(nl) - data.data());
}

// Calls fn(begin, end) for each line of `data` (end excludes the newline)
// holding a trigger of kind `what` at a position p for which accept(p)
// holds, in order, each line once; stops when fn returns false.
template <typename Accept, typename Fn>
void ForEachTriggerLine(std::string_view data, const std::vector<DecodeTriggerAt>& triggers,
                        DecodeTrigger what, Accept accept, Fn fn) {
  std::size_t done = 0;  // the lines before it were handed to fn
  for (const DecodeTriggerAt& t : triggers) {
    if (t.what != what || t.pos < done || !accept(t.pos)) continue;
    const std::size_t end = LineEnd(data, t.pos);
    if (!fn(LineStart(data, t.pos), end)) return;
    done = end + 1;
  }
}

// --- escaped and joined strings -------------------------------------------

// The first byte after the blanks at `at` in `data`, or 0.
char NextNonBlank(std::string_view data, std::size_t at) {
  while (at < data.size() &&
         (data[at] == ' ' || data[at] == '\t' || data[at] == '\r' || data[at] == '\n'))
    ++at;
  return at < data.size() ? data[at] : '\0';
}

// Whether the string on the line data[begin, end) continues on the next
// line: the line ends with a join operator ('+'; '.' after a quote, as PHP
// and Perl write it) or with a closing quote that the next line opens again
// (adjacent literals, which Python and C join).
bool EndsWithJoin(std::string_view data, std::size_t begin, std::size_t end) {
  const std::string_view t = RightTrimmed(data.substr(begin, end - begin));
  if (t.empty()) return false;
  if (t.back() == '+') return true;
  const std::string_view rest = RightTrimmed(t.substr(0, t.size() - 1));
  if (t.back() == '.') return !rest.empty() && (rest.back() == '"' || rest.back() == '\'');
  if (t.back() != '"' && t.back() != '\'') return false;
  if (t.size() < 2 || t[t.size() - 2] == '\\') return false;
  return NextNonBlank(data, end) == t.back();
}

bool EscapeTrigger(std::string_view data, std::size_t begin, std::size_t end) {
  const std::string_view line = data.substr(begin, end - begin);
  if (Has(line, "\\\"") || Has(line, "\\/") || Has(line, "\\u00")) return true;
  return Has(line, "\\n") && (Has(line, "-----BEGIN") || EndsWithJoin(data, begin, end));
}

// After a closing quote at `q`: the length of a concatenation to skip up to
// and including the next opening quote of the same kind, or 0. A
// concatenation is `\s*+\s*` or `\s*.\s*` between the quotes, or blanks
// holding a line break (adjacent literals on separate lines).
std::size_t JoinLength(std::string_view data, std::size_t q, std::size_t end) {
  std::size_t i = q + 1;
  bool line_break = false;
  auto spaces = [&] {
    while (i < end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
      line_break = line_break || data[i] == '\n';
      ++i;
    }
  };
  spaces();
  if (i < end && (data[i] == '+' || data[i] == '.')) {
    ++i;
    spaces();
  } else if (!line_break) {
    return 0;
  }
  if (i >= end || data[i] != data[q]) return 0;
  return i + 1 - q;
}

void Unescape(std::string_view data, std::size_t begin, std::size_t end, Builder* out) {
  out->Expect(end - begin);
  for (std::size_t i = begin; i < end;) {
    const char c = data[i];
    if (c == '\\' && i + 1 < end) {
      const char n = data[i + 1];
      if (n == '"' || n == '\'' || n == '/' || n == '\\') {
        out->Put(n, i);
        i += 2;
        continue;
      }
      if (n == 'n' || n == 'r' || n == 't') {
        out->Put(n == 'n' ? '\n' : n == 'r' ? '\r' : '\t', i);
        i += 2;
        continue;
      }
      if (n == 'u' && i + 5 < end && data[i + 2] == '0' && data[i + 3] == '0' &&
          HexDigit(data[i + 4]) >= 0 && HexDigit(data[i + 5]) >= 0 && HexDigit(data[i + 4]) < 8) {
        out->Put(static_cast<char>(HexDigit(data[i + 4]) * 16 + HexDigit(data[i + 5])), i);
        i += 6;
        continue;
      }
    }
    if (c == '"' || c == '\'') {
      if (const std::size_t join = JoinLength(data, i, end); join > 0) {
        i += join;
        continue;
      }
    }
    out->Put(c, i);
    ++i;
  }
  out->EndRegion(end);
}

void EscapedView(std::string_view data, const std::vector<DecodeTriggerAt>& triggers,
                 std::vector<DecodedView>* views) {
  Builder out("escaped");
  std::size_t region_end = 0;  // lines before it are in a region already
  // Every EscapeTrigger line holds a kEscape trigger.
  const auto any = [](std::size_t) { return true; };
  ForEachTriggerLine(data, triggers, DecodeTrigger::kEscape, any,
                     [&](std::size_t begin, std::size_t end) {
                       if (begin < region_end || !EscapeTrigger(data, begin, end)) return true;
                       // The region: this line and the lines its concatenation continues into.
                       std::size_t last = end;
                       for (std::size_t n = 0; n < kMaxJoinedLines && last < data.size() &&
                                               EndsWithJoin(data, LineStart(data, last), last);
                            ++n) {
                         last = LineEnd(data, last + 1);
                       }
                       Unescape(data, begin, last, &out);
                       region_end = last;
                       return true;
                     });
  if (!out.empty()) views->push_back(out.Take(data.size()));
}

// --- URL-encoding -----------------------------------------------------------

bool UrlSignificant(int byte) {
  static constexpr std::string_view kChars = ":/@=+&?#\"' {}%,;";
  return byte >= 0 && kChars.find(static_cast<char>(byte)) != std::string_view::npos;
}

// Whether the %XX at `p` encodes a byte that matters to a credential's shape.
bool UrlSignificantAt(std::string_view data, std::size_t p) {
  return UrlSignificant(HexDigit(data[p + 1]) * 16 + HexDigit(data[p + 2]));
}

void UrlView(std::string_view data, const std::vector<DecodeTriggerAt>& triggers,
             std::vector<DecodedView>* views) {
  Builder out("url-encoded");
  const auto significant = [&](std::size_t p) { return UrlSignificantAt(data, p); };
  ForEachTriggerLine(
      data, triggers, DecodeTrigger::kPercentHex, significant,
      [&](std::size_t begin, std::size_t end) {
        out.Expect(end - begin);
        for (std::size_t i = begin; i < end;) {
          if (data[i] == '%' && i + 2 < end && HexDigit(data[i + 1]) >= 0 &&
              HexDigit(data[i + 2]) >= 0) {
            out.Put(static_cast<char>(HexDigit(data[i + 1]) * 16 + HexDigit(data[i + 2])), i);
            i += 3;
          } else {
            out.Put(data[i], i);
            ++i;
          }
        }
        out.EndRegion(end);
        return true;
      });
  if (!out.empty()) views->push_back(out.Take(data.size()));
}

// --- base64 -----------------------------------------------------------------

// The length of the base64 run at `at` (padding included).
std::size_t Base64Run(std::string_view data, std::size_t at) {
  std::size_t i = at;
  while (i < data.size() && Base64Digit(data[i]) >= 0) ++i;
  for (int pad = 0; pad < 2 && i < data.size() && data[i] == '='; ++pad) ++i;
  return i - at;
}

// Decodes base64 `run` into `text`; returns whether it is text (printable
// ASCII and line breaks), the only kind worth scanning.
bool DecodeBase64Text(std::string_view run, std::string* text) {
  Base64Bytes bytes;
  for (const char c : run) {
    const int v = Base64Digit(c);
    if (v < 0) break;
    bytes.Add(v);
  }
  *text = bytes.Take();
  if (text->empty()) return false;
  for (const char c : *text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u >= 0x7f) return false;
  }
  return true;
}

// Puts decoded `text` of the base64 at original offset `at`: each decoded
// byte maps to the base64 character where its bits begin.
void PutDecoded(const std::string& text, std::uint64_t at, Builder* out) {
  out->Expect(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) out->Put(text[k], at + k * 4 / 3);
}

// Base64 runs that start with "LS0tLS", the base64 of "-----".
void Base64PemView(std::string_view data, const std::vector<DecodeTriggerAt>& triggers,
                   Builder* out) {
  std::size_t next = 0;  // the end of the last run decoded
  for (const DecodeTriggerAt& t : triggers) {
    if (t.what != DecodeTrigger::kBase64Dashes || t.pos < next) continue;
    const std::size_t at = t.pos;
    if (at > 0 && Base64Digit(data[at - 1]) >= 0) continue;  // inside a longer run
    const std::size_t n = Base64Run(data, at);
    if (n < 64) continue;
    std::string text;
    if (DecodeBase64Text(data.substr(at, n), &text)) {
      PutDecoded(text, at, out);
      out->EndRegion(at + n);
    }
    next = at + n;
  }
}

std::size_t Indent(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

// The values under `data:` in a Kubernetes Secret, each after its key
// (only in files that say "kind: Secret").
void KubernetesSecretView(std::string_view data, const std::vector<DecodeTriggerAt>& triggers,
                          Builder* out) {
  if (std::none_of(triggers.begin(), triggers.end(), [](const DecodeTriggerAt& t) {
        return t.what == DecodeTrigger::kKubernetesSecret;
      })) {
    return;
  }
  std::size_t data_indent = std::string_view::npos;
  ForEachLine(data, [&](std::size_t begin, std::size_t end) {
    const std::string_view line = RightTrimmed(data.substr(begin, end - begin));
    const std::size_t indent = Indent(line);
    if (line.substr(indent) == "data:") {
      data_indent = indent;
      return true;
    }
    if (data_indent == std::string_view::npos || line.size() == indent) return true;
    if (indent <= data_indent) {
      data_indent = std::string_view::npos;
      return true;
    }
    const std::size_t colon = line.find(": ", indent);
    if (colon == std::string_view::npos) return true;
    std::size_t v = colon + 2;
    while (v < line.size() && (line[v] == ' ' || line[v] == '"' || line[v] == '\'')) ++v;
    const std::size_t n = Base64Run(line, v);
    if (n < 4) return true;
    std::string text;
    if (!DecodeBase64Text(line.substr(v, n), &text)) return true;
    for (std::size_t k = indent; k < v; ++k) out->Put(line[k], begin + k);  // the key
    PutDecoded(text, begin + v, out);
    out->EndRegion(begin + v + n);
    return true;
  });
}

void Base64View(std::string_view data, const std::vector<DecodeTriggerAt>& triggers,
                std::vector<DecodedView>* views) {
  Builder out("base64");
  Base64PemView(data, triggers, &out);
  KubernetesSecretView(data, triggers, &out);
  if (!out.empty()) views->push_back(out.Take(data.size()));
}

}  // namespace

std::vector<DecodedView> DecodeViews(std::string_view data) {
  std::vector<DecodedView> views;
  const std::vector<DecodeTriggerAt> triggers = FindDecodeTriggers(data);
  if (triggers.empty()) return views;
  EscapedView(data, triggers, &views);
  UrlView(data, triggers, &views);
  Base64View(data, triggers, &views);
  return views;
}

}  // namespace ctxscan
