// Checking and compiling rules; see include/ctxscan/match/rule_set.h.
#include "ctxscan/match/rule_set.h"

#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <set>

#include "ctxscan/util/file_system.h"
#include "ctxscan/version.h"
#include "match/cache_file.h"
#include "match/database_cache.h"
#include "match/default_rules.h"
#include "match/hyperscan_dialect.h"
#include "match/keyed_gate.h"
#include "match/prefilter_suffix.h"
#include "match/rule_codec.h"
#include "match/rule_regex_options.h"
#include "util/text.h"

namespace ctxscan {
namespace {

// Match length bounds of `pattern` as Hyperscan sees it (byte semantics).
Status Widths(const Rule& r, const std::string& pattern, unsigned* min_width, unsigned* max_width) {
  Result<std::string> hs_pattern = ToHyperscanDialect(pattern);
  if (!hs_pattern.ok()) {
    return Status::Error(r.origin + ": rule " + r.id + ": " + hs_pattern.status().message());
  }
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(hs_pattern->c_str(), 0, &info, &err) != HS_SUCCESS) {
    // Not compilable exactly: ask again in prefilter mode, whose widths
    // bound the original's from above.
    hs_free_compile_error(err);
    err = nullptr;
    if (hs_expression_info(hs_pattern->c_str(), HS_FLAG_PREFILTER, &info, &err) != HS_SUCCESS) {
      const std::string msg = err ? err->message : "unknown error";
      hs_free_compile_error(err);
      return Status::Error(r.origin + ": rule " + r.id + ": pattern not supported: " + msg);
    }
  }
  const HsMalloced<hs_expr_info_t> owned(info);
  *min_width = info->min_width;
  *max_width = info->max_width;
  return Status::Ok();
}

// What Hyperscan says about one content rule: its match widths, the
// minimum width of its prefilter suffix, and whether its relaxed prefilter
// pattern compiles only approximately.
struct Analysis {
  int secret_group = 0;
  unsigned min_width = 0;
  unsigned max_width = 0;
  unsigned suffix_min_width = 1;
  bool approximate = false;
  unsigned gate_lookback = 0;  // 0: not behind the keyed gate
};

// The longest lookback a gated rule may have: the brand scan around every
// anchor hit covers this many bytes.
constexpr unsigned kMaxGateLookback = 256;

// Hyperscan's analysis of `pattern` (RE2 syntax), compiled exactly with
// relaxed repeats as the databases compile it; null when it cannot be.
HsMalloced<hs_expr_info_t> ExactInfo(const std::string& pattern, Repeats repeats) {
  Result<std::string> hs_pattern = ToHyperscanDialect(pattern, repeats);
  if (!hs_pattern.ok()) return nullptr;
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(hs_pattern->c_str(), 0, &info, &err) != HS_SUCCESS) {
    hs_free_compile_error(err);
    return nullptr;
  }
  return HsMalloced<hs_expr_info_t>(info);
}

// How far before an anchor hit the rule's match may start, when the rule can
// go behind the keyed gate (see keyed_gate.h); 0 when it cannot: not of the
// gate's form, a brand Hyperscan cannot compile exactly or that can match
// nothing, or a lookback over kMaxGateLookback.
unsigned GateLookback(const Rule& r) {
  if (!r.prefilter.empty()) return 0;
  const std::optional<KeyedGate> gate = FindKeyedGate(r.pattern);
  if (!gate) return 0;
  const HsMalloced<hs_expr_info_t> brand = ExactInfo(gate->brand, Repeats::kRelaxed);
  if (!brand || brand->min_width == 0) return 0;
  const HsMalloced<hs_expr_info_t> prefix = ExactInfo(gate->prefix, Repeats::kExact);
  if (!prefix || prefix->max_width == 0 || prefix->max_width > kMaxGateLookback) return 0;
  return prefix->max_width;
}

