// Where the build puts a context file: the paths it takes in each stage's
// filesystem, followed from COPY to COPY --from, as BuildKit copies.
//
// One COPY/ADD of source S to destination D (see CopyOp) copies file F when:
//   - S names F itself (equal, or a wildcard matching F's path; `*` and `?`
//     do not cross '/'): F goes to D/basename(F) when D is a directory,
//     else to D;
//   - S names a directory above F (S is that directory, "" the context
//     root, or a wildcard matching it): the directory's contents go into D,
//     so F goes to D/(F relative to that directory);
//   - with --parents, F keeps its path: D/F, or D/(F after the "/./" pivot);
//   - ADD with S naming a local tar archive itself (.tar, .tar.gz, .tgz,
//     .tar.bz2, .tbz2, .tar.xz, .txz, .tar.zst by name) extracts it: its
//     contents land somewhere under D (a "tree" placement);
// and no --exclude pattern (.dockerignore syntax, `**` included) matches
// F's path relative to the copied directory (for a file named itself, its
// base name), where a pattern matching a directory excludes everything
// under it.
// COPY --from=<stage> applies the same rules to the paths F has in that
// stage's finished filesystem; a stage starts with its base stage's paths.
// Files are never removed: a file deleted by a later RUN still sits in the
// layer that added it.
//
// Whether a destination names a directory is known from the Dockerfile
// (CopyOp::dest_is_dir): WORKDIRs, directories earlier copies made, and
// context directories given to ResolveBuild.
//
// Not modelled: an image base's own WORKDIR (relative destinations in a
// stage built on an image join "/"), directories the base image already
// has (a destination without a trailing '/' that is an existing directory
// of the image is taken as a file name), directories a RUN makes, and
// ONBUILD.
//
// Covered by tests/unit/image_files_test.cc and, against real builds,
// tests/buildah/run_buildah_diff.py.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/finding.h"
#include "ctxscan/util/pattern_matcher.h"

namespace ctxscan {

struct Placement {
  std::string path;   // absolute, in the stage's filesystem
  bool tree = false;  // an extracted archive: its files are somewhere under `path`
  bool operator==(const Placement&) const = default;
  bool operator<(const Placement& o) const {
    return std::tie(path, tree) < std::tie(o.path, o.tree);
  }
};

// How context files travel through a build; built once, asked per file.
class ImageFiles {
 public:
  // What each COPY needs for matching, worked out once by the constructor:
  // its sources as matched ("a/./b" -> "a/b") with the length of their
  // --parents pivot prefix (or npos), and its compiled --exclude patterns.
  using Source = std::pair<std::string, std::size_t>;
  struct Prepared {
    std::vector<Source> sources;
    std::optional<PatternMatcher> excludes;
  };

  // `build` must outlive this object.
  explicit ImageFiles(const Build& build);

  // The placements of context file `file` (slash-separated, relative to the
  // context root) in each stage (index = stage number), sorted; stages the
  // build does not run are computed too.
  std::vector<std::vector<Placement>> Place(std::string_view file) const;

  // final: the target stage holds the file; intermediate: another stage
  // the build runs does; no: none does.
  InImage Where(std::string_view file) const;

  // The first COPY/ADD (index into Dockerfile::instructions) of a stage the
  // build runs that names `file` itself (not only a directory above it):
  // excluding the file breaks the build. Nothing when none does.
  std::optional<std::size_t> NamedByCopy(std::string_view file) const;

  // The first COPY/ADD of a stage the build runs that copies `file` as part
  // of a directory other than the context root (`COPY config/ ./config/`):
  // the program may read the file, so excluding it may break the image.
  std::optional<std::size_t> CopiedWithDirectory(std::string_view file) const;

  // The COPY/ADD instructions (indices into Dockerfile::instructions) of
  // stages the build runs that copy `file` as part of the whole context
  // (`COPY . .`, `COPY ./ /app/`: a source naming the context root).
  std::vector<std::size_t> BroadCopies(std::string_view file) const;

 private:
  // How a context COPY names a file: the file itself, a directory above it,
  // or the context root.
  enum class Through : std::uint8_t { kItself, kDirectory, kRoot };
  // The context COPY/ADDs of stages the build runs that copy `file`
  // `through` that way, in order.
  std::vector<std::size_t> ContextCopies(std::string_view file, Through through) const;

  const Build& build_;
  std::vector<std::vector<Prepared>> prepared_;  // [stage][copy], as Stage::copies
};

}  // namespace ctxscan
