// Compose findings; see src/compose/compose_analysis.h.
//
// The document is walked along the few paths that matter and nothing else:
// services.*.environment, services.*.build.args and services.*.env_file.
// Every mapping on the way is read as compose reads it, through its merge
// keys (`<<: *defaults`, `<<: [*a, *b]`): its own keys first, then each
// merged map's, the first one seen winning. An alias can make a map merge
// itself (`&a {<<: *a}`), so each map is merged at most once per read and
// at most kMaxMerged maps are merged into one: never a loop. Aliases still
// let a small document name a big map many times (a thousand services
// aliasing one thousand-key environment), so every entry read counts
// against kMaxEntries, and a document that needs more is an error rather
// than a hang. Every node's type is checked before it is read, so a list
// where a map belongs is skipped rather than thrown about.
#include "compose/compose_analysis.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ctxscan/match/filters.h"
#include "findings/built_in_rules.h"
#include "util/go_path.h"
#include "util/text.h"
#include "util/yaml_document.h"

namespace ctxscan {
namespace {

// As src/dockerfile/analysis.cc builds its rules, in category compose.
Rule MakeRule(std::string id, std::string name, Severity severity, std::string description,
              std::string remediation) {
  return MakeBuiltInRule(std::move(id), std::move(name), severity, std::string(kComposeCategory),
                         std::move(description), std::move(remediation));
}

// The 1-based line where `node` starts; 0 when yaml-cpp does not know.
int LineOf(const YAML::Node& node) {
  const int line = node.Mark().line;
  return line < 0 || line == INT_MAX ? 0 : line + 1;
}

// A mapping's entries by key, as compose reads it (merge keys followed).
using Entries = std::map<std::string, YAML::Node, std::less<>>;

constexpr std::size_t kMaxMerged = 64;
// Entries (map entries and list items, each time an alias or merge key
// makes them read again) that one document may take; real files take a few
// thousand.
constexpr std::size_t kMaxEntries = 200000;

// `<<` written plainly; a quoted "<<" is an ordinary key.
bool IsMergeKey(const YAML::Node& key) {
  return key.IsScalar() && key.Scalar() == "<<" && key.Tag() != "!";
}

void CollectEntries(const YAML::Node& map, std::vector<YAML::Node>* seen, std::size_t* budget,
                    Entries* out) {
  if (!map.IsMap() || seen->size() >= kMaxMerged) return;
  if (std::any_of(seen->begin(), seen->end(), [&](const YAML::Node& s) { return s.is(map); })) {
    return;
  }
  seen->push_back(map);
  std::vector<YAML::Node> merged;
  for (const auto& kv : map) {
    if (*budget == 0) return;
    --*budget;
    if (IsMergeKey(kv.first)) {
      if (kv.second.IsSequence()) {
        for (const YAML::Node& m : kv.second) merged.push_back(m);
      } else {
        merged.push_back(kv.second);
      }
    } else if (kv.first.IsScalar()) {
      out->emplace(kv.first.Scalar(), kv.second);  // a key set earlier wins
    }
  }
  for (const YAML::Node& m : merged) CollectEntries(m, seen, budget, out);
}

// The entries of `node`; none when it is not a mapping.
Entries EntriesOf(const YAML::Node& node, std::size_t* budget) {
  std::vector<YAML::Node> seen;
  Entries out;
  CollectEntries(node, &seen, budget, &out);
  return out;
}

// The value of `key` in `entries`; a null node when absent.
YAML::Node Get(const Entries& entries, std::string_view key) {
  const auto it = entries.find(key);
  return it == entries.end() ? YAML::Node() : it->second;
}

// The string compose makes of `raw` after interpolation, when it has none:
// `$$` is a literal `$`; `$NAME` and `${...}` interpolate (nullopt); a `$`
// before anything else stays as it is (compose's template pattern does not
// match there).
// The default of a whole-value interpolation with a literal default:
// `${NAME:-value}` or `${NAME-value}` (the file holds `value` whenever NAME
// is not set). Nothing for any other form, or a default that interpolates.
std::optional<std::string> LiteralDefault(std::string_view raw) {
  if (raw.size() < 4 || raw.substr(0, 2) != "${" || raw.back() != '}') return std::nullopt;
  std::size_t i = 2;
  while (i < raw.size() && (raw[i] == '_' || (raw[i] >= 'a' && raw[i] <= 'z') ||
                            (raw[i] >= 'A' && raw[i] <= 'Z') || (raw[i] >= '0' && raw[i] <= '9'))) {
    ++i;
  }
  if (i == 2) return std::nullopt;
  if (raw.substr(i, 2) == ":-") {
    i += 2;
  } else if (raw.substr(i, 1) == "-") {
    i += 1;
  } else {
    return std::nullopt;
  }
  const std::string_view def = raw.substr(i, raw.size() - 1 - i);
  if (def.find_first_of("${}") != std::string_view::npos) return std::nullopt;
  return std::string(def);
}

std::optional<std::string> Literal(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
    if (raw[i] != '$') {
      out += raw[i];
    } else if (next == '$') {
      out += '$';
      ++i;
    } else if (next == '{' || next == '_' || (next >= 'a' && next <= 'z') ||
               (next >= 'A' && next <= 'Z')) {
      return std::nullopt;
    } else {
      out += '$';
    }
  }
  return out;
}

// Whether the last word of `name` says the variable is a setting beside a
// secret (POSTGRES_HOST_AUTH_METHOD=trust, TLS_AUTH_CLIENTS_USER=CN), not
// the secret that BuildKit's test reads into AUTH.
bool NamesASettingBesideASecret(std::string_view name) {
  static const std::set<std::string, std::less<>> kLast = {"method", "mode", "user", "username",
                                                           "type"};
  const std::size_t underscore = name.rfind('_');
  if (underscore == std::string_view::npos) return false;
  return kLast.count(AsciiLower(name.substr(underscore + 1))) != 0;
}

// Walks one compose document and collects its findings.
class ComposeWalker {
 public:
  ComposeWalker(std::string_view path, const std::set<std::string>& sent,
                const std::vector<Finding>& findings)
      : path_(path), dir_(go::Dir(path)), sent_(sent), path_sent_(sent.count(path_) != 0) {
    for (const Finding& f : findings) {
      if (f.secret.empty() || IsBuildAnalysis(f.kind)) continue;
      for (const Location& l : f.locations) {
        if (l.path == path_ && !l.git) found_.emplace(l.line, &f.secret);
      }
    }
  }

