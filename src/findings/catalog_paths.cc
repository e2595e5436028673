// Translation catalogues; see src/findings/catalog_paths.h.
#include "findings/catalog_paths.h"

#include <array>
#include <string>

#include "util/text.h"

namespace ctxscan {
namespace {

bool IsCatalogDirectory(std::string_view lower) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "locale", "locales", "lang",         "langs",       "language", "languages",
      "i18n",   "l10n",    "translations", "translation", "intl",     "nls"};
  for (std::string_view n : kNames) {
    if (lower == n) return true;
  }
  return false;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A file named by a locale with a region: two or three letters, '-' or '_',
// two letters or a four-letter script (de_DE.json, pt-BR.yml, zh-Hant.json).
bool IsLocaleFileName(std::string_view name) {
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view stem = name.substr(0, dot);
  const std::size_t sep = stem.find_first_of("-_");
  if (sep != 2 && sep != 3) return false;
  const std::string_view region = stem.substr(sep + 1);
  if (region.size() != 2 && region.size() != 4) return false;
  for (char c : stem) {
    if (c != stem[sep] && !IsAsciiLetter(c)) return false;
  }
  return true;
}

}  // namespace

bool IsTranslationCatalogPath(std::string_view path) {
  return AnyPathPart(path, [](std::string_view part, bool last) {
    return last ? IsLocaleFileName(part) : IsCatalogDirectory(AsciiLower(part));
  });
}

bool LooksLikeProse(std::string_view value) {
  if (value.empty()) return false;
  const auto letter = [](char c) {
    return IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80;
  };
  if (!letter(value.front())) return false;
  for (char c : value) {
    if (!letter(c) && c != ' ' && c != '-' && c != '\'' && c != '.') return false;
  }
  return true;
}

}  // namespace ctxscan
