// Checking and compiling rules; see include/ctxscan/match/rule_set.h.
#include "ctxscan/match/rule_set.h"

#include <hs/hs.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "match/database_cache.h"
#include "match/default_rules.h"
#include "match/hyperscan_dialect.h"
#include "match/prefilter_suffix.h"
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

}  // namespace

Result<std::shared_ptr<const RuleSet>> RuleSet::Build(std::vector<Rule> rules) {
  auto set = std::make_shared<RuleSet>();
  set->rules_ = std::move(rules);
  std::set<std::string> ids;
  std::string material = "ctxscan-ruleset-v1\n";
  for (const Rule& r : set->rules_) {
    if (!ids.insert(r.id).second) {
      return Status::Error(r.origin + ": rule " + r.id + ": duplicate rule id");
    }
    if (r.is_file_rule()) {
      FileRule fr{&r, {}};
      for (const std::string& p : r.paths) {
        Pattern pattern(p, false, 0);
        if (!pattern.error().empty()) {
          return Status::Error(r.origin + ": rule " + r.id + ": invalid path pattern \"" + p +
                               "\": " + pattern.error());
        }
        fr.paths.push_back(std::move(pattern));
      }
      set->files_.push_back(std::move(fr));
      continue;
    }
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    options.set_log_errors(false);
    auto re = std::make_unique<const RE2>(r.pattern, options);
    if (!re->ok()) {
      return Status::Error(r.origin + ": rule " + r.id + ": invalid pattern: " + re->error());
    }
    ContentRule cr{&r, std::move(re), 0, 0, r.pattern};
    if (!r.prefilter.empty()) {
      Result<std::string> pf = PrefilterFromSuffix(r.pattern, r.prefilter);
      if (!pf.ok()) {
        return Status::Error(r.origin + ": rule " + r.id + ": " + pf.status().message());
      }
      const RE2 suffix_re(*pf, options);
      if (!suffix_re.ok()) {
        return Status::Error(r.origin + ": rule " + r.id +
                             ": invalid prefilter suffix: " + suffix_re.error());
      }
      cr.prefilter_pattern = std::move(pf).value();
    }
    const auto& groups = cr.re->NamedCapturingGroups();
    if (auto it = groups.find("secret"); it != groups.end()) cr.secret_group = it->second;
    unsigned min_width = 0;
    const Status s = Widths(r, r.pattern, &min_width, &cr.max_width);
    if (!s.ok()) return s;
    if (!r.prefilter.empty()) {
      unsigned suffix_min = 0;
      unsigned suffix_max = 0;
      const Status ps = Widths(r, cr.prefilter_pattern, &suffix_min, &suffix_max);
      if (!ps.ok()) return ps;
      if (suffix_min == 0) {
        return Status::Error(r.origin + ": rule " + r.id +
                             ": the prefilter suffix can match the empty string");
      }
    }
    if (min_width == 0) {
      return Status::Error(r.origin + ": rule " + r.id + ": pattern can match the empty string");
    }
    if (cr.max_width > kMaxRuleMatchBytes) {
      return Status::Error(r.origin + ": rule " + r.id +
                           ": pattern has no bound on its match length (or one above 16 KiB); "
                           "use bounded repeats such as {0,64} instead of * and +");
    }
    material += r.id + '\x1f' + r.pattern + '\x1f' + r.prefilter + '\x1e';
    set->content_.push_back(std::move(cr));
  }
  char hex[40];
  std::snprintf(hex, sizeof hex, "%016llx%016llx",
                static_cast<unsigned long long>(Fnv1a64(material, 0xcbf29ce484222325ULL)),
                static_cast<unsigned long long>(Fnv1a64(material, 0x84222325cbf29ce4ULL)));
  set->digest_ = hex;
  return std::shared_ptr<const RuleSet>(std::move(set));
}

const Rule* RuleSet::Find(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Result<std::vector<Rule>> LoadDefaultRules() {
  std::vector<Rule> all;
  for (const EmbeddedRuleFile& f : DefaultRuleFiles()) {
    Result<std::vector<Rule>> r = ParseRuleFile(f.content, f.name);
    if (!r.ok()) return r.status();
    for (Rule& rule : *r) all.push_back(std::move(rule));
  }
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
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::Error(f + ": cannot read rule file");
    std::stringstream buf;
    buf << in.rdbuf();
    Result<std::vector<Rule>> r = ParseRuleFile(buf.str(), f);
    if (!r.ok()) return r.status();
    for (Rule& rule : *r) all.push_back(std::move(rule));
  }
  return all;
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
