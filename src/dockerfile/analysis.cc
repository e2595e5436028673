// Dockerfile findings; see include/ctxscan/dockerfile/analysis.h.
#include "ctxscan/dockerfile/analysis.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "ctxscan/context/go_glob.h"
#include "ctxscan/match/filters.h"
#include "ctxscan/util/sha256.h"
#include "util/text.h"

namespace ctxscan {
namespace {

Rule MakeRule(std::string id, std::string name, Severity severity, std::string description,
              std::string remediation) {
  Rule r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.severity = severity;
  r.confidence = Confidence::kHigh;
  r.category = "dockerfile";
  r.description = std::move(description);
  r.remediation = std::move(remediation);
  r.origin = "(built in)";
  return r;
}

const Instruction* InstructionAt(const Dockerfile& df, std::uint64_t line, std::size_t* index) {
  for (std::size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    if (static_cast<std::uint64_t>(ins.line) <= line &&
        line <= static_cast<std::uint64_t>(ins.end_line)) {
      *index = i;
      return &ins;
    }
  }
  return nullptr;
}

// Whether instruction `i` is part of what the build runs.
bool Built(const Build& build, std::size_t i) {
  const int stage = build.stage_of[i];
  return stage < 0 || build.stages[static_cast<std::size_t>(stage)].needed;
}

// A whole-instruction location: its first line, column 1.
Location AtInstruction(std::string_view path, const Instruction& ins) {
  Location l;
  l.path = std::string(path);
  l.line = static_cast<std::uint64_t>(ins.line);
  l.column = 1;
  l.char_column = 1;
  return l;
}

Finding Make(const Rule& rule, std::string secret, Location location) {
  Finding f;
  f.rule = &rule;
  f.kind = FindingKind::kDockerfile;
  f.severity = rule.severity;
  f.secret = std::move(secret);
  if (!f.secret.empty()) f.secret_sha256 = Sha256Hex(f.secret);
  f.locations.push_back(std::move(location));
  f.fingerprint = Sha256Hex(rule.id + '\0' + f.secret_sha256 + '\0' + f.locations[0].path + '\0' +
                            std::to_string(f.locations[0].line));
  return f;
}

}  // namespace

const std::vector<Rule>& DockerfileRules() {
  static const std::vector<Rule> rules = {
      MakeRule("dockerfile.secret-in-image", "Secret baked into the image", Severity::kCritical,
               "A secret on an ENV, ARG, LABEL or RUN line of a stage the build runs is stored in "
               "the image's configuration or in a layer: `docker history` and `docker inspect` "
               "show it to anyone who can pull the image.",
               "Rotate the secret, then pass it at build time as a BuildKit secret "
               "(RUN --mount=type=secret,id=NAME; docker build --secret id=NAME,src=FILE) or at "
               "run time as an environment variable, never in the Dockerfile "
               "(https://docs.docker.com/build/building/secrets/)."),
      MakeRule("dockerfile.run-inline-credential", "Credential on a RUN command line",
               Severity::kHigh,
               "A RUN instruction passes a literal password or key on a command line (curl -u "
               "user:pass, --password VALUE, aws configure set ...); the command line is stored "
               "in the image's history.",
               "Rotate the credential and read it from a BuildKit secret mount inside the RUN "
               "(RUN --mount=type=secret,id=NAME ... $(cat /run/secrets/NAME)) "
               "(https://docs.docker.com/build/building/secrets/)."),
      MakeRule("dockerfile.no-dockerignore", "No .dockerignore while sensitive files are sent",
               Severity::kMedium,
               "The build context has no .dockerignore, and files holding secrets or sensitive "
               "files are sent to the builder with everything else.",
               "Add a .dockerignore that excludes them (.env*, keys, credentials, .git), and "
               "prefer an allow-list: `*` then `!` the paths the build needs "
               "(https://docs.docker.com/build/concepts/context/#dockerignore-files)."),
      MakeRule("dockerfile.secret-named-variable", "Secret-named ARG or ENV with a literal value",
               Severity::kHigh,
               "An ARG or ENV whose name says it holds a secret is given a literal value in the "
               "Dockerfile; BuildKit warns about such names (SecretsUsedInArgOrEnv) because their "
               "values persist in the image.",
               "Remove the value from the Dockerfile and use a BuildKit secret mount instead "
               "(https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)."),
  };
  return rules;
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

std::vector<Finding> AnalyzeDockerfile(const Dockerfile& df, const Build& build,
                                       std::string_view path,
                                       const std::vector<Finding>& findings) {
  std::vector<Finding> out;
  const Rule& in_image = DockerfileRules()[0];
  const Rule& inline_credential = DockerfileRules()[1];
  const Rule& named = DockerfileRules()[3];
  static const std::set<std::string> kBaked = {"ENV", "ARG", "LABEL", "RUN"};
  std::set<std::pair<std::string, std::uint64_t>> reported;  // (secret, line)
  for (const Finding& f : findings) {
    if (f.secret.empty()) continue;
    for (const Location& l : f.locations) {
      if (l.path != path || l.git) continue;
      std::size_t index = 0;
      const Instruction* ins = InstructionAt(df, l.line, &index);
      if (ins == nullptr || kBaked.count(ins->keyword) == 0 || !Built(build, index)) continue;
      if (!reported.emplace(f.secret, static_cast<std::uint64_t>(ins->line)).second) continue;
      // Keyed by the instruction's first line; every line it spans counts.
      for (int k = ins->line + 1; k <= ins->end_line; ++k) {
        reported.emplace(f.secret, static_cast<std::uint64_t>(k));
      }
      out.push_back(Make(in_image, f.secret, l));
    }
  }
  // Credentials passed on RUN command lines.
  static const RE2 kInline(
      "(?:\\bcurl\\b[^\\n]*?\\s(?:-u|--user)[= ]?\\s*[\"']?[^\\s:\"'$]+:"
      "|\\s--password(?:=|\\s+)[\"']?"
      "|\\baws\\s+configure\\s+set\\s+aws_(?:secret_access_key|access_key_id|session_token)\\s+"
      "[\"']?)([^\\s\"'$;|&]{4,})",
      RE2::Latin1);
  for (std::size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    if (ins.keyword != "RUN" || !Built(build, i)) continue;
    std::string text = ins.args;
    for (const std::string& a : ins.json_args) text += " " + a;
    re2::StringPiece input(text);
    std::string value;
    while (RE2::FindAndConsume(&input, kInline, &value)) {
      if (LooksLikePlaceholder(value)) continue;
      bool covered = false;
      for (int l = ins.line; l <= ins.end_line && !covered; ++l) {
        for (const auto& [secret, line] : reported) {
          covered = covered || (line == static_cast<std::uint64_t>(l) &&
                                secret.find(value) != std::string::npos);
        }
      }
      if (covered) continue;
      out.push_back(Make(inline_credential, value, AtInstruction(path, ins)));
    }
  }
  for (std::size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    if ((ins.keyword != "ARG" && ins.keyword != "ENV") || !Built(build, i)) continue;
    Result<std::vector<std::pair<std::string, std::string>>> kv =
        ParseKeyValues(ins.args, df.escape, ins.keyword == "ENV");
    if (!kv.ok()) continue;
    for (const auto& [name, value] : *kv) {
      if (!NameSaysSecret(name) || value.empty() || value.find('$') != std::string::npos ||
          LooksLikePlaceholder(value)) {
        continue;
      }
      // Already reported as a secret baked into the image: one finding is enough.
      if (reported.count({value, static_cast<std::uint64_t>(ins.line)}) != 0) continue;
      out.push_back(Make(named, value, AtInstruction(path, ins)));
    }
  }
  return out;
}

namespace {

// Whether context path `path` is named by COPY source `src` (cleaned).
bool SourceNames(std::string_view src, std::string_view path) {
  if (src.empty()) return true;
  if (path == src ||
      (path.size() > src.size() && path.substr(0, src.size()) == src && path[src.size()] == '/')) {
    return true;
  }
  if (src.find_first_of("*?[\\") == std::string_view::npos) return false;
  // Match the path's first as many components as the source has.
  const auto components = static_cast<std::size_t>(std::count(src.begin(), src.end(), '/')) + 1;
  std::size_t cut = 0;
  for (std::size_t c = 0; c < components; ++c) {
    cut = path.find('/', cut == 0 && c == 0 ? 0 : cut + 1);
    if (cut == std::string_view::npos) {
      cut = path.size();
      if (c + 1 < components) return false;
      break;
    }
  }
  return go::Match(src, path.substr(0, cut)).matched;
}

}  // namespace

void MarkImagePresence(const Build& build, std::vector<Finding>* findings) {
  const std::size_t n = build.stages.size();
  if (build.target < 0) return;
  // Stages whose files end up in the final image: the target, its bases,
  // and what they COPY --from, transitively.
  std::vector<bool> shipped(n, false);
  std::vector<int> todo;
  for (int s = build.target; s >= 0; s = build.stages[static_cast<std::size_t>(s)].base_stage) {
    todo.push_back(s);
  }
  while (!todo.empty()) {
    const auto s = static_cast<std::size_t>(todo.back());
    todo.pop_back();
    if (shipped[s]) continue;
    shipped[s] = true;
    for (const int from : build.stages[s].copies_from) todo.push_back(from);
  }
  auto names = [](const std::vector<std::string>& patterns, std::string_view path) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return SourceNames(p, path); });
  };
  for (Finding& f : *findings) {
    bool final = false;
    for (Location& l : f.locations) {
      if (l.git || !l.sent) continue;
      l.in_image = "no";
      for (std::size_t s = 0; s < n && l.in_image != "final"; ++s) {
        if (!build.stages[s].needed) continue;
        for (const ContextCopy& copy : build.stages[s].context_copies) {
          if (names(copy.sources, l.path) && !names(copy.excludes, l.path)) {
            l.in_image = shipped[s] ? "final" : "intermediate";
            break;
          }
        }
      }
      final = final || l.in_image == "final";
    }
    if (final && f.severity < Severity::kCritical) {
      f.severity = static_cast<Severity>(static_cast<int>(f.severity) + 1);
    }
  }
}

std::vector<Finding> CheckIgnoreFile(bool has_ignore_file, const std::vector<Finding>& findings) {
  if (has_ignore_file) return {};
  const bool sent = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.kind == FindingKind::kFile &&
           std::any_of(f.locations.begin(), f.locations.end(),
                       [](const Location& l) { return l.sent && !l.git; });
  });
  if (!sent) return {};
  Location l;
  l.path = ".dockerignore";
  return {Make(DockerfileRules()[2], "", std::move(l))};
}

}  // namespace ctxscan
