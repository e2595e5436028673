// libFuzzer target: scanning any bytes as a container image archive (docker
// save or OCI archive: a tar of manifests, configs and layer tarballs) must
// never crash, hang or trip a sanitizer, nor write anything but its own
// temporary file. A failed scan must say why; a scan that succeeds must
// give findings whose every location is in the image (image provenance set),
// at a path inside the image root (no leading '/', no '..'), marked removed
// exactly when not visible, by a later layer than the one that ships it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/pipeline/scan_pipeline.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("image_fuzz", what); }

const ctxscan::Engine& GetEngine() {
  static const ctxscan::Engine* engine = [] {
    ctxscan::Rule token;
    token.id = "fuzz.token";
    token.origin = "image_fuzz";
    token.pattern = R"(\b(?P<secret>tok_[A-Za-z0-9]{20})\b)";
    token.severity = ctxscan::Severity::kHigh;
    ctxscan::Rule env;
    env.id = "fuzz.env";
    env.origin = "image_fuzz";
    env.paths = {"**/.env"};
    env.severity = ctxscan::Severity::kMedium;
    ctxscan::Result<std::shared_ptr<const ctxscan::RuleSet>> set =
        ctxscan::RuleSet::Build({token, env}, ctxscan::RuleCache{"", false});
    if (!set.ok()) Fail("cannot build the rules");
    ctxscan::Result<std::unique_ptr<const ctxscan::Engine>> made =
        ctxscan::Engine::Create(*set, ctxscan::EngineOptions{"", false});
    if (!made.ok()) Fail("cannot compile the rules");
    return std::move(made).value().release();
  }();
  return *engine;
}

// The input as a file of its own, rewritten for every input.
std::string WriteInput(std::string_view input) {
  // Removed when the process exits normally (a crash leaves it for study).
  struct InputFile {
    std::string path;
    ~InputFile() { std::remove(path.c_str()); }
  };
  static const InputFile file{[] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir != nullptr && dir[0] != 0 ? dir : "/tmp") + "/ctxscan-image-fuzz-" +
           std::to_string(::getpid()) + ".tar";
  }()};
  const std::string& path = file.path;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) Fail("cannot write the input file");
  if (!input.empty() && std::fwrite(input.data(), 1, input.size(), f) != input.size()) {
    Fail("cannot write the input file");
  }
  std::fclose(f);
  return path;
}

void CheckLocation(const ctxscan::Location& l) {
  if (!l.image) Fail("a location without image provenance");
  if (l.path.empty() || l.path[0] == '/') Fail("a path outside the image root");
  if (l.path == ".." || l.path.rfind("../", 0) == 0 || l.path.find("/../") != std::string::npos ||
      (l.path.size() >= 3 && l.path.compare(l.path.size() - 3, 3, "/..") == 0)) {
    Fail("a path with a '..' component");
  }
  const ctxscan::ImageProvenance& i = *l.image;
  if (i.visible == i.removed_in.has_value()) Fail("visible and removed disagree");
  if (i.removed_in && (!i.layer || *i.removed_in <= *i.layer)) {
    Fail("removed by a layer that is not later");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ctxscan::ScanRequest request;
  request.source = ctxscan::ScanSource::kImage;
  request.images = {WriteInput(input)};
  request.engine = &GetEngine();
  request.scan.threads = 1;
  request.hash_key.bytes = std::string(32, 'k');
  ctxscan::Result<ctxscan::ScanReport> report = ctxscan::RunScanPipeline(std::move(request));
  if (!report.ok()) {
    if (report.status().message().empty()) Fail("a failure that does not say why");
    return 0;
  }
  for (const ctxscan::Finding& f : report->result.findings) {
    if (f.locations.empty()) Fail("a finding without locations");
    for (const ctxscan::Location& l : f.locations) CheckLocation(l);
  }
  for (const ctxscan::SkippedFile& e : report->result.errors) {
    if (e.reason.empty()) Fail("an error that does not say why");
  }
  return 0;
}
