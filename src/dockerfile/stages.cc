// Resolving stages and variables; see include/ctxscan/dockerfile/stages.h.
#include "ctxscan/dockerfile/stages.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "ctxscan/dockerfile/words.h"
#include "util/go_path.h"
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

// "./a/" -> "a"; "." and "/" -> "". A "/./" inside is kept when
// `keep_pivot` (the --parents pivot), else collapsed.
std::string CleanSource(std::string s, bool keep_pivot) {
  while (s.rfind("./", 0) == 0 || s.rfind('/', 0) == 0) s.erase(0, s[0] == '.' ? 2 : 1);
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s == ".") return "";
  if (s.size() >= 2 && s.compare(s.size() - 2, 2, "/.") == 0) s.resize(s.size() - 2);
  if (!keep_pivot) {
    for (std::size_t p; (p = s.find("/./")) != std::string::npos;) s.erase(p, 2);
  }
  return s;
}

// `path` (absolute or relative to absolute `dir`) made absolute and clean
// ("." and ".." resolved, no trailing '/' except for "/").
std::string JoinPath(std::string_view dir, std::string_view path) {
  if (!path.empty() && path[0] == '/') return go::Clean(path);
  return go::Clean(std::string(dir) + "/" + std::string(path));
}

// Adds the directories above absolute `path` to `dirs`, and `path` itself
// when `self`.
void AddDirs(const std::string& path, bool self, std::set<std::string>* dirs) {
  if (self) dirs->insert(path);
  for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
       slash = path.rfind('/', slash - 1)) {
    dirs->insert(path.substr(0, slash));
  }
}

bool LooksLikeUrl(std::string_view w) {
  return w.find("://") != std::string_view::npos || w.rfind("git@", 0) == 0;
}

