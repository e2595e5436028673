// Finding helpers; see include/ctxscan/findings/finding.h.
#include "ctxscan/findings/finding.h"

#include <algorithm>

namespace ctxscan {

std::string_view FindingKindName(FindingKind k) {
  switch (k) {
    case FindingKind::kSecret:
      return "secret";
    case FindingKind::kFile:
      return "file";
    case FindingKind::kDockerfile:
      return "dockerfile";
    case FindingKind::kCompose:
      return "compose";
  }
  return "secret";
}

std::string RedactSecret(std::string_view secret, std::string_view sha256_hex) {
  const std::size_t shown = std::min<std::size_t>(6, secret.size() / 4);
  std::string out(secret.substr(0, shown));
  // Never show a line break of a multi-line secret.
  std::replace(out.begin(), out.end(), '\n', ' ');
  out += "…[sha256:";
  out += sha256_hex.substr(0, 8);
  out += "]";
  return out;
}

std::string RedactLine(const Location& location, std::string_view secret,
                       std::string_view redacted) {
  const std::string_view line = location.line_text;
  if (secret.empty() || location.secret_offset > line.size()) return std::string(line);
  std::string out(line.substr(0, location.secret_offset));
  out.append(redacted);
  std::string_view rest =
      line.substr(std::min(line.size(), location.secret_offset + location.secret_length));
  // Other occurrences of (the first line of) the secret on the same line.
  const std::size_t nl = secret.find('\n');
  const std::string_view first = nl == std::string_view::npos ? secret : secret.substr(0, nl);
  while (!first.empty()) {
    const std::size_t at = rest.find(first);
    if (at == std::string_view::npos) break;
    out.append(rest.substr(0, at));
    out.append(redacted);
    rest.remove_prefix(at + first.size());
  }
  out.append(rest);
  return out;
}

}  // namespace ctxscan
