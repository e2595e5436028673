// What a Docker Compose file in the build context gives away. Compose files
// (`compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yaml`, ... at
// any depth) often hold the secrets a service runs with, and they are
// usually sent to the builder with everything else. Built-in rules
// (category compose, origin "(built in)"; findings of kind compose):
//   compose.secret-in-environment: a service's `environment:` (map form
//     `KEY: value` or list form `- KEY=value`) sets a variable whose name
//     says it holds a secret (NameSaysSecret, BuildKit's test) to a literal
//     value, unless its last word names a setting beside the secret
//     (POSTGRES_HOST_AUTH_METHOD, TLS_AUTH_CLIENTS_USER: _METHOD, _MODE,
//     _USER, _USERNAME, _TYPE). High.
//   compose.secret-in-build-args: the same in a service's `build: args:`;
//     build arguments are recorded in the image's history. High.
//   compose.env-file-in-context: a service's `env_file:` (a string, a list
//     of strings, or a list of maps with `path:`) names a file, relative to
//     the compose file's directory, that the build context sends; the
//     finding is located at the entry and Finding::detail names the file.
//     Medium.
// A literal value is one compose passes as written: not empty (`KEY:` and a
// bare `- KEY` pass the caller's environment through), free of
// interpolation (`$VAR`, `${VAR}`; `$$` is an escaped literal `$`, and the
// secret reported has it unescaped), and not a placeholder
// (LooksLikePlaceholder). A whole value `${VAR:-value}` or `${VAR-value}`
// with a literal default counts as `value`. A value a content rule already found
// on that line is left to that finding: one secret is one finding.
//
// `secrets:` is the right way to hand a service a secret and gives no
// finding, whether top-level (`file:`, `environment:`) or a service's list.
// A top-level secret's `file:` inside the context is fine for compose, but
// a `docker build` of that context still sends the file: the file rules
// report it as a sensitive file like any other.
//
// Compose semantics followed: anchors and aliases (yaml-cpp resolves them;
// a finding is located where the value is written), merge keys `<<` (a map
// or a list of maps; a key the map sets itself wins, then the first merged
// map that sets it), numbers and booleans as values (their text). Not
// followed: `include:`, `extends:`, files named by `-f`, the Compose v1
// format without `services:`, and `.env` interpolation. Input of the wrong
// shape (a list where a map belongs, a map where a string belongs) is
// skipped, never an error.
//
// Covered by tests/unit/compose_analysis_test.cc and tests/fuzz/compose_fuzz.cc.
// Thread safety: pure functions; ComposeRules() is immutable once built.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/findings/finding.h"
#include "ctxscan/match/rule.h"
#include "ctxscan/status.h"

namespace ctxscan {

// The category of the rules above.
inline constexpr std::string_view kComposeCategory = "compose";

// Reports whether `path`'s last element names a compose file:
// `compose.yml`, `compose.yaml`, `docker-compose.yml`, `docker-compose.yaml`,
// or one of these with a non-empty middle part (`compose.prod.yaml`,
// `docker-compose.override.yml`). Case-sensitive, as Docker Compose is.
bool IsComposeFile(std::string_view path);

// The rules above (built in; not in patterns/).
const std::vector<Rule>& ComposeRules();

// The built-in rule `id`; aborts on an unknown id (a programming error).
const Rule& ComposeRule(std::string_view id);

// The findings above for the compose file at `path` (relative to the
// context root, slash-separated, as the scan names it) with content `text`.
// `sent_paths` are the context paths the build sends (an env file outside
// it gives no finding; nor does one above the context root or at an
// absolute path); `findings` are the scan's, whose secrets on this file's
// lines are not reported again. Each location's `sent` says whether `path`
// itself is in `sent_paths`. Identities are set (MakeBuiltInFinding; an
// env-file finding's also covers the env file's path); not sorted.
// Fails when `text` is not YAML ("PATH:LINE: invalid YAML: reason"), and
// when aliases and merge keys make it too big to read (over 200000 entries,
// each counted every time it is used: "PATH: too big to analyse: ...").
Result<std::vector<Finding>> AnalyzeCompose(std::string_view path, std::string_view text,
                                            const std::set<std::string>& sent_paths,
                                            const std::vector<Finding>& findings);

}  // namespace ctxscan
