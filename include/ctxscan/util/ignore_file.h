// Reading a .dockerignore file into its list of patterns, exactly as Docker's
// reader does (moby/patternmatcher/ignorefile.ReadAll over a bufio.Scanner):
//   - a UTF-8 byte order mark is dropped from the first line only;
//   - lines end at '\n'; one '\r' before it is dropped (CRLF files);
//   - a line whose first byte is '#' is a comment (only at column 0);
//   - each line is trimmed of Unicode white space; blank lines are skipped;
//   - a leading '!' marks an exception and is trimmed again after;
//   - the rest is path-cleaned and loses one leading '/'.
// A line of 64 KiB or more makes Docker's scanner fail ("token too long"), so
// it is an error here too, naming the file and line.
//
// Covered by tests/unit/ignore_file_test.cc and the parse conformance vectors.
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

// One pattern as read from an ignore file, with where it came from.
struct IgnoreLine {
  std::string pattern;  // cleaned, with a leading '!' for an exception
  int line = 0;         // 1-based physical line number in the file
};

// Docker's scanner limit: a line this long or longer cannot be read.
inline constexpr std::size_t kMaxIgnoreLineBytes = std::size_t{64} * 1024;

// Parses the bytes of an ignore file. `display_name` names the file in errors.
Result<std::vector<IgnoreLine>> ParseIgnoreFile(std::string_view content,
                                                std::string_view display_name);

}  // namespace ctxscan