// Compiles the rule's RE2 (kept in `cr`) and asks Hyperscan about it.
Result<Analysis> Analyze(ContentRule& cr) {
  const Rule& r = *cr.rule;
  Analysis a;
  auto re = std::make_unique<const RE2>(r.pattern, RuleRegexOptions());
  if (!re->ok()) {
    return Status::Error(r.origin + ": rule " + r.id + ": invalid pattern: " + re->error());
  }
  const auto& groups = re->NamedCapturingGroups();
  if (auto it = groups.find("secret"); it != groups.end()) a.secret_group = it->second;
  cr.re = std::make_unique<const LazyRegex>(std::move(re));
  if (!r.prefilter.empty()) {
    const RE2 suffix_re(cr.prefilter_pattern, RuleRegexOptions());
    if (!suffix_re.ok()) {
      return Status::Error(r.origin + ": rule " + r.id +
                           ": invalid prefilter suffix: " + suffix_re.error());
    }
  }
  Status s = Widths(r, r.pattern, &a.min_width, &a.max_width);
  if (!s.ok()) return s;
  if (!r.prefilter.empty()) {
    unsigned suffix_max = 0;
    s = Widths(r, cr.prefilter_pattern, &a.suffix_min_width, &suffix_max);
    if (!s.ok()) return s;
  }
  Result<std::string> relaxed = ToHyperscanDialect(cr.prefilter_pattern, Repeats::kRelaxed);
  if (!relaxed.ok()) {
    return Status::Error(r.origin + ": rule " + r.id + ": " + relaxed.status().message());
  }
  a.approximate = ExactInfo(cr.prefilter_pattern, Repeats::kRelaxed) == nullptr;
  a.gate_lookback = GateLookback(r);
  return a;
}

Status CheckWidths(const Rule& r, const Analysis& a) {
  if (a.min_width == 0) {
    return Status::Error(r.origin + ": rule " + r.id + ": pattern can match the empty string");
  }
  if (a.suffix_min_width == 0) {
    return Status::Error(r.origin + ": rule " + r.id +
                         ": the prefilter suffix can match the empty string");
  }
  if (a.max_width > kMaxRuleMatchBytes) {
    return Status::Error(r.origin + ": rule " + r.id +
                         ": pattern has no bound on its match length (or one above 16 KiB); "
                         "use bounded repeats such as {0,64} instead of * and +");
  }
  return Status::Ok();
}

constexpr char kWidthsMagic[] = "ctxscan-widths-3\n";

// The cached analyses, one line per content rule:
// "secret_group min max suffix_min approx gate_lookback".
std::optional<std::vector<Analysis>> ParseAnalyses(const std::string& payload, std::size_t n) {
  std::vector<Analysis> out;
  std::istringstream in(payload);
  Analysis a;
  int approximate = 0;
  while (in >> a.secret_group >> a.min_width >> a.max_width >> a.suffix_min_width >> approximate >>
         a.gate_lookback) {
    a.approximate = approximate != 0;
    out.push_back(a);
  }
  if (out.size() != n || !in.eof()) return std::nullopt;
  return out;
}

}  // namespace

struct RuleSet::SignatureSet {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::uint32_t> rule;  // file rule of each entry of `set`
};

Status RuleSet::BuildSignatureSet() {
  auto sigs = std::make_shared<SignatureSet>();
  RE2::Options options = RuleRegexOptions();
  options.set_dot_nl(true);
  sigs->set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_START);
  for (std::uint32_t i = 0; i < files_.size(); ++i) {
    if (!files_[i].signature) continue;
    std::string error;
    if (sigs->set->Add(files_[i].rule->signature, &error) < 0) {
      return Status::Error(files_[i].rule->origin + ": rule " + files_[i].rule->id +
                           ": invalid signature: " + error);
    }
    sigs->rule.push_back(i);
  }
  if (sigs->rule.empty()) return Status::Ok();
  if (!sigs->set->Compile()) return Status::Error("cannot compile the file rules' signatures");
  signatures_ = std::move(sigs);
  return Status::Ok();
}

void RuleSet::MatchSignatures(std::string_view head, std::vector<std::uint32_t>* out) const {
  if (!signatures_) return;
  const std::string_view start = head.substr(0, kSignatureBytes);
  std::vector<int> hits;
  RE2::Set::ErrorInfo error{};
  // Most files match no signature: asked without `hits`, the set answers
  // from its DFA's first states and allocates nothing.
  if (!signatures_->set->Match(start, nullptr, &error) && error.kind == RE2::Set::kNoError) return;
  if (!signatures_->set->Match(start, &hits, &error)) {
    if (error.kind == RE2::Set::kNoError) return;
    // The set's DFA ran out of memory: ask each rule on its own.
    for (std::uint32_t i : signatures_->rule) {
      if (files_[i].MatchesContent(start)) out->push_back(i);
    }
    return;
  }
  std::sort(hits.begin(), hits.end());
  for (const int h : hits) out->push_back(signatures_->rule[static_cast<std::size_t>(h)]);
}

bool FileRule::MatchesContent(std::string_view head) const {
  if (!signature) return false;
  const std::string_view start = head.substr(0, kSignatureBytes);
  return signature->Match(start, 0, start.size(), RE2::ANCHOR_START, nullptr, 0);
}

