// What a Dockerfile bakes into the image (issue 6, first findings):
//   dockerfile.secret-in-image: a secret found on an ENV, ARG, LABEL or RUN
//     line of a stage the build needs (or of a global ARG) is stored in the
//     image's config or a layer, where anyone who pulls the image reads it.
//     Critical.
//   dockerfile.secret-named-variable: an ARG or ENV whose name says it holds
//     a secret (BuildKit's SecretsUsedInArgOrEnv check: a `_`-separated word
//     apikey, auth, credential(s), key, password, pword, passwd, secret or
//     token, and no word public, file or version) given a literal value (not
//     a placeholder, not a $reference) that no content rule already found
//     there (that is the finding above). High.
//   dockerfile.run-inline-credential: a RUN line of a stage the build runs
//     passes a literal credential on a command line (`curl -u user:pass`,
//     `--password VALUE`, `aws configure set aws_secret_access_key VALUE`)
//     that no content rule already found there; the command line is kept in
//     the layer's history. High.
//   dockerfile.no-dockerignore: the context has no .dockerignore while
//     sensitive files (findings of file rules: .env, keys, credentials) are
//     sent to the builder. Medium.
// Findings have kind `dockerfile`, their secret redacted like any other.
//
// Covered by tests/unit/dockerfile_parser_test.cc and tests/e2e/scan_cli_test.py.
#pragma once

#include <string_view>
#include <vector>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/finding.h"
#include "ctxscan/match/rule.h"

namespace ctxscan {

// The rules above (built in; not in patterns/).
const std::vector<Rule>& DockerfileRules();

// BuildKit's test of a variable name for SecretsUsedInArgOrEnv.
bool NameSaysSecret(std::string_view name);

// The findings above for the Dockerfile at `path` (as the scan names it),
// given the scan's `findings`. Fingerprints are filled; not sorted.
std::vector<Finding> AnalyzeDockerfile(const Dockerfile& df, const Build& build,
                                       std::string_view path, const std::vector<Finding>& findings);

// Marks every context location of `findings` with where the build puts the
// file (Location::in_image) and raises the severity of findings in the
// final image by one level. A file is in a stage when one of the stage's
// context copies (Stage::context_copies) names it: equal to a source, under a source
// directory, or under a path whose first components match a wildcard
// source (`*` does not cross '/'), and not matched by an --exclude. The
// final image is the target stage, the stages it builds on, and whatever a
// COPY --from in them copies from (transitively): conservatively, every
// file copied into such a source stage counts as shipped.
void MarkImagePresence(const Build& build, std::vector<Finding>* findings);

// dockerfile.no-dockerignore, when `has_ignore_file` is false and some of
// `findings` are sensitive files sent to the builder; its location is the
// missing ".dockerignore" (line 0).
std::vector<Finding> CheckIgnoreFile(bool has_ignore_file, const std::vector<Finding>& findings);

}  // namespace ctxscan
