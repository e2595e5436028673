// libFuzzer target with an oracle for the rewrite of RE2 patterns into
// Hyperscan's dialect (src/match/hyperscan_dialect.h), both as the widths
// are taken (Repeats::kExact) and as the prefilter compiles it
// (Repeats::kRelaxed): on any pattern RE2 accepts and Hyperscan compiles
// after the rewrite (exactly, or else in prefilter mode, as the engine
// does), every non-empty match RE2 finds in the text must end where
// Hyperscan reports a match end. A miss would be a secret the prefilter
// never shows to RE2.
//
// Input: PATTERN '\0' TEXT (no NUL: the whole input is the pattern, over a
// fixed text). The text is cut to 63 bytes: Vectorscan 5.4.9 on AVX-512
// misses matches past the first 64 bytes for some patterns whatever the
// rewrite (src/match/hyperscan_probe.h, which the engine uses to work
// around it); this oracle is about the rewrite. Patterns with bytes outside ASCII, or with hex or
// octal escapes under a case-insensitive flag, are skipped: Latin-1 case folding differs between
// the two libraries by design, and ctxscan's rules are ASCII.
#include <hs/hs.h>
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "match/hyperscan_dialect.h"
#include "match/rule_regex_options.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view pattern, std::string_view rewritten) {
  std::fprintf(stderr, "dialect_fuzz: %s\n  pattern:   %.*s\n  rewritten: %.*s\n", what,
               static_cast<int>(pattern.size()), pattern.data(), static_cast<int>(rewritten.size()),
               rewritten.data());
  std::abort();
}

constexpr std::string_view kText =
    "key = \"AKIAFAKE1234\"\npass: hunter2\n\tx=1 y_2 Z\r\n[a]{b} (c)|d\\e$.";
constexpr std::size_t kMaxText = 63;

int OnMatch(unsigned, unsigned long long, unsigned long long to, unsigned, void* ctx) {
  static_cast<std::set<unsigned long long>*>(ctx)->insert(to);
  return 0;
}

// Hyperscan's match ends of `hs_pattern` in `text`, or false when it does
// not compile either way.
bool HyperscanEnds(const std::string& hs_pattern, std::string_view text,
                   std::set<unsigned long long>* ends) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  for (unsigned flags : {0u, static_cast<unsigned>(HS_FLAG_PREFILTER)}) {
    if (hs_compile(hs_pattern.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &err) == HS_SUCCESS) {
      break;
    }
    hs_free_compile_error(err);
    err = nullptr;
    db = nullptr;
  }
  if (db == nullptr) return false;
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) std::abort();
  hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, ends);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return true;
}

bool Skipped(std::string_view pattern) {
  for (char c : pattern) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\0') return true;
  }
  // A flag group may make it case-insensitive: then no byte escapes.
  if (pattern.find("(?") == std::string_view::npos) return false;
  for (std::size_t i = pattern.find('\\'); i != std::string_view::npos && i + 1 < pattern.size();
       i = pattern.find('\\', i + 2)) {
    const char e = pattern[i + 1];
    if (e == 'x' || (e >= '0' && e <= '7')) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view pattern = input.substr(0, nul);
  const std::string_view text =
      (nul == std::string_view::npos ? kText : input.substr(nul + 1)).substr(0, kMaxText);
  if (pattern.empty() || pattern.size() > 256 || Skipped(pattern)) return 0;
  const re2::RE2 re(re2::StringPiece(pattern.data(), pattern.size()), ctxscan::RuleRegexOptions());
  if (!re.ok()) return 0;
  for (ctxscan::Repeats repeats : {ctxscan::Repeats::kExact, ctxscan::Repeats::kRelaxed}) {
    ctxscan::Result<std::string> rewritten = ctxscan::ToHyperscanDialect(pattern, repeats);
    if (!rewritten.ok()) continue;  // refused with a message: the rule does not load
    std::set<unsigned long long> ends;
    if (!HyperscanEnds(*rewritten, text, &ends)) continue;
    const re2::StringPiece all(text.data(), text.size());
    std::size_t pos = 0;
    re2::StringPiece m;
    while (pos <= text.size() && re.Match(all, pos, text.size(), re2::RE2::UNANCHORED, &m, 1)) {
      const auto end = static_cast<std::size_t>(m.data() - text.data()) + m.size();
      if (!m.empty() && ends.count(end) == 0)
        Fail("an RE2 match end Hyperscan misses", pattern, *rewritten);
      pos = m.empty() ? end + 1 : end;
    }
  }
  return 0;
}
