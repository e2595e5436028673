// Redacting secrets in reports; see src/findings/redaction.h.
#include "findings/redaction.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace ctxscan {
namespace {

constexpr std::size_t kMinHintLength = 16;
constexpr double kMinHintEntropy = 3.5;
constexpr std::size_t kMaxPrefix = 6;

// The first line of a secret (a private key's header), without a CR.
std::string_view FirstLine(std::string_view secret) {
  std::string_view first = secret.substr(0, secret.find('\n'));
  if (first.ends_with('\r')) first.remove_suffix(1);
  return first;
}

// A part of a printed line to replace, and whose redacted form replaces it.
struct Cut {
  std::size_t begin;
  std::size_t end;
  const Finding* finding;
};

// Replaces the union of `cuts` in `line`; where cuts overlap, one token (of
// the cut that starts first, the line's own finding first on a tie).
std::string ApplyCuts(std::string_view line, std::vector<Cut> cuts) {
  std::stable_sort(cuts.begin(), cuts.end(),
                   [](const Cut& a, const Cut& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t at = 0;
  for (std::size_t i = 0; i < cuts.size();) {
    std::size_t end = cuts[i].end;
    std::size_t j = i + 1;
    while (j < cuts.size() && cuts[j].begin < end) end = std::max(end, cuts[j++].end);
    out.append(line.substr(at, cuts[i].begin - at));
    out.append(RedactedSecret(*cuts[i].finding));
    at = end;
    i = j;
  }
  out.append(line.substr(at));
  return out;
}

// Adds a cut for every occurrence of each needle in `text`.
void FindNeedles(std::string_view text,
                 const std::vector<std::pair<std::string, const Finding*>>& needles,
                 std::vector<Cut>* cuts) {
  for (const auto& [needle, finding] : needles) {
    for (std::size_t at = text.find(needle); at != std::string_view::npos;
         at = text.find(needle, at + 1)) {
      cuts->push_back({at, at + needle.size(), finding});
    }
  }
}

}  // namespace

bool ShowsHint(std::string_view secret) {
  if (secret.size() < kMinHintLength) return false;
  std::array<std::size_t, 256> counts{};
  for (const char c : secret) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  for (const std::size_t n : counts) {
    if (n == 0) continue;
    const double p = static_cast<double>(n) / static_cast<double>(secret.size());
    bits -= p * std::log2(p);
  }
  return bits >= kMinHintEntropy;
}

std::string RedactedSecret(const Finding& f) {
  if (f.secret.empty()) return "";
  if (f.secret_redacted) return f.secret;
  if (!ShowsHint(f.secret) || f.secret_hmac.size() < 8) return "[redacted]";
  std::string out = f.secret.substr(0, std::min(kMaxPrefix, f.secret.size() / 4));
  // Never a line break or another control character of the secret.
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out + "…[hmac:" + f.secret_hmac.substr(0, 8) + "]";
}

Redactor::Redactor(const std::vector<Finding>& findings) {
  std::set<std::pair<std::string_view, std::string_view>> seen;  // (path, needle)
  std::set<std::string_view> seen_all;
  for (const Finding& f : findings) {
    const std::string_view first = FirstLine(f.secret);
    if (first.empty()) continue;
    if (seen_all.insert(first).second) all_.emplace_back(first, &f);
    for (const Location& l : f.locations) {
      if (l.line > 0 && l.column > 0) {
        // A secret found decoded covers its encoding (secret_length) on the line.
        by_line_[{l.path, l.line, l.git ? l.git->blob : ""}].push_back(
            {l.column - 1, std::max(first.size(), l.secret_length), &f});
      }
      if (seen.emplace(l.path, first).second) by_path_[l.path].emplace_back(first, &f);
    }
  }
}

std::string Redactor::Line(const Finding& f, const Location& l) const {
  const std::string_view line = l.line_text;
  if (f.secret.empty()) return std::string(line);
  if (line.empty()) return RedactedSecret(f);
  std::vector<Cut> cuts;
  auto add = [&](std::uint64_t begin, std::uint64_t end, const Finding* who) {
    begin = std::min<std::uint64_t>(begin, line.size());
    end = std::min<std::uint64_t>(end, line.size());
    if (begin < end) cuts.push_back({begin, end, who});
  };
  add(l.secret_offset, l.secret_offset + std::max(l.secret_length, FirstLine(f.secret).size()), &f);
  // Secrets located on this line, by their columns: the line text is a
  // window of the line that starts `window` bytes into it.
  if (l.column >= 1 + l.secret_offset) {
    const std::uint64_t window = l.column - 1 - l.secret_offset;
    auto it = by_line_.find({l.path, l.line, l.git ? l.git->blob : ""});
    if (it != by_line_.end()) {
      for (const Span& s : it->second) {
        if (s.start + s.length <= window) continue;
        const std::uint64_t begin = s.start > window ? s.start - window : 0;
        add(begin, s.start + s.length - window, s.finding);
      }
    }
  }
  if (auto it = by_path_.find(l.path); it != by_path_.end()) FindNeedles(line, it->second, &cuts);
  return ApplyCuts(line, std::move(cuts));
}

std::string Redactor::Text(std::string_view text) const {
  std::vector<Cut> cuts;
  FindNeedles(text, all_, &cuts);
  return ApplyCuts(text, std::move(cuts));
}

}  // namespace ctxscan
