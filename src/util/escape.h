// Making hostile file names safe to print. A file name is any bytes but '/'
// and NUL: it can hold newlines, terminal escape sequences, bidirectional
// overrides or invalid UTF-8, and a security tool must print it so that it
// can neither forge output lines nor hide what it names.
//
// Covered by tests/unit/escape_test.cc. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace ctxscan {

// Appends `bytes` to `out` for plain-text output: printable ASCII and valid,
// harmless UTF-8 as they are; '\' as "\\"; \n \t \r as "\n" "\t" "\r"; other
// control bytes and invalid UTF-8 as "\xNN"; Unicode format and line
// separator characters (bidi overrides, U+2028, ...) as "\u{XXXX}".
// Unambiguous: distinct names give distinct output.
void AppendEscapedText(std::string_view bytes, std::string* out);
std::string EscapeText(std::string_view bytes);

// `bytes` for XML and HTML element text and attribute values: EscapeText,
// then &, <, >, " and ' as entities (&amp; &lt; &gt; &quot; &apos;).
std::string EscapeMarkup(std::string_view bytes);

// Appends `bytes` as a JSON string literal (with quotes). Invalid UTF-8 bytes
// become U+FFFD; callers that need the exact bytes add AppendBase64 output.
void AppendJsonString(std::string_view bytes, std::string* out);

// Appends the standard base64 encoding of `bytes`.
void AppendBase64(std::string_view bytes, std::string* out);

// `s` as one bash word that pastes safely into a terminal: as it is when it
// holds only [A-Za-z0-9_./:@%+=,-], else '...' (with '\'' for a quote), or
// bash's $'...' with \xHH escapes when `s` holds control characters, so none
// reaches the terminal raw. For the commands ctxscan prints for a user to run.
std::string ShellQuote(std::string_view s);

}  // namespace ctxscan
