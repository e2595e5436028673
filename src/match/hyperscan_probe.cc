// Probing Hyperscan with the rules' own examples; see
// src/match/hyperscan_probe.h.
#include "match/hyperscan_probe.h"

#include <hs/hs.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "match/cache_file.h"

namespace ctxscan {
namespace {

// Placements per rule: each at another offset from a 64-byte boundary.
constexpr int kRounds = 16;

constexpr std::string_view kProbeMagic = "ctxscan-probe-1\n";

// What the verdict depends on besides the rules: Hyperscan and the CPU.
std::string ProbeFingerprint(const RuleSet& rules) {
  hs_platform_info_t platform{};
  (void)hs_populate_platform(&platform);
  return rules.digest() + " " + hs_version() + " features " +
         std::to_string(platform.cpu_features) + " tune " + std::to_string(platform.tune);
}

// "3,17," -> {3, 17}; nothing when a number is not a content rule's index.
std::optional<std::vector<std::uint32_t>> ParseVerdict(std::string_view text, std::size_t rules) {
  std::vector<std::uint32_t> out;
  std::uint64_t n = 0;
  bool digits = false;
  for (char c : text) {
    if (c >= '0' && c <= '9' && n < rules) {
      n = n * 10 + static_cast<std::uint64_t>(c - '0');
      digits = true;
    } else if (c == ',' && digits && n < rules) {
      out.push_back(static_cast<std::uint32_t>(n));
      n = 0;
      digits = false;
    } else {
      return std::nullopt;
    }
  }
  if (digits) return std::nullopt;
  return out;
}

struct Span {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
};

template <typename Window>
bool Covers(const Window& m, std::uint32_t rule, const Span& s) {
  return m.rule == rule && m.start < s.end && m.end > s.start;
}

// One text with an example of every rule, each after a run of blanks whose
// length depends on the rule and the round; sets where each example is.
std::string ProbeText(const RuleSet& rules, int round, std::vector<Span>* spans) {
  std::string text;
  const auto& content = rules.content_rules();
  spans->assign(content.size(), Span{});
  for (std::size_t i = 0; i < content.size(); ++i) {
    const std::vector<std::string>& examples = content[i].rule->examples;
    if (examples.empty()) continue;
    const std::string& ex = examples[static_cast<std::size_t>(round) % examples.size()];
    text.append(64 + static_cast<std::size_t>(round) * 5 + i % 11, ' ');
    text.push_back('\n');
    (*spans)[i] = {text.size(), text.size() + ex.size()};
    text += ex;
    text.push_back('\n');
  }
  return text;
}

}  // namespace

std::vector<std::uint32_t> FindUntrustedRules(const Engine& engine) {
  const RuleSet& rules = engine.rules();
  Result<std::unique_ptr<Engine::Scratch>> scratch = engine.MakeScratch();
  if (!scratch.ok()) return {};
  std::vector<bool> untrusted(rules.content_rules().size(), false);
  std::vector<Span> spans;
  std::vector<Engine::CandidateWindow> found;
  std::vector<RuleMatch> reference;
  for (int round = 0; round < kRounds; ++round) {
    const std::string text = ProbeText(rules, round, &spans);
    if (!engine.Candidates(text, scratch->get(), &found).ok()) return {};
    std::vector<bool> seen(spans.size(), false);
    for (const Engine::CandidateWindow& m : found) {
      if (Covers(m, m.rule, spans[m.rule])) seen[m.rule] = true;
    }
    for (std::uint32_t i = 0; i < spans.size(); ++i) {
      if (seen[i] || untrusted[i] || spans[i].end == spans[i].start) continue;
      // Missed: an example RE2 itself does not find here (it needs other
      // surroundings) says nothing about Hyperscan.
      reference.clear();
      std::uint64_t pos = spans[i].start > 64 ? spans[i].start - 64 : 0;
      const std::uint64_t to = std::min<std::uint64_t>(text.size(), spans[i].end + 64);
      (void)ConfirmRule(rules, i, text, to, &pos, &reference);
      untrusted[i] = std::any_of(reference.begin(), reference.end(),
                                 [&](const RuleMatch& m) { return Covers(m, i, spans[i]); });
    }
  }
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < untrusted.size(); ++i) {
    if (untrusted[i]) out.push_back(i);
  }
  return out;
}

std::vector<std::uint32_t> UntrustedRules(const Engine& engine, const EngineOptions& options) {
  const RuleSet& rules = engine.rules();
  const std::string dir = options.use_cache ? CacheDirectory(options.cache_dir) : "";
  const std::string path = dir.empty() ? "" : dir + "/" + rules.digest() + ".probe";
  const std::string fingerprint = ProbeFingerprint(rules);
  if (!path.empty()) {
    if (std::optional<CachePayload> cached = ReadCacheFile(path, kProbeMagic, fingerprint)) {
      if (auto verdict = ParseVerdict(cached->data(), rules.content_rules().size()))
        return *verdict;
    }
  }
  std::vector<std::uint32_t> found = FindUntrustedRules(engine);
  if (!path.empty()) {
    std::string text;
    for (std::uint32_t i : found) text += std::to_string(i) + ",";
    WriteCacheFile(dir, path, kProbeMagic, fingerprint, text);
  }
  return found;
}

}  // namespace ctxscan