  void Document(const YAML::Node& root) {
    for (const auto& [name, service] : Map(Get(Map(root), "services"))) {
      Service(name, service);
    }
  }

  // Whether the document took more than kMaxEntries (the findings are then
  // incomplete).
  bool exhausted() const { return budget_ == 0; }

  std::vector<Finding> Take() { return std::move(out_); }

 private:
  Entries Map(const YAML::Node& node) { return EntriesOf(node, &budget_); }

  // Takes one entry from the budget; false when there is none left.
  bool Spend() {
    if (budget_ == 0) return false;
    --budget_;
    return true;
  }

  void Service(const std::string& name, const YAML::Node& service) {
    const Entries entries = Map(service);
    Variables(ComposeRule("compose.secret-in-environment"), "in the environment of service " + name,
              Get(entries, "environment"));
    Variables(ComposeRule("compose.secret-in-build-args"),
              "in the build arguments of service " + name, Get(Map(Get(entries, "build")), "args"));
    const YAML::Node env_file = Get(entries, "env_file");
    if (!env_file.IsSequence()) {
      EnvFile(name, env_file);
      return;
    }
    for (const YAML::Node& item : env_file) {
      if (!Spend()) return;
      if (item.IsMap()) {
        EnvFile(name, Get(Map(item), "path"));  // newer compose: {path: F, required: B}
      } else {
        EnvFile(name, item);
      }
    }
  }

  // `vars` in map form (`KEY: value`) or list form (`- KEY=value`). A key
  // without a value (`KEY:`, `- KEY`) passes the caller's value through.
  void Variables(const Rule& rule, const std::string& where, const YAML::Node& vars) {
    if (vars.IsSequence()) {
      for (const YAML::Node& item : vars) {
        if (!Spend()) return;
        if (!item.IsScalar()) continue;
        const std::string& text = item.Scalar();
        const std::size_t eq = text.find('=');
        if (eq == std::string::npos) continue;
        Variable(rule, where, text.substr(0, eq), std::string_view(text).substr(eq + 1),
                 LineOf(item));
      }
      return;
    }
    for (const auto& [name, value] : Map(vars)) {
      if (value.IsScalar()) Variable(rule, where, name, value.Scalar(), LineOf(value));
    }
  }

  void Variable(const Rule& rule, const std::string& where, std::string_view name,
                std::string_view raw, int line) {
    if (!NameSaysSecret(name) || NamesASettingBesideASecret(name)) return;
    std::optional<std::string> value = Literal(raw);
    if (!value) value = LiteralDefault(raw);
    if (!value || value->empty() || LooksLikePlaceholder(*value) || Covered(raw, line)) return;
    Finding f = MakeBuiltInFinding(rule, *value, Here(line));
    f.kind = FindingKind::kCompose;
    f.detail = std::string(name) + " " + where;
    Add(std::move(f), *value);
  }

