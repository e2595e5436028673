// Parsing image references; see image_reference.h.
#include "image/image_reference.h"

#include <string_view>

namespace ctxscan {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A path component: lower-case letters and digits, separated by '.', '_',
// "__" or runs of '-'.
bool ValidComponent(std::string_view c) {
  if (c.empty() || !IsLowerAlnum(c.front()) || !IsLowerAlnum(c.back())) return false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const char ch = c[i];
    if (IsLowerAlnum(ch)) continue;
    if (ch == '-') continue;
    if (ch == '.' || ch == '_') {
      if (!IsLowerAlnum(c[i - 1]) &&
          !(ch == '_' && c[i - 1] == '_' && i >= 2 && IsLowerAlnum(c[i - 2]))) {
        return false;
      }
      continue;
    }
    return false;
  }
  return true;
}

bool ValidRepository(std::string_view repo) {
  for (std::size_t start = 0;;) {
    const std::size_t slash = repo.find('/', start);
    if (!ValidComponent(repo.substr(start, slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool ValidTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 128) return false;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    const char c = tag[i];
    const bool word = IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '_';
    if (!word && (i == 0 || (c != '.' && c != '-'))) return false;
  }
  return true;
}

bool ValidDigest(std::string_view d) {
  return d.size() == 71 && d.substr(0, 7) == "sha256:" &&
         d.find_first_not_of("0123456789abcdef", 7) == std::string_view::npos;
}

// A registry host: letters, digits, '.', '-', an optional ":port", or an
// IPv6 literal in brackets.
bool ValidHost(std::string_view h) {
  if (h.empty()) return false;
  for (char c : h) {
    const bool ok = IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == ':' ||
                    c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string ImageReference::Name() const {
  return registry + "/" + repository + (digest.empty() ? ":" + tag : "@" + digest);
}

std::optional<ImageReference> ParseImageReference(const std::string& text) {
  std::string_view rest = text;
  if (rest.substr(0, 9) == "docker://") rest.remove_prefix(9);
  ImageReference ref;
  if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    if (!ValidDigest(ref.digest)) return std::nullopt;
    rest = rest.substr(0, at);
  }
  const std::size_t last_slash = rest.rfind('/');
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    const std::string tag(rest.substr(colon + 1));
    if (!ValidTag(tag)) return std::nullopt;
    if (ref.digest.empty()) ref.tag = tag;  // name:tag@digest asks by the digest
    rest = rest.substr(0, colon);
  }
  if (ref.digest.empty() && ref.tag.empty()) ref.tag = "latest";
  const std::size_t slash = rest.find('/');
  const std::string_view first = rest.substr(0, slash);
  if (slash != std::string_view::npos &&
      (first.find_first_of(".:") != std::string_view::npos || first == "localhost")) {
    if (!ValidHost(first)) return std::nullopt;
    ref.registry = std::string(first);
    ref.host = ref.registry;
    if (first == "docker.io" || first == "index.docker.io" || first == "registry-1.docker.io") {
      ref.registry = "docker.io";  // Docker Hub, however named
      ref.host = "registry-1.docker.io";
    }
    rest.remove_prefix(slash + 1);
  } else {
    ref.registry = "docker.io";
    ref.host = "registry-1.docker.io";
  }
  ref.repository = std::string(rest);
  if (ref.registry == "docker.io" && ref.repository.find('/') == std::string::npos) {
    ref.repository = "library/" + ref.repository;
  }
  if (!ValidRepository(ref.repository)) return std::nullopt;
  return ref;
}

bool LooksLikePath(const std::string& source) {
  if (source.empty()) return true;
  if (source[0] == '/' || source[0] == '.' || source[0] == '~') return true;
  for (const char* end : {".tar", ".tgz", ".tar.gz", ".tar.zst"}) {
    const std::string_view e(end);
    if (source.size() > e.size() && source.compare(source.size() - e.size(), e.size(), e) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace ctxscan