std::string RequiredPathEnding(std::string_view pattern) {
  const std::size_t cut = pattern.find_last_of("*?[]\\/");
  return std::string(cut == std::string_view::npos ? pattern : pattern.substr(cut + 1));
}

RE2::Options RuleRegexOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  return options;
}

LazyRegex::LazyRegex(std::string pattern) : pattern_(std::move(pattern)) {}

LazyRegex::~LazyRegex() = default;

LazyRegex::LazyRegex(std::unique_ptr<const re2::RE2> re) : pattern_(re->pattern()) {
  std::call_once(once_, [&] { re_ = std::move(re); });
}

const re2::RE2& LazyRegex::get() const {
  std::call_once(once_,
                 [this] { re_ = std::make_unique<const RE2>(pattern_, RuleRegexOptions()); });
  return *re_;
}

Result<std::shared_ptr<const RuleSet>> RuleSet::Build(std::vector<Rule> rules,
                                                      const RuleCache& cache) {
  auto set = std::make_shared<RuleSet>();
  set->rules_ = std::move(rules);
  std::set<std::string> ids;
  std::string material = "ctxscan-ruleset-v1\n";
  for (const Rule& r : set->rules_) {
    if (!ids.insert(r.id).second) {
      return Status::Error(r.origin + ": rule " + r.id + ": duplicate rule id");
    }
    if (r.is_file_rule()) {
      FileRule fr{&r, {}, {}, nullptr};
      if (!r.signature.empty()) {
        RE2::Options options;
        options.set_encoding(RE2::Options::EncodingLatin1);
        options.set_dot_nl(true);
        options.set_log_errors(false);
        auto re = std::make_shared<const RE2>(r.signature, options);
        if (!re->ok()) {
          return Status::Error(r.origin + ": rule " + r.id + ": invalid signature: " + re->error());
        }
        fr.signature = std::move(re);
      }
      for (const std::string& p : r.paths) {
        Pattern pattern(p, false, 0);
        if (!pattern.error().empty()) {
          return Status::Error(r.origin + ": rule " + r.id + ": invalid path pattern \"" + p +
                               "\": " + pattern.error());
        }
        fr.paths.push_back(std::move(pattern));
        fr.path_endings.push_back(RequiredPathEnding(p));
      }
      set->files_.push_back(std::move(fr));
      continue;
    }
    std::string start = StartPattern(r.pattern);
    ContentRule cr{&r,
                   std::make_unique<const LazyRegex>(r.pattern),
                   0,
                   0,
                   r.pattern,
                   false,
                   {},
                   0,
                   start.empty() ? nullptr : std::make_unique<const LazyRegex>(std::move(start))};
    if (!r.prefilter.empty()) {
      Result<std::string> pf = PrefilterFromSuffix(r.pattern, r.prefilter);
      if (!pf.ok()) {
        return Status::Error(r.origin + ": rule " + r.id + ": " + pf.status().message());
      }
      cr.prefilter_pattern = std::move(pf).value();
    }
    material += r.id + '\x1f' + r.pattern + '\x1f' + r.prefilter + '\x1e';
    set->content_.push_back(std::move(cr));
  }
  char hex[40];
  std::snprintf(hex, sizeof hex, "%016llx%016llx",
                static_cast<unsigned long long>(Fnv1a64(material, 0xcbf29ce484222325ULL)),
                static_cast<unsigned long long>(Fnv1a64(material, 0x84222325cbf29ce4ULL)));
  set->digest_ = hex;
  const Status s = set->AnalyzeWidths(material, cache);
  if (!s.ok()) return s;
  if (Status sigs = set->BuildSignatureSet(); !sigs.ok()) return sigs;
  set->BuildPathIndex();
  return std::shared_ptr<const RuleSet>(std::move(set));
}

