// Built-in rule helpers; see src/findings/built_in_rules.h.
#include "findings/built_in_rules.h"

#include <cstdlib>
#include <set>

#include "util/text.h"

namespace ctxscan {

Rule MakeBuiltInRule(std::string id, std::string name, Severity severity, std::string category,
                     std::string description, std::string remediation) {
  Rule r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.severity = severity;
  r.confidence = Confidence::kHigh;
  r.category = std::move(category);
  r.description = std::move(description);
  r.remediation = std::move(remediation);
  r.origin = "(built in)";
  return r;
}

Location LineLocation(std::string_view path, int line) {
  Location l;
  l.path = std::string(path);
  l.line = static_cast<std::uint64_t>(line);
  l.column = line > 0 ? 1 : 0;
  l.char_column = l.column;
  return l;
}

Finding MakeBuiltInFinding(const Rule& rule, std::string secret, Location location) {
  Finding f;
  f.rule = &rule;
  f.kind = FindingKind::kDockerfile;
  f.severity = rule.severity;
  f.confidence = rule.confidence;
  f.secret = std::move(secret);
  f.locations.push_back(std::move(location));
  f.identity = f.locations[0].path + '\0' + std::to_string(f.locations[0].line);
  return f;
}

const Rule& RuleById(const std::vector<Rule>& rules, std::string_view id) {
  for (const Rule& r : rules) {
    if (r.id == id) return r;
  }
  std::abort();  // a built-in rule id that does not exist: a programming error
}

bool NameSaysSecret(std::string_view name) {
  static const std::set<std::string> kSecret = {"apikey", "auth",     "credential", "credentials",
                                                "key",    "password", "pword",      "passwd",
                                                "secret", "token"};
  static const std::set<std::string> kAllow = {"public", "file", "version"};
  bool secret = false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('_', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string word = AsciiLower(name.substr(start, end - start));
    if (kAllow.count(word) != 0) return false;
    secret = secret || kSecret.count(word) != 0;
    start = end + 1;
  }
  return secret;
}

}  // namespace ctxscan
