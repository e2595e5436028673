// Loading rules from YAML; see include/ctxscan/match/rule.h and docs/rules.md.
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <set>

#include "ctxscan/match/rule.h"
#include "util/text.h"
#include "util/yaml_document.h"

namespace ctxscan {
namespace {

// Builds "source:line: rule ID: what" for a node.
std::string At(std::string_view source, const YAML::Node& node, const std::string& id,
               const std::string& what) {
  std::string s(source);
  s += ':';
  s += std::to_string(node.Mark().line + 1);
  if (!id.empty()) s += ": rule " + id;
  s += ": ";
  s += what;
  return s;
}

bool IsDottedId(const std::string& id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
  }
  return id.find('.') != std::string::npos && id.find("..") == std::string::npos;
}

class RuleReader {
 public:
  RuleReader(std::string_view source, const YAML::Node& node) : source_(source), node_(node) {}

  Result<Rule> Read() {
    if (Status s = CheckFields(); !s.ok()) return s;
    ReadTextFields();
    if (!error_.empty()) return Status::Error(error_);
    if (Status s = CheckKinds(); !s.ok()) return s;
    if (Status s = ReadLevels(); !s.ok()) return s;
    if (Status filters = ReadFilterFields(); !filters.ok()) return filters;
    return rule_;
  }

  // The rule is a mapping with a valid id, no unknown field and every
  // required one (all the missing ones named at once, in the order
  // docs/rules.md lists them).
  Status CheckFields() {
    static const std::set<std::string> kKnown = {"id",
                                                 "name",
                                                 "pattern",
                                                 "prefilter",
                                                 "path",
                                                 "requires_content",
                                                 "keywords",
                                                 "min_entropy",
                                                 "min_value_score",
                                                 "validate",
                                                 "placeholders",
                                                 "entropy_lowers",
                                                 "weak_passwords",
                                                 "content_decides",
                                                 "signature",
                                                 "signature_decides",
                                                 "signature_alone",
                                                 "content_examples",
                                                 "content_negatives",
                                                 "not_after",
                                                 "severity",
                                                 "confidence",
                                                 "category",
                                                 "description",
                                                 "remediation",
                                                 "provider",
                                                 "references",
                                                 "examples",
                                                 "negative_examples",
                                                 "low_examples",
                                                 "canonical_length"};
    if (!node_.IsMap()) return Fail(node_, "a rule must be a mapping");
    if (node_["id"]) {
      rule_.id = String("id", true);
      if (!error_.empty()) return Status::Error(error_);
      if (!IsDottedId(rule_.id)) {
        return Fail(node_["id"], "id must be lowercase, dotted (provider.kind), using a-z 0-9 . -");
      }
    }
    for (const auto& kv : node_) {
      const std::string key = kv.first.as<std::string>();
      if (!kKnown.count(key)) return Fail(kv.first, "unknown field \"" + key + "\"");
    }
    std::string missing;
    std::size_t count = 0;
    for (const char* key : {"id", "name", "severity", "category", "description", "remediation",
                            "examples", "negative_examples"}) {
      if (node_[key]) continue;
      missing += (count++ == 0 ? "" : ", ") + std::string(key);
    }
    if (count > 0)
      return Fail(node_, (count == 1 ? "missing field: " : "missing fields: ") + missing);
    return Status::Ok();
  }

  // The string and list fields; a wrong type is left in error_.
  void ReadTextFields() {
    rule_.origin = std::string(source_) + ":" + std::to_string(node_.Mark().line + 1);
    rule_.name = String("name", true);
    rule_.pattern = String("pattern", false);
    rule_.prefilter = String("prefilter", false);
    rule_.paths = List("path", false);
    rule_.requires_content = String("requires_content", false);
    rule_.keywords = List("keywords", false);
    rule_.validate = String("validate", false);
    rule_.category = String("category", true);
    rule_.description = String("description", true);
    rule_.remediation = String("remediation", true);
    rule_.provider = String("provider", false);
    if (rule_.provider.empty()) rule_.provider = rule_.id.substr(0, rule_.id.find('.'));
    rule_.references = List("references", false);
    rule_.examples = List("examples", true);
    rule_.negative_examples = List("negative_examples", true);
    rule_.low_examples = List("low_examples", false);
    rule_.not_after = List("not_after", false);
  }

  // A content rule or a file rule, with the fields of its kind, its
  // examples, and a known validator.
  Status CheckKinds() {
    if (rule_.pattern.empty() == rule_.paths.empty()) {
      return Fail(node_, "a rule needs exactly one of \"pattern\" (content) and \"path\" (file)");
    }
    if (!rule_.prefilter.empty() && rule_.pattern.empty()) {
      return Fail(node_["prefilter"], "prefilter is for content rules");
    }
    if (!rule_.requires_content.empty() && rule_.paths.empty()) {
      return Fail(node_["requires_content"], "requires_content is for file rules");
    }
    if (rule_.examples.size() < 2) return Fail(node_, "at least two examples are required");
    if (rule_.negative_examples.empty())
      return Fail(node_, "at least one negative example is required");
    if (!rule_.validate.empty()) {
      const auto& known = KnownValidators();
      if (std::find(known.begin(), known.end(), rule_.validate) == known.end()) {
        return Fail(node_["validate"], "unknown validator \"" + rule_.validate + "\"");
      }
    }
    return Status::Ok();
  }

