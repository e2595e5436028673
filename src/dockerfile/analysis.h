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
//     `--password VALUE`, `aws configure set aws_secret_access_key VALUE`,
//     `echo VALUE | docker login --password-stdin`)
//     that no content rule already found there; the command line is kept in
//     the layer's history. High.
//   dockerfile.no-dockerignore: the context has no .dockerignore while
//     sensitive files (findings of file rules: .env, keys, credentials) are
//     sent to the builder. Medium.
//   dockerfile.broad-copy: a COPY/ADD of the whole context (`COPY . .`) in a
//     stage the build runs carries files with findings; Finding::detail
//     names them. Medium.
//   dockerfile.hint.*: hardening hints (severity info, category
//     dockerfile-hint; hints.cc): the final stage runs as root, an unpinned
//     base image, ADD of a remote URL without --checksum, a secret-named ARG
//     without a value (a secret passed with --build-arg).
// Findings have kind `dockerfile`, their secret redacted like any other.
//
// Covered by tests/unit/dockerfile_parser_test.cc and tests/e2e/scan_cli_test.py.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/finding.h"
#include "ctxscan/match/rule.h"
#include "findings/built_in_rules.h"

namespace ctxscan {

// The rules above (built in; not in patterns/).
const std::vector<Rule>& DockerfileRules();

// The built-in rule `id`; aborts on an unknown id (a programming error).
const Rule& DockerfileRule(std::string_view id);

// The category of the hardening hints (`--no-hints` drops them).
inline constexpr std::string_view kHintCategory = "dockerfile-hint";

// Returns the instruction spanning line `line` (1-based) of `df` and sets
// `*index` to its index, or returns null when no instruction spans it.
const Instruction* InstructionAt(const Dockerfile& df, std::uint64_t line, std::size_t* index);

// The findings above for the Dockerfile at `path` (as the scan names it),
// given the scan's `findings`, which it updates: a content finding on an ENV,
// ARG, LABEL or RUN line of a stage the build runs gets that location's
// in_image (final: a stage of the shipped image; intermediate: a build stage
// only), is raised a level when it reaches the shipped image, and, when a
// generic rule found it only on such lines, becomes
// dockerfile.secret-in-image: one finding per secret, not two. Call after
// MarkImagePresence. New findings have their identities (KeyFindings makes the
// fingerprints); not sorted.
std::vector<Finding> AnalyzeDockerfile(const Dockerfile& df, const Build& build,
                                       std::string_view path, std::vector<Finding>* findings);

// Marks every context location of `findings` with where the build puts the
// file (Location::in_image: final, intermediate or no, as ImageFiles::Where
// in image_files.h says) and raises the severity of findings in the final
// image by one level. Findings of kind dockerfile are left alone: they are
// about an instruction, not about the Dockerfile as a file.
void MarkImagePresence(const Build& build, std::vector<Finding>* findings);

// The sent context files (not git history) that hold findings, sorted and
// unique: the one answer to "which sent files have findings", for
// `dockerignore suggest` (which must stop each of them for a scan to pass)
// and for dockerfile.broad-copy. Every sent location of every finding
// counts, whatever its kind: a compose finding's compose file, a
// Dockerfile finding's Dockerfile. A finding about another file
// (Finding::about_file: compose.env-file-in-context) counts for that file
// instead. Not counted: dockerfile.broad-copy and dockerfile.no-dockerignore
// (judged from the others; they go when the others do), and build-analysis
// findings at severity info (the hints, which never fail a scan).
std::vector<std::string> SentFilesWithFindings(const std::vector<Finding>& findings);

// dockerfile.broad-copy: one finding per COPY/ADD of the whole context that
// carries files of `findings` (SentFilesWithFindings, other than the
// Dockerfile at `path`), located at the instruction, naming the files in `detail`.
std::vector<Finding> FindBroadCopies(const Dockerfile& df, const Build& build,
                                     std::string_view path, const std::vector<Finding>& findings);

// The hardening hints (dockerfile.hint.*) for the stages the build runs.
std::vector<Finding> HintDockerfile(const Dockerfile& df, const Build& build,
                                    std::string_view path);

// dockerfile.no-dockerignore, when `has_ignore_file` is false and some of
// `findings` are sensitive files sent to the builder; its location is the
// missing ".dockerignore" (line 0).
std::vector<Finding> CheckIgnoreFile(bool has_ignore_file, const std::vector<Finding>& findings);

}  // namespace ctxscan
