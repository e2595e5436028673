// What to say about a command line CLI11 rejected. CLI11's own messages
// list every leftover argument ("The following arguments were not expected:
// . --fromat") or only say "A subcommand is required"; these name the one
// unknown command or option, with the nearest known name when one is close
// enough to be a typo, or the extra argument with the command's usage.
//
// Covered by tests/unit/usage_error_test.cc and tests/e2e/cli_usage_test.py.
// Thread safety: pure functions; `app` is only read.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan::cli {

// Returns the optimal-string-alignment distance between `a` and `b`: the
// fewest insertions, deletions, substitutions and swaps of two adjacent
// bytes that turn one into the other ("scna" -> "scan" is 1).
std::size_t EditDistance(std::string_view a, std::string_view b);

// Returns the candidate nearest to `word` when it is close enough to be a
// typo of it (one edit for words of up to four bytes, two for longer ones,
// and fewer than the candidate's length); the first of equals wins.
std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& candidates);

// Walks `args` (argv without the program name) through `app`'s commands and
// options as CLI11 does and returns the message for the first thing wrong:
// an unknown command, an unknown option (named alone, without its value),
// an argument beyond the command's positionals, or a missing command. Returns
// nullopt when it finds nothing wrong (then CLI11's message stands: a bad
// value, a missing required argument).
std::optional<std::string> DiagnoseCommandLine(const CLI::App& app,
                                               const std::vector<std::string>& args);

}  // namespace ctxscan::cli