  // severity and confidence.
  Status ReadLevels() {
    if (const YAML::Node n = node_["severity"]) {
      const std::optional<Severity> s = ParseSeverity(n.as<std::string>());
      if (!s) return Fail(n, "severity must be critical, high, medium, low or info");
      rule_.severity = *s;
    }
    if (const YAML::Node n = node_["confidence"]) {
      const std::optional<Confidence> c = ParseConfidence(n.as<std::string>());
      if (!c) return Fail(n, "confidence must be high, medium or low");
      rule_.confidence = *c;
    }
    return Status::Ok();
  }

  // Reads the optional numeric and boolean filter fields (min_entropy,
  // min_value_score, placeholders) into rule_.
  Status ReadFilterFields() {
    if (const YAML::Node n = node_["min_entropy"]) {
      try {
        rule_.min_entropy = n.as<double>();
      } catch (const YAML::Exception&) {
        return Fail(n, "min_entropy must be a number");
      }
      if (rule_.min_entropy < 0 || rule_.min_entropy > 8)
        return Fail(n, "min_entropy must be in 0..8");
    }
    if (const YAML::Node n = node_["min_value_score"]) {
      try {
        rule_.min_value_score = n.as<double>();
      } catch (const YAML::Exception&) {
        return Fail(n, "min_value_score must be a number");
      }
      if (rule_.min_value_score < 0 || rule_.min_value_score > 16)
        return Fail(n, "min_value_score must be in 0..16");
    }
    if (Status s = ReadCanonicalLengths(); !s.ok()) return s;
    if (const YAML::Node n = node_["content_decides"]) {
      try {
        rule_.content_decides = n.as<bool>();
      } catch (const YAML::Exception&) {
        return Fail(n, "content_decides must be true or false");
      }
      if (rule_.paths.empty()) return Fail(n, "content_decides is for file rules");
    }
    if (Status s = ReadSignature(); !s.ok()) return s;
    if (const YAML::Node n = node_["entropy_lowers"]) {
      try {
        rule_.entropy_lowers = n.as<bool>();
      } catch (const YAML::Exception&) {
        return Fail(n, "entropy_lowers must be true or false");
      }
    }
    if (const YAML::Node n = node_["weak_passwords"]) {
      try {
        rule_.weak_passwords = n.as<bool>();
      } catch (const YAML::Exception&) {
        return Fail(n, "weak_passwords must be true or false");
      }
    }
    if (const YAML::Node n = node_["placeholders"]) {
      try {
        rule_.placeholders = n.as<bool>();
      } catch (const YAML::Exception&) {
        return Fail(n, "placeholders must be true or false");
      }
    }
    return Status::Ok();
  }

 private:
  // signature (a string) and signature_decides (needs a signature): file
  // rules only.
  Status ReadSignature() {
    if (const YAML::Node n = node_["signature"]) {
      if (!n.IsScalar()) return Fail(n, "signature must be a string (an RE2 pattern)");
      rule_.signature = n.as<std::string>();
      if (rule_.paths.empty()) return Fail(n, "signature is for file rules");
      if (rule_.signature.empty()) return Fail(n, "signature must not be empty");
    }
    for (auto [key, field] : {std::pair{"signature_decides", &rule_.signature_decides},
                              std::pair{"signature_alone", &rule_.signature_alone}}) {
      const YAML::Node n = node_[key];
      if (!n) continue;
      try {
        *field = n.as<bool>();
      } catch (const YAML::Exception&) {
        return Fail(n, std::string(key) + " must be true or false");
      }
      if (rule_.signature.empty()) return Fail(n, std::string(key) + " needs a signature");
    }
    for (auto [key, out] : {std::pair{"content_examples", &rule_.content_examples},
                            std::pair{"content_negatives", &rule_.content_negatives}}) {
      for (const std::string& text : List(key, false)) {
        std::optional<std::string> bytes = DecodeEscapes(text);
        if (!bytes) return Fail(node_[key], std::string(key) + ": bad escape in \"" + text + "\"");
        out->push_back(std::move(*bytes));
      }
      if (!error_.empty()) return Status::Error(error_);
      if (!out->empty() && rule_.signature.empty()) {
        return Fail(node_[key], std::string(key) + " needs a signature");
      }
    }
    if (!rule_.signature.empty() &&
        (rule_.content_examples.empty() || rule_.content_negatives.empty())) {
      return Fail(node_["signature"], "a signature needs content_examples and content_negatives");
    }
    return Status::Ok();
  }