// COPY/ADD `ins`, its words expanded with `vars`, its destination joined
// with `workdir`; `dirs` are the directories known to exist (WORKDIRs,
// what earlier copies made).
Result<CopyOp> ParseCopy(const Instruction& ins, std::size_t index, char escape,
                         const VarLookup& vars, const std::string& workdir,
                         const std::set<std::string>& dirs) {
  CopyOp copy;
  copy.instruction = index;
  copy.add = ins.keyword == "ADD";
  copy.parents = ins.Flag("parents").has_value();
  std::vector<std::string> words = ins.json_args;
  if (!ins.json) {
    Result<std::vector<std::string>> w = ProcessWords(ins.args, escape, &vars);
    if (!w.ok()) return w.status();
    words = std::move(w).value();
  }
  // Too few words, or an empty destination (the JSON form can give one):
  // nothing this analysis can place.
  if (words.size() < 2 || words.back().empty()) return copy;
  const std::string dest = words.back();
  words.pop_back();
  for (std::string& w : words) {
    if (w.rfind("<<", 0) == 0) continue;  // a heredoc, not a file
    if (copy.add && LooksLikeUrl(w)) continue;
    copy.sources.push_back(CleanSource(std::move(w), copy.parents));
  }
  for (const std::string& f : ins.flags) {
    if (f.rfind("exclude=", 0) != 0) continue;
    Result<std::string> pattern = ProcessWord(f.substr(8), escape, &vars);
    if (!pattern.ok()) return pattern.status();
    copy.excludes.push_back(CleanSource(*pattern, false));
  }
  copy.dest = JoinPath(workdir, dest);
  copy.dest_is_dir = dest.back() == '/' || dest == "." ||
                     (dest.size() >= 2 && dest.compare(dest.size() - 2, 2, "/.") == 0) ||
                     words.size() > 1 || copy.dest == "/" || dirs.count(copy.dest) != 0;
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

namespace {

// ResolveBuild's walk over the instructions, one method per instruction kind.
class BuildResolver {
 public:
  BuildResolver(const Dockerfile& df, const Vars& build_args, const ContextDirTest& is_context_dir)
      : df_(df), build_args_(build_args), is_context_dir_(is_context_dir) {
    b_.vars.resize(df.instructions.size());
    b_.stage_of.assign(df.instructions.size(), -1);
  }

  Status Walk() {
    for (std::size_t i = 0; i < df_.instructions.size(); ++i) {
      const Instruction& ins = df_.instructions[i];
      Status s = Status::Ok();
      if (ins.keyword == "FROM") {
        s = From(ins, i);
      } else if (b_.stages.empty()) {
        s = GlobalArg(ins);
      } else {
        s = InStage(ins, i);
      }
      if (!s.ok())
        return Status::Error(df_.name + ":" + std::to_string(ins.line) + ": " + s.message());
    }
    if (b_.stages.empty()) return Status::Error(df_.name + ": no FROM instruction");
    return Status::Ok();
  }

  Build& build() { return b_; }

 private:
  // FROM sees the global ARGs and BuildKit's automatic platform ARGs.
  std::optional<std::string> GlobalValue(std::string_view name) const {
    if (auto it = globals_.find(std::string(name)); it != globals_.end()) return it->second;
    static const std::set<std::string_view> kAutomatic = {
        "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"};
    if (kAutomatic.count(name) != 0) {
      if (auto it = build_args_.find(std::string(name)); it != build_args_.end()) {
        return it->second;
      }
    }
    return std::nullopt;
  }

  Status From(const Instruction& ins, std::size_t i) {
    if (!b_.stages.empty()) {
      stage_env_.push_back(stage_envs_now_);
      stage_dirs_.push_back(dirs_);
    }
    const VarLookup global_lookup = [this](std::string_view name) { return GlobalValue(name); };
    Result<std::vector<std::string>> words = ProcessWords(ins.args, df_.escape, &global_lookup);
    if (!words.ok()) return words.status();
    if (words->empty()) return Status::Error("FROM requires an image or stage");
    Stage s;
    s.index = static_cast<int>(b_.stages.size());
    s.base = (*words)[0];
    s.from_line = ins.line;
    if (words->size() == 3 && AsciiLower((*words)[1]) == "as") {
      s.name = AsciiLower((*words)[2]);
    } else if (words->size() != 1) {
      return Status::Error("FROM takes an image and an optional AS name");
    }
    if (std::optional<std::string> p = ins.Flag("platform")) {
      Result<std::string> platform = ProcessWord(*p, df_.escape, &global_lookup);
      if (!platform.ok()) return platform.status();
      s.platform = *platform;
    }
    s.base_stage = FindStage(b_.stages, s.base);
    current_.clear();
    stage_envs_now_.clear();
    dirs_ = {"/"};
    if (s.base_stage >= 0) {
      const auto base = static_cast<std::size_t>(s.base_stage);
      stage_envs_now_ = stage_env_[base];
      current_ = stage_envs_now_;
      dirs_ = stage_dirs_[base];
      s.workdir = b_.stages[base].workdir;
    }
    b_.stages.push_back(std::move(s));
    b_.stage_of[i] = static_cast<int>(b_.stages.size()) - 1;
    return Status::Ok();
  }

  // An ARG before the first FROM. `ARG NAME` (no '=') is a declaration
  // without a default.
  Status GlobalArg(const Instruction& ins) {
    if (ins.keyword != "ARG") return Status::Error("only ARG may come before the first FROM");
    for (const std::string& w : SplitWords(ins.args, df_.escape)) {
      const std::size_t eq = w.find('=');
      const std::string name = w.substr(0, eq);
      if (auto it = build_args_.find(name); it != build_args_.end()) {
        globals_[name] = it->second;
      } else if (eq != std::string::npos) {
        const VarLookup in_globals = LookupIn(globals_);
        Result<std::string> v = ProcessWord(w.substr(eq + 1), df_.escape, &in_globals);
        if (!v.ok()) return v.status();
        globals_[name] = *v;
      }
    }
    return Status::Ok();
  }

  Status InStage(const Instruction& ins, std::size_t i) {
    const int stage = static_cast<int>(b_.stages.size()) - 1;
    b_.stage_of[i] = stage;
    b_.stages.back().instructions.push_back(i);
    b_.vars[i] = current_;
    const VarLookup lookup = LookupIn(current_);
    if (ins.keyword == "ARG") return Arg(ins, lookup);
    if (ins.keyword == "ENV") {
      Result<std::vector<std::pair<std::string, std::string>>> kv =
          ParseKeyValues(ins.args, df_.escape, true, &lookup);
      if (!kv.ok()) return kv.status();
      for (auto& [k, v] : *kv) {
        current_[k] = v;
        stage_envs_now_[k] = v;
      }
    } else if (ins.keyword == "WORKDIR") {
      Result<std::string> dir = ProcessWord(ins.args, df_.escape, &lookup);
      if (!dir.ok()) return dir.status();
      Stage& st = b_.stages.back();
      st.workdir = JoinPath(st.workdir, *dir);
      AddDirs(st.workdir, true, &dirs_);
    } else if (ins.keyword == "COPY" || ins.keyword == "ADD") {
      return Copy(ins, i, stage, lookup);
    } else if (ins.keyword == "RUN") {
      for (const std::string& f : ins.flags) {
        if (f.rfind("mount=", 0) != 0) continue;
        const std::string from = MountFrom(std::string_view(f).substr(6));
        const int src = from.empty() ? -1 : FindStage(b_.stages, from);
        if (src >= 0 && src != stage) b_.stages.back().mounts_from.push_back(src);
      }
    }
    return Status::Ok();
  }

  Status Arg(const Instruction& ins, const VarLookup& lookup) {
    for (const std::string& w : SplitWords(ins.args, df_.escape)) {
      const std::size_t eq = w.find('=');
      const std::string name = w.substr(0, eq);
      if (stage_envs_now_.count(name) != 0) continue;  // ENV wins
      if (auto it = build_args_.find(name); it != build_args_.end()) {
        current_[name] = it->second;
      } else if (eq != std::string::npos) {
        Result<std::string> v = ProcessWord(w.substr(eq + 1), df_.escape, &lookup);
        if (!v.ok()) return v.status();
        current_[name] = *v;
      } else if (auto g = globals_.find(name); g != globals_.end()) {
        current_[name] = g->second;
      }
    }
    return Status::Ok();
  }

  Status Copy(const Instruction& ins, std::size_t i, int stage, const VarLookup& lookup) {
    Stage& st = b_.stages.back();
    Result<CopyOp> copy = ParseCopy(ins, i, df_.escape, lookup, st.workdir, dirs_);
    if (!copy.ok()) return copy.status();
    if (std::optional<std::string> from = ins.Flag("from")) {
      Result<std::string> ref = ProcessWord(*from, df_.escape, &lookup);
      if (!ref.ok()) return ref.status();
      const int src = FindStage(b_.stages, *ref);
      if (src == stage) return Status::Error("COPY --from refers to its own stage");
      copy->from_context = false;
      copy->from_stage = src;
      if (src >= 0) st.copies_from.push_back(src);
    }
    // What the copy makes a directory: above the destination always; the
    // destination when it is one, or when a source is a context directory
    // (its contents go into it).
    bool makes_dir = copy->dest_is_dir;
    if (copy->from_context) {
      for (const std::string& source : copy->sources) {
        makes_dir = makes_dir || source.empty() ||
                    (is_context_dir_ && source.find_first_of("*?[\\") == std::string::npos &&
                     is_context_dir_(source));
      }
    }
    AddDirs(copy->dest, makes_dir, &dirs_);
    st.copies.push_back(std::move(copy).value());
    return Status::Ok();
  }

  const Dockerfile& df_;
  const Vars& build_args_;
  const ContextDirTest& is_context_dir_;
  Build b_;
  Vars globals_;                 // global ARGs, for FROM lines
  Vars current_;                 // the running stage's variables
  std::vector<Vars> stage_env_;  // each stage's ENV at its end, for stages built on it
  Vars stage_envs_now_;          // ENV set in the running stage (inherited from its base)
  std::vector<std::set<std::string>> stage_dirs_;  // each stage's known directories at its end
  std::set<std::string> dirs_;  // the running stage's known directories (see CopyOp::dest_is_dir)
};

// Marks the stages the target needs: itself, its base, and what it copies
// or mounts from, transitively.
void MarkNeeded(Build* b) {
  std::vector<int> todo = {b->target};
  while (!todo.empty()) {
    const int s = todo.back();
    todo.pop_back();
    Stage& st = b->stages[static_cast<std::size_t>(s)];
    if (st.needed) continue;
    st.needed = true;
    if (st.base_stage >= 0) todo.push_back(st.base_stage);
    for (const int c : st.copies_from) todo.push_back(c);
    for (const int c : st.mounts_from) todo.push_back(c);
  }
}

}  // namespace

Result<Build> ResolveBuild(const Dockerfile& df, const Vars& build_args, std::string_view target,
                           const ContextDirTest& is_context_dir) {
  BuildResolver resolver(df, build_args, is_context_dir);
  if (Status s = resolver.Walk(); !s.ok()) return s;
  Build& b = resolver.build();
  if (target.empty()) {
    b.target = static_cast<int>(b.stages.size()) - 1;
  } else {
    b.target = FindStage(b.stages, target);
    if (b.target < 0)
      return Status::Error(df.name + ": target stage \"" + std::string(target) + "\" not found");
  }
  MarkNeeded(&b);
  return std::move(b);
}

}  // namespace ctxscan
