// What a history rewrite removes and replaces; see src/git/rewrite_scope.h.
#include "git/rewrite_scope.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "git/remediation.h"

namespace ctxscan::git {
namespace {

bool IsControl(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Every byte of `secret` as a Python regular expression that matches just
// that byte, except line breaks (LF or CRLF), which match either.
std::string ExactRegex(std::string_view secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    const char c = secret[i];
    if (c == '\r' && i + 1 < secret.size() && secret[i + 1] == '\n') continue;  // folded below
    if (c == '\n') {
      out += "\\r?\\n";
    } else if (IsAlnum(c)) {
      out += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    }
  }
  return out;
}

}  // namespace

std::string ReplaceTextLine(std::string_view secret) {
  const bool printable = std::none_of(secret.begin(), secret.end(), IsControl);
  std::string out = printable ? "literal:" + std::string(secret) : "regex:" + ExactRegex(secret);
  return out + "==>***REMOVED***\n";
}

RewriteScope ChooseRewriteScope(const std::vector<Finding>& findings) {
  std::set<std::string> removed;
  for (const Finding& f : findings) {
    if (f.kind != FindingKind::kFile) continue;
    for (const Location& l : f.locations) removed.insert(l.path);
  }
  RewriteScope scope;
  scope.removed_paths.assign(removed.begin(), removed.end());
  for (const Finding& f : findings) {
    if (f.kind != FindingKind::kSecret || f.secret.empty()) continue;
    const bool only_removed = std::all_of(f.locations.begin(), f.locations.end(),
                                          [&](const Location& l) { return removed.count(l.path); });
    if (only_removed) continue;
    (f.secret.size() < kMinReplaceBytes ? scope.too_short : scope.replaced).push_back(&f);
  }
  return scope;
}

}  // namespace ctxscan::git

namespace ctxscan {

std::string ReplaceText(const std::vector<Finding>& findings) {
  std::set<std::string> lines;  // sorted: the same file at any thread count
  for (const Finding* f : git::ChooseRewriteScope(findings).replaced) {
    lines.insert(git::ReplaceTextLine(f->secret));
  }
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

}  // namespace ctxscan
