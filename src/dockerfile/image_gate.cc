// How far findings get into a build's images; see
// src/dockerfile/image_gate.h.
#include "dockerfile/image_gate.h"

#include "dockerfile/analysis.h"

namespace ctxscan {
namespace {

const ImageReach kUnknown{InImage::kFinal, true};

}  // namespace

std::optional<ImageGate> ParseImageGate(std::string_view name) {
  if (name == "any") return ImageGate::kAny;
  if (name == "intermediate") return ImageGate::kIntermediate;
  if (name == "final") return ImageGate::kFinal;
  return std::nullopt;
}

std::string_view ImageGateName(ImageGate gate) {
  switch (gate) {
    case ImageGate::kIntermediate:
      return "intermediate";
    case ImageGate::kFinal:
      return "final";
    case ImageGate::kAny:
      break;
  }
  return "any";
}

bool FailsImageGate(ImageGate gate, const ImageReach& reach) {
  switch (gate) {
    case ImageGate::kFinal:
      return reach.where == InImage::kFinal;
    case ImageGate::kIntermediate:
      return reach.where != InImage::kNo;
    case ImageGate::kAny:
      break;
  }
  return true;
}

ImageReachJudge::ImageReachJudge(const Dockerfile* dockerfile, const Build* build,
                                 std::string dockerfile_path)
    : dockerfile_(dockerfile), build_(build), dockerfile_path_(std::move(dockerfile_path)) {
  if (build_ != nullptr && build_->target >= 0) files_ = std::make_unique<ImageFiles>(*build_);
}

ImageReachJudge::~ImageReachJudge() = default;

ImageReach ImageReachJudge::Of(const Finding& finding) const {
  ImageReach furthest;
  for (const Location& l : finding.locations) {
    const ImageReach r = OfLocation(finding, l);
    if (r.where > furthest.where || (r.where == furthest.where && r.unknown)) furthest = r;
  }
  return furthest;
}

ImageReach ImageReachJudge::OfLocation(const Finding& f, const Location& l) const {
  if (l.git || !l.sent) return {};
  if (!IsBuildAnalysis(f.kind)) {
    return l.in_image ? ImageReach{*l.in_image, false} : kUnknown;
  }
  const std::string_view rule = f.rule != nullptr ? std::string_view(f.rule->id) : "";
  if (rule == "dockerfile.no-dockerignore") return {};
  if (f.kind == FindingKind::kDockerfile) {
    if (dockerfile_ == nullptr || build_ == nullptr || l.path != dockerfile_path_) return kUnknown;
    return {OfInstruction(l.line), false};
  }
  if (rule == "compose.secret-in-build-args") return {InImage::kFinal, false};
  if (files_ == nullptr) return kUnknown;
  return {files_->Where(f.about_file.empty() ? l.path : f.about_file), false};
}

InImage ImageReachJudge::OfInstruction(std::uint64_t line) const {
  std::size_t index = 0;
  if (InstructionAt(*dockerfile_, line, &index) == nullptr || index >= build_->stage_of.size()) {
    return InImage::kFinal;  // not an instruction: nothing to say it stays out
  }
  const int stage = build_->stage_of[index];
  if (stage < 0) return InImage::kFinal;  // a global ARG
  // The target and the stages it is built FROM make the final image.
  for (int s = build_->target; s >= 0; s = build_->stages[static_cast<std::size_t>(s)].base_stage) {
    if (s == stage) return InImage::kFinal;
  }
  return InImage::kIntermediate;
}

}  // namespace ctxscan
