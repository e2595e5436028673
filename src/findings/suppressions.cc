// Project configuration and baselines; see include/ctxscan/findings/suppressions.h.
#include "ctxscan/findings/suppressions.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ctxscan/util/file_system.h"
#include "util/text.h"
#include "util/yaml_document.h"

namespace ctxscan {
namespace {

std::string At(std::string_view source, const YAML::Node& n, const std::string& what) {
  return std::string(source) + ":" + std::to_string(n.Mark().line + 1) + ": " + what;
}

Result<std::vector<std::string>> Strings(std::string_view source, const YAML::Node& n,
                                         const std::string& key) {
  std::vector<std::string> out;
  if (!n.IsSequence())
    return Status::Error(StatusCode::kInvalidArgument,
                         At(source, n, key + " must be a list of strings"));
  for (const YAML::Node& item : n) {
    if (!item.IsScalar())
      return Status::Error(StatusCode::kInvalidArgument,
                           At(source, item, key + " must be a list of strings"));
    out.push_back(item.as<std::string>());
  }
  return out;
}

Status CheckKeys(std::string_view source, const YAML::Node& map, const std::set<std::string>& known,
                 const std::string& where) {
  if (!map.IsMap())
    return Status::Error(StatusCode::kInvalidArgument,
                         At(source, map, where + " must be a mapping"));
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (!known.count(key)) {
      std::string what = "unknown key \"";
      what.append(key).append("\" in ").append(where);
      return Status::Error(StatusCode::kInvalidArgument, At(source, kv.first, what));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ProjectConfig> ParseProjectConfig(std::string_view yaml, std::string_view source,
                                         const std::string& base_dir) {
  ProjectConfig config;
  config.origin = std::string(source);
  Result<YAML::Node> loaded = LoadYamlDocument(yaml, source);
  if (!loaded.ok()) return loaded.status();
  const YAML::Node root = *loaded;
  if (root.IsNull()) return config;
  try {
    if (Status s = CheckKeys(source, root, {"allow", "rules"}, "the configuration"); !s.ok())
      return s;
    if (const YAML::Node allow = root["allow"]) {
      if (Status s = CheckKeys(source, allow, {"paths", "regexes", "stopwords"}, "allow"); !s.ok())
        return s;
      if (const YAML::Node n = allow["paths"]) {
        Result<std::vector<std::string>> v = Strings(source, n, "allow.paths");
        if (!v.ok()) return v.status();
        for (const std::string& p : *v) {
          Pattern pattern(p, false, 0);
          if (!pattern.error().empty()) {
            return Status::Error(
                StatusCode::kInvalidArgument,
                At(source, n, "allow.paths: invalid pattern \"" + p + "\": " + pattern.error()));
          }
          config.allow_paths.push_back(std::move(pattern));
          config.allow_path_texts.push_back(p);
        }
      }
      if (const YAML::Node n = allow["regexes"]) {
        Result<std::vector<std::string>> v = Strings(source, n, "allow.regexes");
        if (!v.ok()) return v.status();
        for (const std::string& r : *v) {
          RE2::Options options;
          options.set_log_errors(false);
          auto re = std::make_shared<const RE2>(r, options);
          if (!re->ok())
            return Status::Error(StatusCode::kInvalidArgument,
                                 At(source, n, "allow.regexes: \"" + r + "\": " + re->error()));
          config.allow_regexes.push_back(std::move(re));
        }
      }
      if (const YAML::Node n = allow["stopwords"]) {
        Result<std::vector<std::string>> v = Strings(source, n, "allow.stopwords");
        if (!v.ok()) return v.status();
        for (const std::string& w : *v) {
          if (w.empty())
            return Status::Error(StatusCode::kInvalidArgument,
                                 At(source, n, "allow.stopwords: empty stopword"));
          config.stopwords.push_back(AsciiLower(w));
        }
      }
    }
    if (const YAML::Node rules = root["rules"]) {
      if (Status s = CheckKeys(source, rules, {"disable", "severity", "extra"}, "rules"); !s.ok())
        return s;
      if (const YAML::Node n = rules["disable"]) {
        Result<std::vector<std::string>> v = Strings(source, n, "rules.disable");
        if (!v.ok()) return v.status();
        config.disabled_rules.insert(v->begin(), v->end());
      }
      if (const YAML::Node n = rules["severity"]) {
        if (!n.IsMap())
          return Status::Error(StatusCode::kInvalidArgument,
                               At(source, n, "rules.severity must map rule ids to severities"));
        for (const auto& kv : n) {
          const std::optional<Severity> s = ParseSeverity(kv.second.as<std::string>());
          if (!s) {
            return Status::Error(
                StatusCode::kInvalidArgument,
                At(source, kv.second,
                   "rules.severity: expected critical, high, medium, low or info"));
          }
          config.severity[kv.first.as<std::string>()] = *s;
        }
      }
      if (const YAML::Node n = rules["extra"]) {
        Result<std::vector<std::string>> v = Strings(source, n, "rules.extra");
        if (!v.ok()) return v.status();
        for (const std::string& p : *v) {
          std::string path = !p.empty() && p[0] == '/' ? p : base_dir;
          if (p.empty() || p[0] != '/') path.append("/").append(p);
          config.extra_rules.push_back(std::move(path));
        }
      }
    }
  } catch (const YAML::Exception& e) {
    return Status::Error(
        StatusCode::kInvalidArgument,
        std::string(source) + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return config;
}

Result<Baseline> ParseBaseline(std::string_view json, std::string_view source) {
  const std::string where(source);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range for a number too large (1e999999).
    return Status::Error(StatusCode::kInvalidArgument, where + ": not a JSON report: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array()) {
    return Status::Error(StatusCode::kInvalidArgument,
                         where + ": not a ctxscan JSON report (no \"findings\" array)");
  }
  Baseline baseline;
  if (doc.contains("hash_key_id")) {
    if (!doc["hash_key_id"].is_string()) {
      return Status::Error(StatusCode::kInvalidArgument,
                           where + ": \"hash_key_id\" is not a string");
    }
    baseline.hash_key_id = doc["hash_key_id"].get<std::string>();
  }
  for (const auto& f : doc["findings"]) {
    if (f.is_object() && f.contains("fingerprint") && f["fingerprint"].is_string()) {
      baseline.fingerprints.insert(f["fingerprint"].get<std::string>());
    }
  }
  return baseline;
}

Result<Baseline> LoadBaseline(const std::string& path) {
  // A baseline is a JSON report, which a long history makes large.
  Result<std::string> text = ReadPathFile(path, std::size_t{4} << 30, true);
  if (!text.ok()) return text.status();
  return ParseBaseline(*text, path);
}

SuppressionReport ApplySuppressions(const ProjectConfig* config,
                                    const std::set<std::string>* baseline,
                                    std::vector<Finding>* findings) {
  SuppressionReport report;
  std::vector<bool> path_used(config ? config->allow_paths.size() : 0);
  std::vector<bool> regex_used(config ? config->allow_regexes.size() : 0);
  std::vector<bool> stop_used(config ? config->stopwords.size() : 0);
  std::set<std::string> baseline_used;
  std::vector<Finding> kept;
  for (Finding& f : *findings) {
    if (config != nullptr) {
      if (config->disabled_rules.count(f.rule->id)) {
        ++report.by_config;
        continue;
      }
      if (auto it = config->severity.find(f.rule->id); it != config->severity.end())
        f.severity = it->second;
      bool dropped = false;
      for (std::size_t i = 0; i < config->allow_regexes.size() && !dropped && !f.secret.empty();
           ++i) {
        if (RE2::PartialMatch(f.secret, *config->allow_regexes[i])) dropped = regex_used[i] = true;
      }
      const std::string lower = AsciiLower(f.secret);
      for (std::size_t i = 0; i < config->stopwords.size() && !dropped && !f.secret.empty(); ++i) {
        if (lower.find(config->stopwords[i]) != std::string::npos) dropped = stop_used[i] = true;
      }
      std::erase_if(f.locations, [&](const Location& l) {
        for (std::size_t i = 0; i < config->allow_paths.size(); ++i) {
          if (config->allow_paths[i].Match(l.path) == Pattern::Outcome::kMatch) {
            path_used[i] = true;
            return true;
          }
        }
        return false;
      });
      if (dropped || f.locations.empty()) {
        ++report.by_config;
        continue;
      }
    }
    if (baseline != nullptr && baseline->count(f.fingerprint)) {
      baseline_used.insert(f.fingerprint);
      ++report.by_baseline;
      continue;
    }
    kept.push_back(std::move(f));
  }
  *findings = std::move(kept);
  if (config != nullptr) {
    for (std::size_t i = 0; i < path_used.size(); ++i) {
      if (!path_used[i])
        report.unused.push_back(config->origin + ": allow.paths \"" + config->allow_path_texts[i] +
                                "\"");
    }
    for (std::size_t i = 0; i < regex_used.size(); ++i) {
      if (!regex_used[i])
        report.unused.push_back(config->origin + ": allow.regexes \"" +
                                config->allow_regexes[i]->pattern() + "\"");
    }
    for (std::size_t i = 0; i < stop_used.size(); ++i) {
      if (!stop_used[i])
        report.unused.push_back(config->origin + ": allow.stopwords \"" + config->stopwords[i] +
                                "\"");
    }
  }
  if (baseline != nullptr) {
    for (const std::string& fp : *baseline) {
      if (!baseline_used.count(fp)) report.unused.push_back("baseline fingerprint " + fp);
    }
  }
  return report;
}

}  // namespace ctxscan
