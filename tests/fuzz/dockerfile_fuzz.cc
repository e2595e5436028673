// libFuzzer target: parsing any bytes as a Dockerfile, and the ENV/LABEL
// arguments of what parses, and expanding its words, must never crash, hang or trip a sanitizer; an
// instruction's lines must be in order and within the input. What resolves into a build is also
// followed through (where a few context paths land, the hints), with the same demands; every
// placement must be an absolute path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ctxscan/dockerfile/parser.h"
#include "ctxscan/dockerfile/stages.h"
#include "dockerfile/analysis.h"
#include "dockerfile/image_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ctxscan::Result<ctxscan::Dockerfile> df = ctxscan::ParseDockerfile(input, "Dockerfile");
  if (!df.ok()) return 0;
  int previous = 0;
  for (const ctxscan::Instruction& ins : df->instructions) {
    if (ins.line <= previous || ins.end_line < ins.line) std::abort();
    previous = ins.end_line;
    (void)ctxscan::ParseKeyValues(ins.args, df->escape, ins.keyword == "ENV");
    const ctxscan::VarLookup vars = [](std::string_view name) -> std::optional<std::string> {
      if (name.size() % 2 == 0) return std::string(name);
      return std::nullopt;
    };
    (void)ctxscan::ProcessWords(ins.args, df->escape, &vars);
  }
  ctxscan::Result<ctxscan::Build> build = ctxscan::ResolveBuild(*df, {{"A", "x"}}, "");
  if (!build.ok()) return 0;
  const ctxscan::ImageFiles files(*build);
  for (const char* path : {"a", "a/b.txt", ".env", "x/y/z.tar.gz", "src/app/main.py"}) {
    for (const std::vector<ctxscan::Placement>& stage : files.Place(path)) {
      for (const ctxscan::Placement& p : stage) {
        if (p.path.empty() || p.path[0] != '/') std::abort();
      }
    }
    (void)files.Where(path);
    (void)files.NamedByCopy(path);
    (void)files.BroadCopies(path);
  }
  (void)ctxscan::HintDockerfile(*df, *build, "Dockerfile");
  return 0;
}
