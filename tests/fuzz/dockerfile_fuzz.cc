// libFuzzer target: parsing any bytes as a Dockerfile, and the ENV/LABEL
// arguments of what parses, and expanding its words, must never crash, hang or trip a sanitizer; an
// instruction's lines must be in order and within the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ctxscan/dockerfile/parser.h"

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
  return 0;
}
