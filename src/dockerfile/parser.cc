// Parsing a Dockerfile; see include/ctxscan/dockerfile/parser.h.
#include "ctxscan/dockerfile/parser.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "ctxscan/dockerfile/words.h"
#include "util/text.h"

namespace ctxscan {
namespace {

const std::set<std::string>& Keywords() {
  static const std::set<std::string> k = {
      "ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
      "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
      "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR"};
  return k;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsComment(std::string_view line) {
  const std::string_view t = TrimLeft(line);
  return !t.empty() && t.front() == '#';
}

// A `# name=value` parser directive: its lower-cased name and value.
bool ParseDirective(std::string_view line, std::string* name, std::string* value) {
  std::string_view t = TrimLeft(line);
  if (t.empty() || t.front() != '#') return false;
  t = TrimLeft(t.substr(1));
  std::size_t i = 0;
  while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) != 0)) ++i;
  if (i == 0 || std::isalpha(static_cast<unsigned char>(t[0])) == 0) return false;
  *name = AsciiLower(t.substr(0, i));
  std::string_view rest = TrimLeft(t.substr(i));
  if (rest.empty() || rest.front() != '=') return false;
  *value = std::string(TrimRight(TrimLeft(rest.substr(1))));
  return true;
}

struct Marker {
  std::string word;
  bool strip_tabs;
  bool expand;
};

// The heredoc markers of an instruction's text, in order.
std::vector<Marker> HeredocMarkers(std::string_view s) {
  std::vector<Marker> out;
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    // A marker starts a word: `cat <<EOF`, not the shift in `$((1<<2))`.
    if (s[i] != '<' || s[i + 1] != '<' || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t')) continue;
    std::size_t j = i + 2;
    Marker m{"", false, true};
    if (j < s.size() && s[j] == '-') {
      m.strip_tabs = true;
      ++j;
    }
    char quote = 0;
    if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
      quote = s[j++];
      m.expand = false;
    }
    const std::size_t start = j;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) != 0 || s[j] == '_' ||
                            s[j] == '-' || s[j] == '.')) {
      ++j;
    }
    if (j == start) continue;
    if (quote != 0) {
      if (j >= s.size() || s[j] != quote) continue;
    }
    m.word = std::string(s.substr(start, j - start));
    out.push_back(std::move(m));
    i = j;
  }
  return out;
}

}  // namespace

std::optional<std::string> Instruction::Flag(std::string_view name) const {
  for (const std::string& f : flags) {
    const std::size_t eq = f.find('=');
    if (std::string_view(f).substr(0, eq) == name) {
      return eq == std::string::npos ? std::string() : f.substr(eq + 1);
    }
  }
  return std::nullopt;
}

namespace {

// `name:LINE: why`, for 0-based `line`.
Status LineError(const std::string& name, std::size_t line, const std::string& why) {
  return Status::Error(StatusCode::kInvalidArgument,
                       name + ":" + std::to_string(line + 1) + ": " + why);
}

// The lines of `text`, without their "\n" or "\r\n".
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = end + 1;
  }
  return lines;
}

// Parser directives: the leading comment lines of the form `# k=v`. Sets
// `*i` to the first line after them.
Status ParseDirectives(const std::vector<std::string_view>& lines, std::size_t* i, Dockerfile* df) {
  std::set<std::string> seen;
  for (; *i < lines.size(); ++*i) {
    std::string key;
    std::string value;
    if (!ParseDirective(lines[*i], &key, &value)) break;
    if (key != "syntax" && key != "escape" && key != "check") break;  // a comment: directives end
    if (!seen.insert(key).second) {
      return LineError(df->name, *i, "parser directive \"" + key + "\" given twice");
    }
    if (key == "escape") {
      if (value != "\\" && value != "`") {
        return LineError(df->name, *i,
                         "invalid escape character \"" + value + "\": must be \\ or `");
      }
      df->escape = value[0];
    } else if (key == "syntax") {
      df->syntax = value;
    } else {
      df->check = value;
    }
  }
  return Status::Ok();
}

// The instruction starting at line `first`, its continued lines joined,
// dropping comment and blank lines between them; sets `*last` to its last line.
std::string JoinContinued(const std::vector<std::string_view>& lines, std::size_t first,
                          char escape, std::size_t* last) {
  std::string joined;
  std::string_view current = lines[first];
  *last = first;
  while (true) {
    const std::string_view trimmed = TrimRight(current);
    if (trimmed.empty() || trimmed.back() != escape) {
      joined += current;
      break;
    }
    joined += trimmed.substr(0, trimmed.size() - 1);
    std::size_t next = *last + 1;
    while (next < lines.size() && (IsComment(lines[next]) || IsBlank(lines[next]))) ++next;
    if (next >= lines.size()) break;  // a trailing escape at the end of the file
    *last = next;
    current = lines[next];
  }
  return joined;
}