  // Decodes \xHH, \n, \r, \t, \0 and \\ in `text`; nullopt on another escape.
  static std::optional<std::string> DecodeEscapes(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\\') {
        out += text[i];
        continue;
      }
      if (++i == text.size()) return std::nullopt;
      switch (text[i]) {
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case '0':
          out += '\0';
          break;
        case '\\':
          out += '\\';
          break;
        case 'x': {
          const int hi = i + 1 < text.size() ? HexDigit(text[i + 1]) : -1;
          const int lo = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
          if (hi < 0 || lo < 0) return std::nullopt;
          out += static_cast<char>(hi * 16 + lo);
          i += 2;
          break;
        }
        default:
          return std::nullopt;
      }
    }
    return out;
  }

  Status Fail(const YAML::Node& n, const std::string& what) {
    return Status::Error(StatusCode::kInvalidArgument,
                         At(source_, n.IsDefined() ? n : node_, rule_.id, what));
  }

  // canonical_length: a list of lengths ("40") and inclusive ranges
  // ("100-115"), content rules only.
  Status ReadCanonicalLengths() {
    const YAML::Node n = node_["canonical_length"];
    if (!n) return Status::Ok();
    if (rule_.pattern.empty()) return Fail(n, "canonical_length is for content rules");
    for (const std::string& item : List("canonical_length", false)) {
      const std::size_t dash = item.find('-');
      const std::string lo_text = item.substr(0, dash);
      const std::string hi_text = dash == std::string::npos ? lo_text : item.substr(dash + 1);
      std::uint32_t lo = 0;
      std::uint32_t hi = 0;
      const auto [lo_end, lo_err] =
          std::from_chars(lo_text.data(), lo_text.data() + lo_text.size(), lo);
      const auto [hi_end, hi_err] =
          std::from_chars(hi_text.data(), hi_text.data() + hi_text.size(), hi);
      if (lo_err != std::errc() || hi_err != std::errc() ||
          lo_end != lo_text.data() + lo_text.size() || hi_end != hi_text.data() + hi_text.size() ||
          lo == 0 || hi < lo) {
        return Fail(n, "canonical_length must list lengths (40) and ranges (100-115), not \"" +
                           item + "\"");
      }
      rule_.canonical_lengths.emplace_back(lo, hi);
    }
    return error_.empty() ? Status::Ok() : Status::Error(error_);
  }

  std::string String(const char* key, bool required) {
    const YAML::Node n = node_[key];
    if (!n) {
      if (required && error_.empty())
        error_ = At(source_, node_, rule_.id, std::string("missing field: ") + key);
      return "";
    }
    if (!n.IsScalar()) {
      if (error_.empty()) error_ = At(source_, n, rule_.id, std::string(key) + " must be a string");
      return "";
    }
    return n.as<std::string>();
  }

  std::vector<std::string> List(const char* key, bool required) {
    std::vector<std::string> out;
    const YAML::Node n = node_[key];
    if (!n) {
      if (required && error_.empty())
        error_ = At(source_, node_, rule_.id, std::string("missing field: ") + key);
      return out;
    }
    if (n.IsScalar()) {
      out.push_back(n.as<std::string>());
      return out;
    }
    if (!n.IsSequence()) {
      if (error_.empty())
        error_ = At(source_, n, rule_.id, std::string(key) + " must be a list of strings");
      return out;
    }
    for (const YAML::Node& item : n) {
      if (!item.IsScalar()) {
        if (error_.empty())
          error_ = At(source_, item, rule_.id, std::string(key) + " must be a list of strings");
        return out;
      }
      out.push_back(item.as<std::string>());
    }
    return out;
  }

  std::string_view source_;
  const YAML::Node& node_;
  Rule rule_;
  std::string error_;
};

}  // namespace

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "high";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  for (Severity v :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (SeverityName(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view ConfidenceName(Confidence c) {
  switch (c) {
    case Confidence::kLow:
      return "low";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kHigh:
      return "high";
  }
  return "medium";
}

std::optional<Confidence> ParseConfidence(std::string_view s) {
  for (Confidence v : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh}) {
    if (ConfidenceName(v) == s) return v;
  }
  return std::nullopt;
}

Result<std::vector<Rule>> ParseRuleFile(std::string_view yaml, std::string_view source) {
  Result<YAML::Node> loaded = LoadYamlDocument(yaml, source);
  if (!loaded.ok()) return loaded.status();
  const YAML::Node root = *loaded;
  if (!root.IsMap() || !root["rules"] || !root["rules"].IsSequence()) {
    return Status::Error(std::string(source) + ":1: expected a top-level \"rules:\" list");
  }
  for (const auto& kv : root) {
    const std::string where = std::string(source) + ":" + std::to_string(kv.first.Mark().line + 1);
    if (!kv.first.IsScalar()) return Status::Error(where + ": a key must be a string");
    if (kv.first.as<std::string>() != "rules") {
      return Status::Error(where + ": unknown top-level key \"" + kv.first.as<std::string>() +
                           "\"");
    }
  }
  std::vector<Rule> rules;
  for (const YAML::Node& node : root["rules"]) {
    try {
      RuleReader reader(source, node);
      Result<Rule> r = reader.Read();
      if (!r.ok()) return r.status();
      rules.push_back(std::move(r).value());
    } catch (const YAML::Exception& e) {
      return Status::Error(std::string(source) + ":" + std::to_string(e.mark.line + 1) + ": " +
                           e.msg);
    }
  }
  return rules;
}

}  // namespace ctxscan