  // Whether a content finding on the lines `raw` may span holds it or is
  // part of it. yaml-cpp marks only where a value starts (a block scalar:
  // at its `|` or `>`); a folded or multi-line plain value turned line
  // breaks into spaces, so each newline or space may have been one.
  bool Covered(std::string_view raw, int line) const {
    const auto breaks =
        std::count_if(raw.begin(), raw.end(), [](char c) { return c == '\n' || c == ' '; });
    const auto last = static_cast<std::uint64_t>(line) + static_cast<std::uint64_t>(breaks) + 1;
    for (auto it = found_.lower_bound(static_cast<std::uint64_t>(line));
         it != found_.end() && it->first <= last; ++it) {
      const std::string& secret = *it->second;
      if (raw.find(secret) != std::string_view::npos || secret.find(raw) != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  // One env_file entry: reported when it resolves to a file the context sends.
  void EnvFile(const std::string& service, const YAML::Node& entry) {
    if (!entry.IsScalar()) return;
    const std::optional<std::string> file = Literal(entry.Scalar());
    if (!file || file->empty() || file->front() == '/') return;
    const std::string resolved = go::Clean(dir_ + "/" + *file);
    if (resolved == "." || resolved == ".." || resolved.rfind("../", 0) == 0 ||
        sent_.count(resolved) == 0) {
      return;
    }
    const int line = LineOf(entry);
    const Rule& rule = ComposeRule("compose.env-file-in-context");
    Finding f = MakeBuiltInFinding(rule, "", Here(line));
    f.kind = FindingKind::kCompose;
    // Two entries may share a line (`env_file: [a.env, b.env]`).
    f.identity = resolved + '\0' + path_ + '\0' + std::to_string(line);
    f.detail =
        "service " + service + " reads env file " + resolved + ", which the build context sends";
    f.about_file = resolved;
    Add(std::move(f), resolved);
  }

  Location Here(int line) const {
    Location l = LineLocation(path_, line);
    l.sent = path_sent_;
    return l;
  }

  // Adds `f` unless the same rule reported `what` on the same line (a
  // value merged into several services is written once).
  void Add(Finding f, const std::string& what) {
    if (reported_.emplace(f.rule->id, what, f.locations[0].line).second) {
      out_.push_back(std::move(f));
    }
  }

  const std::string path_;
  const std::string dir_;
  const std::set<std::string>& sent_;
  const bool path_sent_;
  std::multimap<std::uint64_t, const std::string*> found_;  // content secrets by line
  std::set<std::tuple<std::string, std::string, std::uint64_t>> reported_;
  std::vector<Finding> out_;
  std::size_t budget_ = kMaxEntries;
};

}  // namespace

bool IsComposeFile(std::string_view path) {
  const std::string_view name = go::Base(path);
  for (const std::string_view stem : {"docker-compose", "compose"}) {
    if (!name.starts_with(stem)) continue;
    std::string_view rest = name.substr(stem.size());
    if (rest.ends_with(".yml")) {
      rest.remove_suffix(4);
    } else if (rest.ends_with(".yaml")) {
      rest.remove_suffix(5);
    } else {
      continue;
    }
    // Nothing between stem and extension, or ".SOMETHING".
    if (rest.empty() || (rest.size() >= 2 && rest.front() == '.')) return true;
  }
  return false;
}

const std::vector<Rule>& ComposeRules() {
  static const std::vector<Rule> rules = {
      MakeRule("compose.secret-in-environment", "Secret in a compose service's environment",
               Severity::kHigh,
               "A compose file sets a variable whose name says it holds a secret to a literal "
               "value in a service's `environment:`; the secret is in the source tree, in the "
               "build context, and in `docker inspect` of the container.",
               "Rotate the secret and hand it to the service as a compose secret (a top-level "
               "`secrets:` entry with `file:` or `environment:`, listed in the service's "
               "`secrets:`; the service reads /run/secrets/NAME), or interpolate it from the "
               "environment (`KEY: ${KEY}`) "
               "(https://docs.docker.com/compose/how-tos/use-secrets/)."),
      MakeRule("compose.secret-in-build-args", "Secret in a compose service's build arguments",
               Severity::kHigh,
               "A compose file passes a literal value as a build argument whose name says it "
               "holds a secret; build arguments are recorded in the image's history, visible "
               "to anyone who pulls the image.",
               "Rotate the secret and pass it as a build secret (the service's `build: "
               "secrets:` with a top-level `secrets:` entry, read in the Dockerfile with "
               "`RUN --mount=type=secret,id=NAME`) "
               "(https://docs.docker.com/build/building/secrets/)."),
      MakeRule("compose.env-file-in-context", "Compose env file sent in the build context",
               Severity::kMedium,
               "A service reads its environment from an env file that the build context sends "
               "to the builder; such files hold the service's secrets, and a broad COPY puts "
               "them in the image.",
               "Exclude the env file in .dockerignore (`ctxscan dockerignore suggest` writes the "
               "line), or keep it outside the build context."),
  };
  return rules;
}

const Rule& ComposeRule(std::string_view id) { return RuleById(ComposeRules(), id); }

Result<std::vector<Finding>> AnalyzeCompose(std::string_view path, std::string_view text,
                                            const std::set<std::string>& sent_paths,
                                            const std::vector<Finding>& findings) {
  ComposeWalker walker(path, sent_paths, findings);
  try {
    Result<YAML::Node> root = LoadYamlDocument(text, path);
    if (!root.ok()) return root.status();
    walker.Document(*root);
    if (walker.exhausted()) {
      return Status::Error(std::string(path) + ": too big to analyse: aliases and merge keys " +
                           "make it more than " + std::to_string(kMaxEntries) + " entries");
    }
  } catch (const YAML::Exception& e) {  // not expected: every node's type is checked first
    return Status::Error(std::string(path) + ": invalid compose file: " + e.msg);
  }
  return walker.Take();
}

}  // namespace ctxscan
