// libFuzzer target: the Dockerfile word expander (quote removal and
// variable expansion as BuildKit does it) on any bytes, with either escape
// character, with and without variables. It must never crash, hang or trip
// a sanitizer, and:
//   - a word with no quote, no escape character and no '$' comes back as it is;
//   - without variables, '$' references stay: no text is invented, so the
//     result is never longer than the word;
//   - ProcessWords never yields more words than SplitWords finds, nor an
//     empty one.
// The first input byte picks the escape character ('\\' or '`').
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/dockerfile/words.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("words_fuzz", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char escape = (data[0] & 1) != 0 ? '`' : '\\';
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const std::map<std::string, std::string, std::less<>> kVars = {
      {"A", "alpha"}, {"EMPTY", ""}, {"SP", "a b"}, {"Q", "\"'$"}, {"NEST", "${A}"}};
  const ctxscan::VarLookup vars = [](std::string_view name) -> std::optional<std::string> {
    auto it = kVars.find(name);
    if (it == kVars.end()) return std::nullopt;
    return it->second;
  };
  const ctxscan::Result<std::string> plain = ctxscan::ProcessWord(text, escape, nullptr);
  const ctxscan::Result<std::string> expanded = ctxscan::ProcessWord(text, escape, &vars);
  const bool special = text.find_first_of(std::string("'\"$") + escape) != std::string_view::npos;
  if (!special) {
    if (!plain.ok() || *plain != text || !expanded.ok() || *expanded != text) {
      Fail("a word with nothing to process changed");
    }
  }
  if (plain.ok() && plain->size() > text.size()) Fail("text invented without variables");
  const std::vector<std::string> split = ctxscan::SplitWords(text, escape);
  const ctxscan::Result<std::vector<std::string>> words =
      ctxscan::ProcessWords(text, escape, &vars);
  if (words.ok()) {
    if (words->size() > split.size()) Fail("more words than SplitWords found");
    for (const std::string& w : *words) {
      if (w.empty()) Fail("an empty word kept");
    }
  }
  return 0;
}
