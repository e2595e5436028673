// Dockerfile findings; see src/dockerfile/analysis.h.
#include "dockerfile/analysis.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "ctxscan/match/filters.h"
#include "dockerfile/image_files.h"
#include "util/text.h"

namespace ctxscan {
namespace {

Rule MakeRule(std::string id, std::string name, Severity severity, std::string description,
              std::string remediation) {
  return MakeBuiltInRule(std::move(id), std::move(name), severity, "dockerfile",
                         std::move(description), std::move(remediation));
}

// A hardening hint: severity info, category dockerfile-hint (--no-hints).
Rule MakeHint(std::string id, std::string name, std::string description, std::string remediation) {
  return MakeBuiltInRule(std::move(id), std::move(name), Severity::kInfo,
                         std::string(kHintCategory), std::move(description),
                         std::move(remediation));
}

// Whether instruction `i` is part of what the build runs.
bool Built(const Build& build, std::size_t i) {
  const int stage = build.stage_of[i];
  return stage < 0 || build.stages[static_cast<std::size_t>(stage)].needed;
}

}  // namespace

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

const std::vector<Rule>& DockerfileRules() {
  static const std::vector<Rule> rules = {
      MakeRule("dockerfile.secret-in-image", "Secret baked into the image", Severity::kCritical,
               "A secret on an ENV, ARG, LABEL or RUN line of a stage of the shipped image (the "
               "target or a stage it builds on) is stored in the image's configuration or "
               "history: `docker history` and `docker inspect` show it to anyone who can pull "
               "the image.",
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
      MakeRule("dockerfile.broad-copy", "Broad COPY carries sensitive files into the image",
               Severity::kMedium,
               "A COPY or ADD of the whole build context (`COPY . .`) in a stage the build runs "
               "copies files that hold secrets or are sensitive along with the code.",
               "Exclude those files in .dockerignore (`ctxscan dockerignore suggest` writes the "
               "lines), or copy only what the build needs, by name."),
      MakeHint("dockerfile.hint.root-user", "Final stage runs as root",
               "The image's last USER is root (or it sets none, and the base image's user is "
               "root in most images), so a process that is broken into has root in the "
               "container.",
               "Add a `USER` with a non-root user (by number, e.g. `USER 10001`) at the end of "
               "the final stage."),
      MakeHint("dockerfile.hint.unpinned-base", "Base image not pinned",
               "The FROM image has no tag or the `latest` tag and no digest, so each build may "
               "get a different image.",
               "Pin the base image to a digest (`FROM image:tag@sha256:...`), and update it "
               "deliberately."),
      MakeHint("dockerfile.hint.add-remote-url", "ADD of a remote URL",
               "ADD downloads a URL into the image without checking what it got (no "
               "`--checksum`).",
               "Give `ADD --checksum=sha256:...`, or download with a RUN that verifies the "
               "file."),
      MakeHint("dockerfile.hint.secret-build-arg", "Secret passed as a build argument",
               "An ARG whose name says it holds a secret: a value given with --build-arg is "
               "recorded in the image's history and visible to anyone who pulls it.",
               "Pass the secret as a BuildKit secret (RUN --mount=type=secret,id=NAME; docker "
               "build --secret id=NAME,env=NAME) instead of --build-arg "
               "(https://docs.docker.com/build/building/secrets/)."),
  };
  return rules;
}

const Rule& DockerfileRule(std::string_view id) { return RuleById(DockerfileRules(), id); }

// Where instruction `i`'s stage ends up: the shipped image when the stage is
// the target or one the target builds on (FROM stage), a build stage
// otherwise; a global ARG (before the first FROM) is in no image.
InImage StageShips(const Build& build, std::size_t i) {
  const int stage = build.stage_of[i];
  if (stage < 0) return InImage::kNo;
  for (int s = build.target; s >= 0; s = build.stages[static_cast<std::size_t>(s)].base_stage) {
    if (s == stage) return InImage::kFinal;
  }
  return InImage::kIntermediate;
}

// The instruction's first line as written (for the report to quote), with
// the secret's place in it.
void QuoteInstruction(const Instruction& ins, std::string_view secret, Location* l) {
  if (!l->line_text.empty()) return;
  l->line_text = ins.keyword + " " + ins.args;
  if (const std::size_t at = l->line_text.find(secret); at != std::string::npos) {
    l->secret_offset = at;
    l->secret_length = secret.size();
  }
}

// Content findings on the Dockerfile's ENV, ARG, LABEL and RUN lines (of
// stages the build runs) are about the image: each such location is marked
// with where its stage ends up. A finding whose only locations are such
// lines of the shipped image, found by a generic rule, becomes
// dockerfile.secret-in-image (the more specific statement); one found by a
// provider's rule keeps its rule and is raised a level like any secret that
// reaches the image. Returns the (secret, line) pairs of those lines.
std::set<std::pair<std::string, std::uint64_t>> MarkBakedSecrets(const Dockerfile& df,
                                                                 const Build& build,
                                                                 std::string_view path,
                                                                 std::vector<Finding>* findings) {
  const Rule& in_image = DockerfileRule("dockerfile.secret-in-image");
  static const std::set<std::string> kBaked = {"ENV", "ARG", "LABEL", "RUN"};
  std::set<std::pair<std::string, std::uint64_t>> reported;  // (secret, line)
  for (Finding& f : *findings) {
    if (f.secret.empty() || IsBuildAnalysis(f.kind)) continue;
    // MarkImagePresence has marked (and raised) files the build copies.
    const bool raised = std::any_of(f.locations.begin(), f.locations.end(), [](const Location& l) {
      return l.in_image == InImage::kFinal;
    });
    bool final = false;
    bool only_shipped_lines = true;
    for (Location& l : f.locations) {
      std::size_t index = 0;
      const Instruction* ins =
          l.path == path && !l.git ? InstructionAt(df, l.line, &index) : nullptr;
      if (ins == nullptr || kBaked.count(ins->keyword) == 0 || !Built(build, index)) {
        only_shipped_lines = false;
        continue;
      }
      // The Dockerfile itself may be copied too: the farther of the two.
      const InImage where =
          l.in_image == InImage::kFinal ? InImage::kFinal : StageShips(build, index);
      l.in_image = where;
      final = final || where == InImage::kFinal;
      only_shipped_lines = only_shipped_lines && where == InImage::kFinal;
      QuoteInstruction(*ins, f.secret, &l);
      // Keyed by every line the instruction spans.
      for (int k = ins->line; k <= ins->end_line; ++k) {
        reported.emplace(f.secret, static_cast<std::uint64_t>(k));
      }
    }
    if (!final) continue;
    if (only_shipped_lines && f.rule->is_generic()) {
      f.rule = &in_image;
      f.kind = FindingKind::kDockerfile;
      f.severity = in_image.severity;
    } else if (!raised && f.severity < Severity::kCritical) {
      f.severity = static_cast<Severity>(static_cast<int>(f.severity) + 1);
    }
  }
  return reported;
}

std::vector<Finding> AnalyzeDockerfile(const Dockerfile& df, const Build& build,
                                       std::string_view path, std::vector<Finding>* findings) {
  std::vector<Finding> out;
  const Rule& inline_credential = DockerfileRule("dockerfile.run-inline-credential");
  const Rule& named = DockerfileRule("dockerfile.secret-named-variable");
  const std::set<std::pair<std::string, std::uint64_t>> reported =
      MarkBakedSecrets(df, build, path, findings);
  // Credentials passed on RUN command lines.
  static const RE2 kInline(
      "(?:\\bcurl\\b[^\\n]*?\\s(?:-u|--user)[= ]?\\s*[\"']?[^\\s:\"'$]+:"
      "|\\s--password(?:=|\\s+)[\"']?"
      "|\\baws\\s+configure\\s+set\\s+aws_(?:secret_access_key|access_key_id|session_token)\\s+"
      "[\"']?)([^\\s\"'$;|&]{4,})",
      RE2::Latin1);
  // A literal piped into a registry login: `echo PASS | docker login -u x --password-stdin`.
  static const RE2 kPiped(
      "\\b(?:echo|printf)\\s+(?:-[a-z]+\\s+)?[\"']?([^\\s\"'$;|&]{4,})[\"']?\\s*\\|\\s*"
      "(?:sudo\\s+)?(?:docker|podman|buildah|helm\\s+registry|oras)\\s+login\\b[^\\n]*?"
      "--password-stdin",
      RE2::Latin1);
  for (std::size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    if (ins.keyword != "RUN" || !Built(build, i)) continue;
    std::string text = ins.args;
    for (const std::string& a : ins.json_args) text += " " + a;
    std::vector<std::string> values;
    for (const RE2* re : {&kInline, &kPiped}) {
      re2::StringPiece input(text);
      std::string value;
      while (RE2::FindAndConsume(&input, *re, &value)) values.push_back(value);
    }
    for (const std::string& value : values) {
      if (LooksLikePlaceholder(value)) continue;
      bool covered = false;
      for (int l = ins.line; l <= ins.end_line && !covered; ++l) {
        for (const auto& [secret, line] : reported) {
          covered = covered || (line == static_cast<std::uint64_t>(l) &&
                                secret.find(value) != std::string::npos);
        }
      }
      if (covered) continue;
      Location l = LineLocation(path, ins.line);
      l.in_image = StageShips(build, i);
      QuoteInstruction(ins, value, &l);
      out.push_back(MakeBuiltInFinding(inline_credential, value, std::move(l)));
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
      Location l = LineLocation(path, ins.line);
      l.in_image = StageShips(build, i);
      QuoteInstruction(ins, value, &l);
      out.push_back(MakeBuiltInFinding(named, value, std::move(l)));
    }
  }
  return out;
}

void MarkImagePresence(const Build& build, std::vector<Finding>* findings) {
  if (build.target < 0) return;
  const ImageFiles files(build);
  std::map<std::string, InImage, std::less<>> where;  // by path: findings share files
  for (Finding& f : *findings) {
    // A Dockerfile finding is about an instruction, not about the file.
    if (IsBuildAnalysis(f.kind)) continue;
    bool final = false;
    for (Location& l : f.locations) {
      if (l.git || !l.sent) continue;
      auto it = where.find(l.path);
      if (it == where.end()) it = where.emplace(l.path, files.Where(l.path)).first;
      l.in_image = it->second;
      final = final || it->second == InImage::kFinal;
    }
    if (final && f.severity < Severity::kCritical) {
      f.severity = static_cast<Severity>(static_cast<int>(f.severity) + 1);
    }
  }
}

std::vector<std::string> SentFilesWithFindings(const std::vector<Finding>& findings) {
  std::set<std::string> out;
  for (const Finding& f : findings) {
    if (f.rule != nullptr &&
        (f.rule->id == "dockerfile.broad-copy" || f.rule->id == "dockerfile.no-dockerignore")) {
      continue;
    }
    if (IsBuildAnalysis(f.kind) && f.severity == Severity::kInfo) continue;
    for (const Location& l : f.locations) {
      if (l.git || !l.sent) continue;
      out.insert(f.about_file.empty() ? l.path : f.about_file);
    }
  }
  return {out.begin(), out.end()};
}

std::vector<Finding> FindBroadCopies(const Dockerfile& df, const Build& build,
                                     std::string_view path, const std::vector<Finding>& findings) {
  const ImageFiles files(build);
  std::map<std::size_t, std::set<std::string>> carried;  // instruction -> files
  for (const std::string& file : SentFilesWithFindings(findings)) {
    if (file == path) continue;
    for (const std::size_t i : files.BroadCopies(file)) carried[i].insert(file);
  }
  std::vector<Finding> out;
  const Rule& rule = DockerfileRule("dockerfile.broad-copy");
  for (const auto& [i, paths] : carried) {
    Finding f = MakeBuiltInFinding(rule, "", LineLocation(path, df.instructions[i].line));
    constexpr std::size_t kNamed = 5;
    f.detail = "copies " + std::to_string(paths.size()) + (paths.size() == 1 ? " file" : " files") +
               " with secrets or sensitive content: ";
    std::size_t k = 0;
    for (const std::string& p : paths) {
      if (k == kNamed) {
        f.detail += " and " + std::to_string(paths.size() - kNamed) + " more";
        break;
      }
      f.detail += (k++ == 0 ? "" : ", ") + p;
    }
    out.push_back(std::move(f));
  }
  return out;
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
  return {MakeBuiltInFinding(DockerfileRule("dockerfile.no-dockerignore"), "", std::move(l))};
}

}  // namespace ctxscan
