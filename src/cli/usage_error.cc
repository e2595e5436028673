// Explaining a rejected command line; see src/cli/usage_error.h.
#include "cli/usage_error.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace ctxscan::cli {
namespace {

// The commands of `app`, in the order they were registered.
std::vector<const CLI::App*> Commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* FindCommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* c : Commands(app)) {
    if (c->check_name(name)) return c;
  }
  return nullptr;
}

// "rules list": the words that select `app` below the program.
std::string CommandPath(const CLI::App& app) {
  std::vector<std::string> words;  // innermost first
  for (const CLI::App* a = &app; a->get_parent() != nullptr; a = a->get_parent()) {
    words.push_back(a->get_name());
  }
  std::string path;
  for (auto w = words.rbegin(); w != words.rend(); ++w) {
    if (!path.empty()) path += ' ';
    path += *w;
  }
  return path;
}

std::string Prefixed(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + " " + name;
}

// "; commands: rules list, rules check", or a suggestion for `word`.
std::string CommandHint(const CLI::App& app, const std::string& word) {
  const std::string path = CommandPath(app);
  std::vector<std::string> names;
  for (const CLI::App* c : Commands(app)) names.push_back(c->get_name());
  if (!word.empty()) {
    if (std::optional<std::string> near = NearestName(word, names)) {
      return "; did you mean \"" + Prefixed(path, *near) + "\"?";
    }
  }
  std::string out = "; commands: ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : ", ") + Prefixed(path, names[i]);
  }
  return out;
}

std::string UnknownOption(const CLI::App& app, const std::string& name) {
  std::string out = "unknown option " + name;
  if (!name.starts_with("--")) return out;  // one letter: any guess is noise
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& l : o->get_lnames()) names.push_back(l);
  }
  if (std::optional<std::string> near = NearestName(name.substr(2), names)) {
    out += "; did you mean --" + *near + "?";
  }
  return out;
}

// How many positional arguments `app` takes (a list: no limit), and its
// usage line ("ctxscan scan [OPTIONS] [DIR]").
std::size_t PositionalCapacity(const CLI::App& app, std::string* usage) {
  *usage = "ctxscan " + CommandPath(app) + " [OPTIONS]";
  std::size_t capacity = 0;
  for (const CLI::Option* o : app.get_options()) {
    if (!o->get_positional() || o->nonpositional()) continue;
    const int most = o->get_items_expected_max();
    const bool list = most >= CLI::detail::expected_max_vector_size;
    capacity = list ? std::numeric_limits<std::size_t>::max()
                    : capacity + static_cast<std::size_t>(std::max(most, 0));
    const std::string name = o->get_name() + (list ? "..." : "");
    *usage += " " + (o->get_required() ? name : "[" + name + "]");
  }
  return capacity;
}

bool LooksLikeOption(const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-') return false;
  return !(arg[1] >= '0' && arg[1] <= '9');  // a negative number is a value
}

}  // namespace

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: i-2, i-1, i.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& candidates) {
  const std::size_t limit = word.size() <= 4 ? 1 : 2;
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = EditDistance(word, c);
    if (d < best_distance && d < c.size()) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::optional<std::string> DiagnoseCommandLine(const CLI::App& app,
                                               const std::vector<std::string>& args) {
  const CLI::App* at = &app;
  std::size_t positionals = 0;
  bool options_done = false;  // after "--", every argument is a positional
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--" && !options_done) {
      options_done = true;
      continue;
    }
    if (!options_done && LooksLikeOption(arg)) {
      const bool is_long = arg.starts_with("--");
      const std::size_t eq = arg.find('=');
      const std::string name = is_long ? arg.substr(0, eq) : arg.substr(0, 2);
      const bool attached = is_long ? eq != std::string::npos : arg.size() > 2;
      const CLI::Option* option = at->get_option_no_throw(name);
      if (option == nullptr) return UnknownOption(*at, name);
      if (option->get_expected_max() > 0 && !attached) ++i;  // its value
      continue;
    }
    std::string usage;
    const std::size_t capacity = PositionalCapacity(*at, &usage);
    if (capacity == 0 && !Commands(*at).empty() && positionals == 0) {
      const CLI::App* next = FindCommand(*at, arg);
      if (next == nullptr) {
        return "unknown command \"" + Prefixed(CommandPath(*at), arg) + "\"" +
               CommandHint(*at, arg);
      }
      at = next;
      continue;
    }
    if (++positionals > capacity) {
      std::string message = "unexpected argument \"";
      message += arg;
      message += "\" (usage: ";
      message += usage;
      message += ")";
      return message;
    }
  }
  if (at->get_require_subcommand_min() > 0) {
    const std::string path = CommandPath(*at);
    return "no command given" + (path.empty() ? "" : " after \"" + path + "\"") +
           CommandHint(*at, "");
  }
  return std::nullopt;
}

}  // namespace ctxscan::cli
