// The `--fail-on-image` gate: how far each finding's secret gets into the
// images a build makes, so that CI can fail only on what is shipped.
//
// A finding reaches as far as the furthest of its locations:
//   - a context file (kinds secret and file): where the build puts it
//     (Location::in_image: final, intermediate or no; MarkImagePresence);
//   - a Dockerfile instruction (kind dockerfile: a secret on an ENV, ARG,
//     LABEL or RUN line, a credential on a RUN command line, a secret-named
//     variable, a broad COPY, a hint): the instruction's stage. The target
//     stage and the stages it is built FROM (their ENV, ARG and layers are
//     the final image's) are `final`; any other stage the build runs is
//     `intermediate`; a global ARG (before the first FROM) counts as
//     `final`. dockerfile.no-dockerignore reaches nowhere: it is about what
//     is sent, and the files it is about are judged by their own findings;
//   - a compose entry (kind compose): compose.secret-in-build-args is
//     `final` (build arguments are recorded in the image's history);
//     compose.secret-in-environment goes where the compose file goes, and
//     compose.env-file-in-context where the env file goes (runtime
//     configuration reaches an image only as a copied file);
//   - a location not sent to the builder (--include-ignored) or in git
//     history (`scan --git`) reaches no image.
// When where a context file goes is not known (no Dockerfile, one ctxscan
// cannot parse, one outside the context, standard input), the location
// counts as `final` and is marked `unknown`, so that a final gate never
// passes for want of information.
//
// Covered by tests/e2e/scan_cli_test.py (the --fail-on-image tests).
// Thread safety: an ImageReachJudge is immutable once built.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "ctxscan/findings/finding.h"
#include "dockerfile/image_files.h"

namespace ctxscan {

// Which findings make the exit code 1: kAny every one (the default), kIntermediate
// those in any image of the build, kFinal those in the shipped image.
enum class ImageGate : std::uint8_t { kAny, kIntermediate, kFinal };
std::optional<ImageGate> ParseImageGate(std::string_view name);  // "any", "intermediate", "final"
std::string_view ImageGateName(ImageGate gate);

struct ImageReach {
  InImage where = InImage::kNo;
  bool unknown = false;  // where = kFinal for want of a Dockerfile analysis
};

// Reports whether a finding that reaches `reach` fails a build gated at `gate`.
bool FailsImageGate(ImageGate gate, const ImageReach& reach);

class ImageReachJudge {
 public:
  // `dockerfile` and `build`: the analysed build, both null when there is
  // none; `dockerfile_path`: the Dockerfile's path as the scan names it. Both
  // must outlive the judge.
  ImageReachJudge(const Dockerfile* dockerfile, const Build* build, std::string dockerfile_path);
  ~ImageReachJudge();

  // Returns how far `finding` gets (the rules above).
  ImageReach Of(const Finding& finding) const;

 private:
  ImageReach OfLocation(const Finding& finding, const Location& location) const;
  InImage OfInstruction(std::uint64_t line) const;

  const Dockerfile* dockerfile_;
  const Build* build_;
  std::string dockerfile_path_;
  std::unique_ptr<ImageFiles> files_;  // null without a build
};

}  // namespace ctxscan
