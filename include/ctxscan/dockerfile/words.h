// Shell-word processing as BuildKit does it for Dockerfile arguments: quote
// removal and variable expansion in one pass.
//   - 'single quotes' keep everything literal, `$` included;
//   - "double quotes" expand variables; the escape character escapes `"`,
//     `$` and itself there;
//   - unquoted, the escape character makes the next character literal;
//   - $NAME and ${NAME} expand to the variable's value (empty when unset);
//     ${NAME:-word} gives word when NAME is unset or empty, ${NAME-word}
//     when unset; ${NAME:+word} gives word when NAME is set and not empty,
//     ${NAME+word} when set; ${NAME:?message} and ${NAME?message} fail when
//     unset (with the colon: or empty). `word` is itself processed.
// Other modifiers (#, %, /) are reported as unsupported rather than
// guessed at.
//
// Covered by tests/unit/dockerfile_parser_test.cc.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

// A variable's value, or nothing when it is not set.
using VarLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Processes one word. With `vars` null, variables are not expanded: `$`
// references stay as written (quotes are still removed), which is how a
// value is told to be a literal or a reference.
Result<std::string> ProcessWord(std::string_view word, char escape, const VarLookup* vars);

// Splits `text` into words at unquoted blanks, then processes each; words
// that end up empty (`$UNSET`, `""`) are dropped, as BuildKit drops them.
// Unlike BuildKit, the value of an unquoted variable is not split at its
// blanks (`$X` with X="a b" is one word here, two there).
Result<std::vector<std::string>> ProcessWords(std::string_view text, char escape,
                                              const VarLookup* vars);

// Splits `text` at unquoted blanks without processing (quotes kept).
std::vector<std::string> SplitWords(std::string_view text, char escape);

}  // namespace ctxscan
