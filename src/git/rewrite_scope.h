// What a history rewrite changes for the findings of `ctxscan git`, and the
// `git filter-repo --replace-text` file for it.
//
// Two tools, chosen per finding, so the rewrite touches the secrets and
// nothing else:
// - A whole-file finding (a private key file, a .env: a file rule matched
//   the path, so every version of that path is the secret) removes the path
//   from every commit (`git filter-repo --invert-paths --path PATH`).
// - A secret inside an ordinary file is replaced by ***REMOVED*** where its
//   own bytes occur, and only there. A multi-line secret (a PEM or OpenSSH
//   key block) is one regular expression matching the whole block, never
//   line by line: its armour (-----BEGIN ... PRIVATE KEY-----) and its first
//   base64 line (the same in every key of a type) occur in harmless code, and
//   replacing them alone rewrites that code.
// - A secret whose every location is a removed path needs no replacement.
// - A secret under kMinReplaceBytes is not replaced: so short a string is
//   likely to occur in harmless code. The plan names it for the user.
//
// Covered by tests/e2e/git_remediate_test.py (no unit test yet). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/findings/finding.h"

namespace ctxscan::git {

inline constexpr std::size_t kMinReplaceBytes = 8;

struct RewriteScope {
  std::vector<std::string> removed_paths;  // whole-file findings' paths; sorted, distinct
  std::vector<const Finding*> replaced;    // secrets the replacement file lists
  std::vector<const Finding*> too_short;   // secrets left for the user to handle
};

// Sorts `findings` (which it does not own; they must outlive the result)
// into what the rewrite removes, replaces and leaves. Build-analysis
// findings (Dockerfile, compose) are not about history content and are left
// out.
RewriteScope ChooseRewriteScope(const std::vector<Finding>& findings);

// One line of a --replace-text file that turns exactly `secret` into
// ***REMOVED***: "literal:SECRET==>***REMOVED***" for a secret of printable
// bytes (filter-repo splits at the last "==>", so the secret may hold one),
// else "regex:..." with every byte but [A-Za-z0-9] written \xHH and each line
// break written \r?\n (the file is line-based, and a line break in a key
// block may be CRLF in one blob and LF in another).
std::string ReplaceTextLine(std::string_view secret);

}  // namespace ctxscan::git
