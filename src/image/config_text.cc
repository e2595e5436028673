// The image config as text; see config_text.h.
#include "image/config_text.h"

#include <nlohmann/json.hpp>

namespace ctxscan {
namespace {

using Json = nlohmann::json;

std::string OneLine(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string ConfigText(const std::string& config_json) {
  const Json config = Json::parse(config_json, nullptr, false);
  if (config.is_discarded() || !config.is_object()) return "";
  std::string out;
  auto inner = config.find("config");
  if (inner != config.end() && inner->is_object()) {
    if (auto env = inner->find("Env"); env != inner->end() && env->is_array()) {
      for (const Json& e : *env) {
        if (e.is_string()) out += "ENV " + OneLine(e.get<std::string>()) + "\n";
      }
    }
    if (auto labels = inner->find("Labels"); labels != inner->end() && labels->is_object()) {
      for (const auto& [key, value] : labels->items()) {
        if (value.is_string())
          out += "LABEL " + OneLine(key + "=" + value.get<std::string>()) + "\n";
      }
    }
    for (const char* key : {"Entrypoint", "Cmd"}) {
      auto it = inner->find(key);
      if (it == inner->end() || it->is_null()) continue;
      std::string name = key;
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += name + " " + OneLine(it->dump()) + "\n";
    }
  }
  if (auto history = config.find("history"); history != config.end() && history->is_array()) {
    for (const Json& h : *history) {
      auto by = h.find("created_by");
      if (by != h.end() && by->is_string())
        out += "HISTORY " + OneLine(by->get<std::string>()) + "\n";
    }
  }
  return out;
}

}  // namespace ctxscan
