// Parsing a Dockerfile into instructions, as BuildKit's Dockerfile frontend
// reads it:
//   - parser directives (`# syntax=`, `# escape=`, `# check=`) only in the
//     leading comment lines, before any blank line, other comment or
//     instruction; names are case-insensitive; `escape` is '\' or '`';
//   - comment lines (first non-blank character '#') are dropped, also in
//     the middle of a continued instruction; blank lines inside one are
//     skipped;
//   - a line whose last non-blank character is the escape character
//     continues on the next line;
//   - an instruction is a keyword (case-insensitive) and its arguments;
//     leading `--name[=value]` words are flags; arguments that form a JSON
//     array of strings are the exec ("JSON") form, anything else the shell
//     form;
//   - in RUN, COPY and ADD, `<<WORD`, `<<-WORD`, `<<"WORD"` and `<<'WORD'`
//     at the start of a word open heredocs whose bodies follow the instruction's line, each ending
//     at a line equal to WORD (after stripping leading tabs with `<<-`).
// Errors name the file and line. The parser keeps text as written; variable
// expansion is a separate step (words.h), because it depends on ARG and
// ENV scoping across stages.
//
// Covered by tests/unit/dockerfile_parser_test.cc and the fuzz target
// tests/fuzz/dockerfile_fuzz.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/dockerfile/words.h"
#include "ctxscan/status.h"

namespace ctxscan {

struct Heredoc {
  std::string word;         // the delimiter
  std::string body;         // the lines between, each ending in '\n'
  bool expand = true;       // false when the delimiter was quoted
  bool strip_tabs = false;  // <<-
};

struct Instruction {
  std::string keyword;                 // upper case: FROM, RUN, COPY, ...
  std::vector<std::string> flags;      // as written, without the leading "--": "from=build"
  bool json = false;                   // exec form
  std::vector<std::string> json_args;  // the exec form's strings
  std::string args;                    // the arguments after the flags, continuations joined
  std::vector<Heredoc> heredocs;
  int line = 0;      // 1-based line of the keyword
  int end_line = 0;  // last line (of the instruction or its last heredoc)

  // The value of flag `name` ("from" for --from=x; "" for a bare --link),
  // or nothing when the flag is absent.
  std::optional<std::string> Flag(std::string_view name) const;
};

struct Dockerfile {
  std::string name;  // as given, for messages
  char escape = '\\';
  std::string syntax;  // the `# syntax=` directive, if any
  std::string check;   // the `# check=` directive, if any
  std::vector<Instruction> instructions;
};

// Parses `text`; `name` is the file name errors carry ("Dockerfile:12: ...").
Result<Dockerfile> ParseDockerfile(std::string_view text, std::string_view name);

// Splits ENV, ARG or LABEL arguments into (key, value) pairs: `k=v
// k2="v 2"`, or the legacy `ENV key value with spaces` (one pair). Values
// are processed as shell words (words.h): quotes removed and, when `vars` is
// given, variables expanded; without it, `$` references stay as written.
// Fails on a word that is not name=value, or an unterminated quote.
Result<std::vector<std::pair<std::string, std::string>>> ParseKeyValues(
    std::string_view args, char escape, bool allow_legacy, const VarLookup* vars = nullptr);

}  // namespace ctxscan