// Fills the keyword, flags and arguments (and their JSON form) of `ins`
// from its joined text.
Status ParseInstructionText(std::string_view joined, const std::string& name, Instruction* ins) {
  std::string_view rest = TrimLeft(joined);
  std::size_t k = 0;
  while (k < rest.size() && rest[k] != ' ' && rest[k] != '\t') ++k;
  ins->keyword = AsciiUpper(rest.substr(0, k));
  if (Keywords().count(ins->keyword) == 0) {
    return LineError(name, static_cast<std::size_t>(ins->line - 1),
                     "unknown instruction: " + std::string(rest.substr(0, k)));
  }
  rest = TrimLeft(rest.substr(k));
  static const std::set<std::string> kWithFlags = {"FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"};
  if (kWithFlags.count(ins->keyword) != 0) {
    while (rest.substr(0, 2) == "--" && rest.size() > 2 && rest[2] != ' ') {
      std::size_t e = 0;
      while (e < rest.size() && rest[e] != ' ' && rest[e] != '\t') ++e;
      ins->flags.emplace_back(rest.substr(2, e - 2));
      rest = TrimLeft(rest.substr(e));
    }
  }
  ins->args = std::string(TrimRight(rest));
  if (!ins->args.empty() && ins->args.front() == '[') {
    const nlohmann::json j = nlohmann::json::parse(ins->args, nullptr, false);
    if (j.is_array() &&
        std::all_of(j.begin(), j.end(), [](const auto& e) { return e.is_string(); })) {
      ins->json = true;
      for (const auto& e : j) ins->json_args.push_back(e.template get<std::string>());
    }
  }
  return Status::Ok();
}

// Reads the bodies of the heredocs `ins` opens, from line `*i` on; sets
// `*i` to the line after the last one.
Status ReadHeredocs(const std::vector<std::string_view>& lines, const std::string& name,
                    std::size_t* i, Instruction* ins) {
  for (const Marker& m : HeredocMarkers(ins->args)) {
    Heredoc h{m.word, "", m.expand, m.strip_tabs};
    bool closed = false;
    for (; *i < lines.size(); ++*i) {
      std::string_view l = lines[*i];
      if (m.strip_tabs) {
        while (!l.empty() && l.front() == '\t') l.remove_prefix(1);
      }
      if (l == m.word) {
        closed = true;
        ++*i;
        break;
      }
      h.body += std::string(l) + "\n";
    }
    if (!closed) {
      return LineError(name, static_cast<std::size_t>(ins->line - 1),
                       "heredoc \"" + m.word + "\" is not terminated");
    }
    ins->heredocs.push_back(std::move(h));
  }
  return Status::Ok();
}

}  // namespace

Result<Dockerfile> ParseDockerfile(std::string_view text, std::string_view name) {
  Dockerfile df;
  df.name = std::string(name);
  const std::vector<std::string_view> lines = SplitLines(text);
  std::size_t i = 0;
  if (Status s = ParseDirectives(lines, &i, &df); !s.ok()) return s;
  while (i < lines.size()) {
    if (IsBlank(lines[i]) || IsComment(lines[i])) {
      ++i;
      continue;
    }
    Instruction ins;
    ins.line = static_cast<int>(i) + 1;
    std::size_t last = i;
    const std::string joined = JoinContinued(lines, i, df.escape, &last);
    i = last + 1;
    if (Status s = ParseInstructionText(joined, df.name, &ins); !s.ok()) return s;
    if (!ins.json && (ins.keyword == "RUN" || ins.keyword == "COPY" || ins.keyword == "ADD")) {
      if (Status s = ReadHeredocs(lines, df.name, &i, &ins); !s.ok()) return s;
    }
    ins.end_line = static_cast<int>(i);
    df.instructions.push_back(std::move(ins));
  }
  return df;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseKeyValues(std::string_view args,
                                                                        char escape,
                                                                        bool allow_legacy,
                                                                        const VarLookup* vars) {
  std::vector<std::pair<std::string, std::string>> out;
  args = TrimRight(TrimLeft(args));
  if (args.empty()) return Status::Error("missing arguments");
  const std::vector<std::string> words = SplitWords(args, escape);
  // Legacy `KEY value with spaces`: the first word has no '='.
  if (allow_legacy && words.front().find('=') == std::string::npos) {
    const std::string_view rest = TrimLeft(args.substr(words.front().size()));
    Result<std::string> value = ProcessWord(rest, escape, vars);
    if (!value.ok()) return value.status();
    out.emplace_back(words.front(), std::move(value).value());
    return out;
  }
  for (const std::string& w : words) {
    const std::size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::Error("\"" + w + "\" is not of the form name=value");
    }
    Result<std::string> key = ProcessWord(std::string_view(w).substr(0, eq), escape, nullptr);
    Result<std::string> value = ProcessWord(std::string_view(w).substr(eq + 1), escape, vars);
    if (!key.ok()) return key.status();
    if (!value.ok()) return value.status();
    out.emplace_back(std::move(key).value(), std::move(value).value());
  }
  return out;
}

}  // namespace ctxscan
