// What a scan reports. A finding is one secret (or one sensitive file) of one
// rule; the same secret in several places is one finding with several
// locations (unless deduplication is off). Findings hold the raw secret in
// memory; every writer redacts it unless the user asked to see it.
//
// Thread safety: values.
//
// Covered by tests/unit/hash_key_test.cc (fingerprints), tests/unit/findings_report_test.cc
// and tests/e2e/scan_cli_test.py.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/rule.h"

namespace ctxscan {

// kSecret and kFile come from the rules (a match in a file's content, a
// sensitive file by name); kDockerfile and kCompose from the analysis of the
// build (about an instruction or a compose entry, not about a file's
// content as such).
enum class FindingKind : std::uint8_t { kSecret, kFile, kDockerfile, kCompose };
std::string_view FindingKindName(FindingKind k);  // "secret", "file", "dockerfile", "compose"
// Whether the finding comes from the analysis of the build (kDockerfile, kCompose).
inline bool IsBuildAnalysis(FindingKind k) {
  return k == FindingKind::kDockerfile || k == FindingKind::kCompose;
}

// Where a blob at a path is on a repository's branches.
struct BranchPresence {
  std::vector<std::string> present_on;  // branches whose tip has this blob at this path
  struct Removal {
    std::string ref;     // a branch that had it
    std::string commit;  // the commit that removed it
  };
  std::vector<Removal> removed_in;
};

// Where in git history a location is (findings from `ctxscan git` only).
struct GitProvenance {
  std::string commit;  // full id of the commit that introduced the blob at this path
  std::string author;
  std::string date;  // ISO 8601 with the author's offset
  std::string summary;
  std::string blob;      // the blob's full id
  bool at_head = false;  // HEAD still holds this blob
  // Filled by AddPresence (src/git/presence.h); shared by every
  // location of the same blob at the same path. Null before.
  std::shared_ptr<const BranchPresence> branches;
  bool in_worktree = false;  // the working tree's file at this path holds the secret
  // ...and `docker build` of the working tree (its root as the context, its
  // .dockerignore, BuildKit) would send that file.
  bool in_context = false;
};

// Where in a container image a location is (findings from `ctxscan image`
// only).
struct ImageProvenance {
  std::string reference;  // the image's tags or ref name; may be empty
  std::string digest;     // "sha256:..." of the image's config
  // 0-based index of the layer that ships the file; nothing for the image's
  // config (its environment, labels, command and history).
  std::optional<std::size_t> layer;
  std::string layer_digest;  // the layer blob's digest, when known
  std::string created_by;    // the history entry that made the layer
  // Whether the final filesystem still holds this layer's file; when not,
  // the layer that deleted or replaced it. A deleted file still ships in
  // its layer.
  bool visible = true;
  std::optional<std::size_t> removed_in;
  std::string removed_by;  // that layer's history entry
};

// Where a build puts a context file: nowhere but the builder ("no"), a build
// stage only ("intermediate"), or the shipped image ("final"). Ordered: the
// larger reaches farther.
enum class InImage : std::uint8_t { kNo, kIntermediate, kFinal };
std::string_view InImageName(InImage where);  // "no", "intermediate", "final"

struct Location {
  std::string path;               // relative to the scanned directory, slash-separated
  std::uint64_t line = 0;         // 1-based; 0 for a whole-file finding
  std::uint64_t column = 0;       // 1-based byte column; 0 for a whole-file finding
  std::string line_text;          // (part of) the line holding the match, raw (writers redact)
  std::size_t secret_offset = 0;  // where the secret starts in line_text
  std::size_t secret_length = 0;  // bytes of the line it covers (FileMatch::secret_length)
  bool sent = true;               // false: present but not sent to the builder
  // 1-based column in Unicode code points (UTF-8 continuation bytes not
  // counted), as SARIF counts; equals `column` on an ASCII line.
  std::uint64_t char_column = 0;
  std::shared_ptr<const GitProvenance> git;  // null outside git history
  // Opaque to the scanner and the reports: the item source's own token, as
  // it put it in ScanItem::origin, so that it can find its item again (a
  // history scan puts the blob's index + 1, and fills `git` afterwards only
  // for the locations that became findings). 0 when the source set none.
  std::uint64_t origin = 0;
  // Context scans with a Dockerfile: where the build puts this file; empty
  // when not known.
  std::optional<InImage> in_image;
  std::shared_ptr<const ImageProvenance> image = nullptr;  // null outside image scans
};

struct Finding {
  // The rule that made it: owned by the engine's RuleSet or, for Dockerfile
  // and compose findings, by the built-in rule tables (static). A finding
  // must not outlive the RuleSet it was scanned with.
  const Rule* rule = nullptr;
  FindingKind kind = FindingKind::kSecret;
  Severity severity = Severity::kHigh;  // the rule's, after any override
  // The rule's confidence, lowered by evidence about this secret (a checksum
  // that does not verify, a non-canonical length, a test path): the best of
  // its locations. `lowered` holds the LoweredBy bits (match/filters.h) of
  // that location, and `detail` says why in words.
  Confidence confidence = Confidence::kHigh;
  std::uint8_t lowered = 0;
  std::string secret;  // raw; empty for file findings
  // `secret` holds the redacted form already (a finding read back from a
  // report by `ctxscan merge`): every writer shows it as it is.
  bool secret_redacted = false;
  // HMAC-SHA256 of the secret under the report hash key, hex; empty for file
  // findings. Filled by KeyFindings.
  std::string secret_hmac;
  std::vector<Location> locations;  // sorted; at least one
  // What this finding adds to its rule's description, in one sentence
  // (which files a broad COPY carries); empty for most findings. Holds
  // paths, never secrets; writers escape it (and redact any secret).
  std::string detail;
  // The context file the finding is about when that is not where it is
  // located (compose.env-file-in-context: the env file the compose file
  // names; relative to the context root); empty for most findings. What
  // stops the finding is not sending this file.
  std::string about_file;
  // What tells this finding from others of its rule and secret, set where
  // the finding is made: the first location's path (for Dockerfile and
  // compose findings also the line). Never holds a secret.
  std::string identity;
  // HMAC(key; rule id, secret_hmac, identity): stable across runs that
  // share the key and across edits that move a secret to another line;
  // different under another key. Filled by KeyFindings. This is the
  // baseline contract (a baseline lists fingerprints): the recipe is pinned
  // by tests/unit/hash_key_test.cc (KeyFindings.FingerprintsArePinned).
  std::string fingerprint;
};

struct HashKey;

// Fills `secret_hmac` and `fingerprint` of every finding under `key`. Run
// once the findings are made, before suppressions and reports.
void KeyFindings(const HashKey& key, std::vector<Finding>* findings);

// The order of findings in every report: by (path, line, column, rule id) of
// their first location; stable.
void SortFindings(std::vector<Finding>* findings);

}  // namespace ctxscan