const Rule* RuleSet::Find(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

constexpr char kRulesMagic[] = "ctxscan-rules-1\n";

Result<std::vector<Rule>> LoadDefaultRules() {
  // Parsed once per build of the rules, then decoded from the cache; the
  // key is the embedded files' digest, computed at build time.
  const std::string key = std::string(DefaultRulesDigest().substr(0, 32)) + "-" + kVersion + "-" +
                          std::to_string(kRuleCodecVersion);
  const std::string dir = CacheDirectory("");
  const std::string path = dir.empty() ? "" : dir + "/" + key + ".rules";
  if (!path.empty()) {
    if (std::optional<CachePayload> cached = ReadCacheFile(path, kRulesMagic, key)) {
      if (std::optional<std::vector<Rule>> rules = DecodeRules(cached->data())) {
        return std::move(*rules);
      }
    }
  }
  std::vector<Rule> all;
  for (const EmbeddedRuleFile& f : DefaultRuleFiles()) {
    Result<std::vector<Rule>> r = ParseRuleFile(f.content, f.name);
    if (!r.ok()) return r.status();
    for (Rule& rule : *r) all.push_back(std::move(rule));
  }
  if (!path.empty()) WriteCacheFile(dir, path, kRulesMagic, key, EncodeRules(all));
  return all;
}

Result<std::vector<Rule>> LoadRuleFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(p, ec)) {
        if (e.path().extension() == ".yaml" || e.path().extension() == ".yml") {
          found.push_back(e.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  std::vector<Rule> all;
  for (const std::string& f : files) {
    Result<std::string> text = ReadPathFile(f, 16u << 20, true);
    if (!text.ok()) return text.status();
    Result<std::vector<Rule>> r = ParseRuleFile(*text, f);
    if (!r.ok()) return r.status();
    for (Rule& rule : *r) all.push_back(std::move(rule));
  }
  return all;
}

Status RuleSet::AnalyzeWidths(const std::string& material, const RuleCache& cache) {
  // RE2's compile and Hyperscan's expression analysis cost about two
  // milliseconds a rule, so the results are cached by digest: every rule is
  // checked the first time its set is seen, and later runs compile RE2s on
  // demand.
  const std::string dir = cache.use ? CacheDirectory(cache.dir) : "";
  const std::string path = dir.empty() ? "" : dir + "/" + digest_ + ".widths";
  const std::string fingerprint =
      std::string("ctxscan ") + kVersion + "\nhyperscan " + hs_version() + "\n" + material;
  std::optional<std::vector<Analysis>> cached;
  if (!path.empty()) {
    if (std::optional<CachePayload> payload = ReadCacheFile(path, kWidthsMagic, fingerprint)) {
      cached = ParseAnalyses(std::string(payload->data()), content_.size());
    }
  }
  std::string payload;
  for (std::size_t i = 0; i < content_.size(); ++i) {
    ContentRule& cr = content_[i];
    Analysis a;
    if (cached) {
      a = (*cached)[i];
    } else {
      Result<Analysis> fresh = Analyze(cr);
      if (!fresh.ok()) return fresh.status();
      a = *fresh;
    }
    Status s = CheckWidths(*cr.rule, a);
    if (!s.ok()) return s;
    cr.secret_group = a.secret_group;
    cr.max_width = a.max_width;
    cr.approximate = a.approximate;
    cr.gate_lookback = a.gate_lookback;
    payload += std::to_string(a.secret_group) + ' ' + std::to_string(a.min_width) + ' ' +
               std::to_string(a.max_width) + ' ' + std::to_string(a.suffix_min_width) + ' ' +
               (a.approximate ? "1" : "0") + ' ' + std::to_string(a.gate_lookback) + '\n';
  }
  if (!cached && !path.empty()) WriteCacheFile(dir, path, kWidthsMagic, fingerprint, payload);
  BuildGateAnchors();
  return Status::Ok();
}

void RuleSet::BuildGateAnchors() {
  std::vector<std::string> words;
  for (ContentRule& cr : content_) {
    if (cr.gate_lookback == 0) continue;
    const std::optional<KeyedGate> gate = FindKeyedGate(cr.rule->pattern);
    if (!gate) {  // the analysis came from a cache of other code: do not gate
      cr.gate_lookback = 0;
      continue;
    }
    cr.gate_brand = gate->brand;
    words.insert(words.end(), gate->words.begin(), gate->words.end());
    anchors_.lookback = std::max(anchors_.lookback, cr.gate_lookback);
  }
  if (!words.empty()) anchors_.patterns.push_back(KeyedGateAnchor(words));
}

Result<std::shared_ptr<const RuleSet>> LoadRuleSet(const RuleSources& sources) {
  std::vector<Rule> rules;
  if (sources.only.empty()) {
    Result<std::vector<Rule>> defaults = LoadDefaultRules();
    if (!defaults.ok()) return defaults.status();
    rules = std::move(defaults).value();
  }
  Result<std::vector<Rule>> files =
      LoadRuleFiles(sources.only.empty() ? sources.extra : sources.only);
  if (!files.ok()) return files.status();
  for (Rule& r : *files) rules.push_back(std::move(r));
  return RuleSet::Build(std::move(rules));
}

}  // namespace ctxscan
