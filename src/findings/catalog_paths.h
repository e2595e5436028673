// Translation catalogues. A locale file maps message keys to the words the
// user interface shows, so its "password" key holds the word for password in
// another language ("Wachtwoord", "Hasło"), which a contextual rule reads as
// a password. A generic finding whose value is such prose in a catalogue is
// dropped; a value with digits or symbols there is still judged as a value.
// The largest class of false alarms in the real-world review
// (docs/quality.md).
//
// Covered by tests/e2e/confidence_test.py. Thread safety: pure functions.
#pragma once

#include <string_view>

namespace ctxscan {

// Reports whether `path` (slash-separated, relative) is a translation
// catalogue: under a directory named locale, locales, lang, langs, language,
// languages, i18n, l10n, translations, translation, intl or nls (any case),
// or a file named by a locale with a region (de_DE.json, pt-BR.yml).
bool IsTranslationCatalogPath(std::string_view path);

// Reports whether `value` reads as prose: letters (ASCII or any non-ASCII
// UTF-8), with spaces, hyphens, apostrophes and dots between them, no digit
// and no other symbol, starting with a letter.
bool LooksLikeProse(std::string_view value);

}  // namespace ctxscan
