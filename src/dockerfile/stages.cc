// Resolving stages and variables; see include/ctxscan/dockerfile/stages.h.
#include "ctxscan/dockerfile/stages.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "ctxscan/dockerfile/words.h"
#include "util/text.h"

namespace ctxscan {
namespace {

// A stage reference: a name, or a number.
int FindStage(const std::vector<Stage>& stages, std::string_view ref) {
  const std::string lower = AsciiLower(ref);
  for (const Stage& s : stages) {
    if (!s.name.empty() && s.name == lower) return s.index;
  }
  if (!ref.empty() && std::all_of(ref.begin(), ref.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    const int n = std::atoi(std::string(ref).c_str());
    if (n >= 0 && n < static_cast<int>(stages.size())) return n;
  }
  return -1;
}

// The `from=` of a RUN --mount flag value ("type=cache,from=build,target=/x").
std::string MountFrom(std::string_view mount) {
  std::size_t start = 0;
  while (start <= mount.size()) {
    std::size_t end = mount.find(',', start);
    if (end == std::string_view::npos) end = mount.size();
    const std::string_view kv = mount.substr(start, end - start);
    if (kv.substr(0, 5) == "from=") return std::string(kv.substr(5));
    start = end + 1;
  }
  return "";
}

std::string CleanSource(std::string s) {
  while (s.rfind("./", 0) == 0) s.erase(0, 2);
  while (!s.empty() && s.front() == '/') s.erase(0, 1);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s == "." ? "" : s;
}

// The context sources of COPY/ADD `ins` (no --from), expanded with `vars`.
Result<ContextCopy> ContextSources(const Instruction& ins, std::size_t index, char escape,
                                   const VarLookup& vars) {
  ContextCopy copy;
  copy.instruction = index;
  std::vector<std::string> words = ins.json_args;
  if (!ins.json) {
    Result<std::vector<std::string>> w = ProcessWords(ins.args, escape, &vars);
    if (!w.ok()) return w.status();
    words = std::move(w).value();
  }
  if (words.size() < 2) return copy;
  words.pop_back();  // the destination
  for (std::string& w : words) {
    if (w.rfind("<<", 0) == 0) continue;  // a heredoc, not a context file
    if (ins.keyword == "ADD" && (w.find("://") != std::string::npos || w.rfind("git@", 0) == 0)) {
      continue;  // a URL or git source
    }
    copy.sources.push_back(CleanSource(std::move(w)));
  }
  for (const std::string& f : ins.flags) {
    if (f.rfind("exclude=", 0) == 0) copy.excludes.push_back(CleanSource(f.substr(8)));
  }
  return copy;
}

}  // namespace

VarLookup LookupIn(const Vars& vars) {
  return [&vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Result<Build> ResolveBuild(const Dockerfile& df, const Vars& build_args, std::string_view target) {
  Build b;
  b.vars.resize(df.instructions.size());
  b.stage_of.assign(df.instructions.size(), -1);
  auto fail = [&](const Instruction& ins, const std::string& why) {
    return Status::Error(df.name + ":" + std::to_string(ins.line) + ": " + why);
  };
  Vars globals;                 // global ARGs, for FROM lines
  Vars current;                 // the running stage's variables
  std::vector<Vars> stage_env;  // each stage's ENV at its end, for stages built on it
  Vars stage_envs_now;          // ENV set in the running stage (inherited from its base)
  for (std::size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    const VarLookup lookup = LookupIn(current);
    if (ins.keyword == "FROM") {
      if (!b.stages.empty()) stage_env.push_back(stage_envs_now);
      // FROM sees the global ARGs and BuildKit's automatic platform ARGs.
      const VarLookup in_globals = LookupIn(globals);
      const VarLookup global_lookup = [&](std::string_view name) -> std::optional<std::string> {
        if (std::optional<std::string> v = in_globals(name)) return v;
        static const std::set<std::string_view> kAutomatic = {
            "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT",
            "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"};
        if (kAutomatic.count(name) != 0) {
          if (auto it = build_args.find(std::string(name)); it != build_args.end()) {
            return it->second;
          }
        }
        return std::nullopt;
      };
      Result<std::vector<std::string>> words = ProcessWords(ins.args, df.escape, &global_lookup);
      if (!words.ok()) return fail(ins, words.status().message());
      if (words->empty()) return fail(ins, "FROM requires an image or stage");
      Stage s;
      s.index = static_cast<int>(b.stages.size());
      s.base = (*words)[0];
      s.from_line = ins.line;
      if (words->size() == 3 && AsciiLower((*words)[1]) == "as") {
        s.name = AsciiLower((*words)[2]);
      } else if (words->size() != 1) {
        return fail(ins, "FROM takes an image and an optional AS name");
      }
      if (std::optional<std::string> p = ins.Flag("platform")) {
        Result<std::string> platform = ProcessWord(*p, df.escape, &global_lookup);
        if (!platform.ok()) return fail(ins, platform.status().message());
        s.platform = *platform;
      }
      s.base_stage = FindStage(b.stages, s.base);
      current.clear();
      stage_envs_now.clear();
      if (s.base_stage >= 0) {
        stage_envs_now = stage_env[static_cast<std::size_t>(s.base_stage)];
        current = stage_envs_now;
      }
      b.stages.push_back(std::move(s));
      b.stage_of[i] = static_cast<int>(b.stages.size()) - 1;
      continue;
    }
    if (b.stages.empty()) {
      if (ins.keyword != "ARG") return fail(ins, "only ARG may come before the first FROM");
      // `ARG NAME` (no '=') is a declaration without a default.
      for (const std::string& w : SplitWords(ins.args, df.escape)) {
        const std::size_t eq = w.find('=');
        const std::string name = w.substr(0, eq);
        if (auto it = build_args.find(name); it != build_args.end()) {
          globals[name] = it->second;
        } else if (eq != std::string::npos) {
          const VarLookup in_globals = LookupIn(globals);
          Result<std::string> v = ProcessWord(w.substr(eq + 1), df.escape, &in_globals);
          if (!v.ok()) return fail(ins, v.status().message());
          globals[name] = *v;
        }
      }
      continue;
    }
    const int stage = static_cast<int>(b.stages.size()) - 1;
    b.stage_of[i] = stage;
    b.stages.back().instructions.push_back(i);
    b.vars[i] = current;
    if (ins.keyword == "ARG") {
      for (const std::string& w : SplitWords(ins.args, df.escape)) {
        const std::size_t eq = w.find('=');
        const std::string name = w.substr(0, eq);
        if (stage_envs_now.count(name) != 0) continue;  // ENV wins
        if (auto it = build_args.find(name); it != build_args.end()) {
          current[name] = it->second;
        } else if (eq != std::string::npos) {
          Result<std::string> v = ProcessWord(w.substr(eq + 1), df.escape, &lookup);
          if (!v.ok()) return fail(ins, v.status().message());
          current[name] = *v;
        } else if (auto g = globals.find(name); g != globals.end()) {
          current[name] = g->second;
        }
      }
    } else if (ins.keyword == "ENV") {
      Result<std::vector<std::pair<std::string, std::string>>> kv =
          ParseKeyValues(ins.args, df.escape, true, &lookup);
      if (!kv.ok()) return fail(ins, kv.status().message());
      for (auto& [k, v] : *kv) {
        current[k] = v;
        stage_envs_now[k] = v;
      }
    } else if (ins.keyword == "COPY" || ins.keyword == "ADD") {
      if (std::optional<std::string> from = ins.Flag("from")) {
        Result<std::string> ref = ProcessWord(*from, df.escape, &lookup);
        if (!ref.ok()) return fail(ins, ref.status().message());
        const int src = FindStage(b.stages, *ref);
        if (src == stage) return fail(ins, "COPY --from refers to its own stage");
        if (src >= 0) b.stages.back().copies_from.push_back(src);
      } else {
        Result<ContextCopy> copy = ContextSources(ins, i, df.escape, lookup);
        if (!copy.ok()) return fail(ins, copy.status().message());
        b.stages.back().context_copies.push_back(std::move(copy).value());
      }
    } else if (ins.keyword == "RUN") {
      for (const std::string& f : ins.flags) {
        if (f.rfind("mount=", 0) != 0) continue;
        const std::string from = MountFrom(std::string_view(f).substr(6));
        const int src = from.empty() ? -1 : FindStage(b.stages, from);
        if (src >= 0 && src != stage) b.stages.back().mounts_from.push_back(src);
      }
    }
  }
  if (b.stages.empty()) return Status::Error(df.name + ": no FROM instruction");
  if (target.empty()) {
    b.target = static_cast<int>(b.stages.size()) - 1;
  } else {
    b.target = FindStage(b.stages, target);
    if (b.target < 0)
      return Status::Error(df.name + ": target stage \"" + std::string(target) + "\" not found");
  }
  // Mark what the target needs.
  std::vector<int> todo = {b.target};
  while (!todo.empty()) {
    const int s = todo.back();
    todo.pop_back();
    Stage& st = b.stages[static_cast<std::size_t>(s)];
    if (st.needed) continue;
    st.needed = true;
    if (st.base_stage >= 0) todo.push_back(st.base_stage);
    for (const int c : st.copies_from) todo.push_back(c);
    for (const int c : st.mounts_from) todo.push_back(c);
  }
  return b;
}

}  // namespace ctxscan
