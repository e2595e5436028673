// RUN steps that read context files; see src/dockerfile/run_reads.h.
#include "dockerfile/run_reads.h"

#include "util/go_path.h"

namespace ctxscan {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// Whether `needle` occurs in `text` with no word character on either side.
bool HasWord(std::string_view text, std::string_view needle) {
  if (needle.empty()) return false;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.size() || !IsWordChar(text[end]))) {
      return true;
    }
  }
  return false;
}

bool HasGitComponent(std::string_view path) {
  for (std::string_view rest = path;;) {
    const std::size_t slash = rest.find('/');
    if (rest.substr(0, slash) == ".git") return true;
    if (slash == std::string_view::npos) return false;
    rest.remove_prefix(slash + 1);
  }
}

// `git` run as a command: the word followed by a blank or the end.
bool RunsGit(std::string_view command) {
  for (std::size_t at = command.find("git"); at != std::string_view::npos;
       at = command.find("git", at + 1)) {
    const std::size_t end = at + 3;
    const bool before = at == 0 || !IsWordChar(command[at - 1]);
    const bool after = end == command.size() || command[end] == ' ' || command[end] == '\t' ||
                       command[end] == '\n';
    if (before && after) return true;
  }
  return false;
}

// Whether the RUN bind-mounts the build context (bind is --mount's default
// type; `from=` mounts a stage or image instead).
bool MountsContext(const Instruction& run) {
  for (const std::string& flag : run.flags) {
    if (flag.rfind("mount=", 0) != 0) continue;
    const std::string_view spec = std::string_view(flag).substr(6);
    const bool bind = spec.find("type=") == std::string_view::npos ||
                      spec.find("type=bind") != std::string_view::npos;
    if (bind && spec.find("from=") == std::string_view::npos) return true;
  }
  return false;
}

// The command line of a RUN with its heredoc bodies.
std::string CommandOf(const Instruction& run) {
  std::string out = run.args;
  for (const Heredoc& h : run.heredocs) out += "\n" + h.body;
  return out;
}

}  // namespace

bool CommandMentions(std::string_view command, std::string_view path) {
  if (HasWord(command, path) || HasWord(command, go::Base(path))) return true;
  return HasGitComponent(path) && RunsGit(command);
}

std::vector<std::size_t> RunsThatRead(const Dockerfile& df, const Build& build,
                                      const ImageFiles& files, std::string_view file,
                                      std::string_view path) {
  const std::vector<std::vector<Placement>> placed = files.Place(file);
  std::vector<std::size_t> out;
  for (const Stage& stage : build.stages) {
    if (!stage.needed) continue;
    const bool holds = static_cast<std::size_t>(stage.index) < placed.size() &&
                       !placed[static_cast<std::size_t>(stage.index)].empty();
    for (const std::size_t i : stage.instructions) {
      const Instruction& in = df.instructions[i];
      if (in.keyword != "RUN" || !(holds || MountsContext(in))) continue;
      if (CommandMentions(CommandOf(in), path)) out.push_back(i);
    }
  }
  return out;
}

std::string CiteInstruction(const Dockerfile& df, std::size_t i) {
  const Instruction& in = df.instructions[i];
  std::string text = in.keyword;
  for (const std::string& flag : in.flags) text += " --" + flag;
  if (!in.args.empty()) text += " " + in.args;
  std::string squeezed;
  for (char c : text) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!blank) {
      squeezed += c;
    } else if (!squeezed.empty() && squeezed.back() != ' ') {
      squeezed += ' ';
    }
  }
  while (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
  constexpr std::size_t kMax = 60;
  if (squeezed.size() > kMax) squeezed = squeezed.substr(0, kMax - 3) + "...";
  return df.name + ":" + std::to_string(in.line) + " (" + squeezed + ")";
}

}  // namespace ctxscan
