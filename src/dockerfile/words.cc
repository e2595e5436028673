// Shell-word processing; see include/ctxscan/dockerfile/words.h.
#include "ctxscan/dockerfile/words.h"

#include <cctype>

namespace ctxscan {
namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

class Processor {
 public:
  Processor(std::string_view s, char escape, const VarLookup* vars)
      : s_(s), escape_(escape), vars_(vars) {}

  // Processes the whole input, or up to an unquoted `stop` character (for
  // the word inside ${NAME:-word}); *end is where it stopped.
  Result<std::string> Run(char stop, std::size_t* end) {
    std::string out;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (stop != 0 && c == stop) break;
      if (c == escape_ && i_ + 1 < s_.size()) {
        out += s_[i_ + 1];
        i_ += 2;
      } else if (c == '\'') {
        const std::size_t close = s_.find('\'', i_ + 1);
        if (close == std::string_view::npos) return Status::Error("unterminated single quote");
        out += s_.substr(i_ + 1, close - i_ - 1);
        i_ = close + 1;
      } else if (c == '"') {
        ++i_;
        bool closed = false;
        while (i_ < s_.size()) {
          const char d = s_[i_];
          if (d == '"') {
            closed = true;
            ++i_;
            break;
          }
          if (d == escape_ && i_ + 1 < s_.size() &&
              (s_[i_ + 1] == '"' || s_[i_ + 1] == '$' || s_[i_ + 1] == escape_)) {
            out += s_[i_ + 1];
            i_ += 2;
          } else if (d == '$') {
            Result<std::string> v = Variable();
            if (!v.ok()) return v;
            out += *v;
          } else {
            out += d;
            ++i_;
          }
        }
        if (!closed) return Status::Error("unterminated double quote");
      } else if (c == '$') {
        Result<std::string> v = Variable();
        if (!v.ok()) return v;
        out += *v;
      } else {
        out += c;
        ++i_;
      }
    }
    if (end != nullptr) *end = i_;
    return out;
  }

 private:
  // At a '$': the expansion (or the reference as written, without vars).
  Result<std::string> Variable() {
    const std::size_t start = i_;
    ++i_;  // '$'
    if (i_ >= s_.size()) return std::string("$");
    if (s_[i_] != '{') {
      std::size_t j = i_;
      if (std::isdigit(static_cast<unsigned char>(s_[j])) != 0) {
        ++j;  // $0 to $9: one digit, as in the shell
      } else {
        while (j < s_.size() && IsNameChar(s_[j])) ++j;
      }
      if (j == i_) return std::string("$");  // a lone '$'
      const std::string_view name = s_.substr(i_, j - i_);
      i_ = j;
      if (vars_ == nullptr) return std::string(s_.substr(start, j - start));
      return (*vars_)(name).value_or("");
    }
    ++i_;  // '{'
    std::size_t j = i_;
    while (j < s_.size() && IsNameChar(s_[j])) ++j;
    if (j == i_) return Status::Error("bad substitution: a variable name must follow ${");
    const std::string name(s_.substr(i_, j - i_));
    i_ = j;
    if (i_ >= s_.size()) return Status::Error("missing } after ${" + name);
    if (s_[i_] == '}') {
      ++i_;
      if (vars_ == nullptr) return std::string(s_.substr(start, i_ - start));
      return (*vars_)(name).value_or("");
    }
    bool colon = false;
    if (s_[i_] == ':') {
      colon = true;
      ++i_;
    }
    if (i_ >= s_.size()) return Status::Error("missing } after ${" + name);
    const char op = s_[i_];
    if (op != '-' && op != '+' && op != '?') {
      return Status::Error("unsupported modifier '" + std::string(1, op) + "' in ${" + name +
                           "...}");
    }
    ++i_;
    std::size_t end = 0;
    Result<std::string> word = Run('}', &end);
    if (!word.ok()) return word;
    if (i_ >= s_.size() || s_[i_] != '}') return Status::Error("missing } after ${" + name);
    ++i_;
    if (vars_ == nullptr) return std::string(s_.substr(start, i_ - start));
    const std::optional<std::string> value = (*vars_)(name);
    const bool set = value.has_value() && (!colon || !value->empty());
    switch (op) {
      case '-':
        return set ? *value : *word;
      case '+':
        return set ? *word : std::string();
      default:
        if (!set) return Status::Error(name + ": " + (word->empty() ? "is not set" : *word));
        return *value;
    }
  }

  std::string_view s_;
  char escape_;
  const VarLookup* vars_;
  std::size_t i_ = 0;
};

}  // namespace

Result<std::string> ProcessWord(std::string_view word, char escape, const VarLookup* vars) {
  Processor p(word, escape, vars);
  return p.Run(0, nullptr);
}

std::vector<std::string> SplitWords(std::string_view text, char escape) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == 0 && (c == ' ' || c == '\t' || c == '\n')) {
      if (in_word) out.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    word += c;
    if (c == escape && quote != '\'' && i + 1 < text.size()) {
      word += text[++i];
    } else if (quote == 0 && (c == '\'' || c == '"')) {
      quote = c;
    } else if (c == quote) {
      quote = 0;
    }
  }
  if (in_word) out.push_back(std::move(word));
  return out;
}

Result<std::vector<std::string>> ProcessWords(std::string_view text, char escape,
                                              const VarLookup* vars) {
  std::vector<std::string> out;
  for (const std::string& w : SplitWords(text, escape)) {
    Result<std::string> p = ProcessWord(w, escape, vars);
    if (!p.ok()) return p.status();
    // BuildKit's lexer keeps only words that are not empty: `a $UNSET` and
    // `a ""` are one word.
    if (!p->empty()) out.push_back(std::move(p).value());
  }
  return out;
}

}  // namespace ctxscan
