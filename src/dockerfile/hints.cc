// Hardening hints from the Dockerfile's parse; see
// src/dockerfile/analysis.h (dockerfile.hint.*).
#include <string>
#include <vector>

#include "ctxscan/match/filters.h"
#include "dockerfile/analysis.h"
#include "util/text.h"

namespace ctxscan {
namespace {

// Whether image reference `ref` names neither a digest nor a tag other than
// `latest` ("python", "python:latest", "host:5000/app").
bool Unpinned(std::string_view ref) {
  if (ref.find('@') != std::string_view::npos) return false;
  const std::size_t slash = ref.rfind('/');
  const std::size_t colon = ref.find(':', slash == std::string_view::npos ? 0 : slash);
  return colon == std::string_view::npos || ref.substr(colon + 1) == "latest";
}

// The user of a USER instruction's value ("app:app" -> "app").
std::string UserOf(std::string_view value) { return std::string(value.substr(0, value.find(':'))); }

}  // namespace

std::vector<Finding> HintDockerfile(const Dockerfile& df, const Build& build,
                                    std::string_view path) {
  std::vector<Finding> out;
  if (build.target < 0) return out;
  auto hint = [&](std::string_view id, int line) {
    out.push_back(MakeBuiltInFinding(DockerfileRule(id), "", LineLocation(path, line)));
  };
  // The final stage's user: its last USER, or the last of the stages it
  // builds on.
  const Instruction* user = nullptr;
  std::size_t user_index = 0;
  for (int s = build.target; s >= 0 && user == nullptr;
       s = build.stages[static_cast<std::size_t>(s)].base_stage) {
    const Stage& stage = build.stages[static_cast<std::size_t>(s)];
    for (auto it = stage.instructions.rbegin(); it != stage.instructions.rend(); ++it) {
      if (df.instructions[*it].keyword == "USER") {
        user = &df.instructions[*it];
        user_index = *it;
        break;
      }
    }
  }
  if (user == nullptr) {
    hint("dockerfile.hint.root-user",
         build.stages[static_cast<std::size_t>(build.target)].from_line);
  } else {
    const VarLookup vars = LookupIn(build.vars[user_index]);
    Result<std::string> value = ProcessWord(user->args, df.escape, &vars);
    if (value.ok() && (UserOf(*value) == "root" || UserOf(*value) == "0")) {
      hint("dockerfile.hint.root-user", user->line);
    }
  }
  for (const Stage& stage : build.stages) {
    if (!stage.needed) continue;
    if (stage.base_stage < 0 && !stage.base.empty() && AsciiLower(stage.base) != "scratch" &&
        Unpinned(stage.base)) {
      hint("dockerfile.hint.unpinned-base", stage.from_line);
    }
    for (const std::size_t i : stage.instructions) {
      const Instruction& ins = df.instructions[i];
      if (ins.keyword == "ADD" && !ins.Flag("checksum")) {
        const VarLookup vars = LookupIn(build.vars[i]);
        Result<std::vector<std::string>> words =
            ins.json ? Result<std::vector<std::string>>(ins.json_args)
                     : ProcessWords(ins.args, df.escape, &vars);
        if (!words.ok()) continue;
        for (std::size_t w = 0; w + 1 < words->size(); ++w) {
          const std::string& word = (*words)[w];
          if (word.rfind("http://", 0) == 0 || word.rfind("https://", 0) == 0) {
            hint("dockerfile.hint.add-remote-url", ins.line);
            break;
          }
        }
      } else if (ins.keyword == "ARG") {
        for (const std::string& w : SplitWords(ins.args, df.escape)) {
          const std::size_t eq = w.find('=');
          const std::string name = w.substr(0, eq);
          Result<std::string> unquoted =
              ProcessWord(eq == std::string::npos ? "" : w.substr(eq + 1), df.escape, nullptr);
          const std::string value = unquoted.ok() ? *unquoted : "";
          // A literal value is dockerfile.secret-named-variable's finding.
          const bool literal = !value.empty() && value.find('$') == std::string::npos &&
                               !LooksLikePlaceholder(value);
          if (NameSaysSecret(name) && !literal) {
            hint("dockerfile.hint.secret-build-arg", ins.line);
            break;
          }
        }
      }
    }
  }
  return out;
}

}  // namespace ctxscan
