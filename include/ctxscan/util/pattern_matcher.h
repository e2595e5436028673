// The ordered list of .dockerignore patterns and the three ways Docker asks
// it whether a path is excluded (moby/patternmatcher PatternMatcher):
//   MatchUsingParent      - what both builders' walkers use: each directory's
//                           per-pattern results are handed to its children;
//   MatchesOrParentMatches - the same answer computed from the path alone;
//   MatchesDeprecated      - the old single-parent check the classic builder's
//                           client still uses to decide whether to re-include
//                           the Dockerfile and .dockerignore.
// In all three the last matching pattern wins; an exception ('!') can only
// turn a match off, an ordinary pattern only on.
//
// Covered by tests/unit/conformance_test.cc (the reference vectors).
// Thread safety: immutable after Create; every method may run in many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"
#include "ctxscan/util/ignore_file.h"
#include "ctxscan/util/pattern.h"

namespace ctxscan {

// Per-pattern results for one directory, passed down to its entries. Empty
// means "no information": the entry is then matched as if by
// MatchesOrParentMatches (Docker does this for top-level entries).
using MatchInfo = std::vector<std::uint8_t>;

struct MatchDecision {
  bool excluded = false;
  // Index of the last pattern that matched (the one that decided), or -1.
  int decider = -1;
};

class PatternMatcher {
 public:
  // Validates and compiles `lines` as Docker's patternmatcher.New does.
  // `source` names the ignore file in error messages. Fails on a lone "!" and
  // on a pattern Go's filepath.Match rejects, naming file and line.
  static Result<PatternMatcher> Create(const std::vector<IgnoreLine>& lines, std::string source);

  // Decides `path` given its parent directory's `parent` info (may be empty),
  // and writes this path's own info to `info` (resized to patterns().size()).
  // Fails when a pattern that had to be evaluated has an invalid regexp.
  Result<MatchDecision> MatchUsingParent(std::string_view path, const MatchInfo& parent,
                                         MatchInfo* info) const;

  // Decides `path` from scratch, checking every parent directory too.
  Result<MatchDecision> MatchesOrParentMatches(std::string_view path) const;

  // Docker's deprecated Matches: checks only the parent as deep as the pattern.
  Result<bool> MatchesDeprecated(std::string_view path) const;

  // Appends an exception pattern that ctxscan adds itself (line 0).
  void AddSyntheticException(std::string text);

  const std::vector<Pattern>& patterns() const { return patterns_; }
  bool has_exclusions() const { return has_exclusions_; }
  const std::string& source() const { return source_; }
  // "<source>:<line>" for a pattern, or a description of a synthetic one.
  std::string Where(const Pattern& p) const;

 private:
  Status BadPattern(const Pattern& p) const;
  // Evaluates pattern `p` on `path` and, if needed, on its parent directories.
  Result<bool> MatchWithParents(const Pattern& p, std::string_view path) const;

  std::vector<Pattern> patterns_;
  bool has_exclusions_ = false;
  std::string source_;
};

}  // namespace ctxscan
