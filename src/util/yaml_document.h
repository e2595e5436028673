// Loading a YAML document with errors in the project's shape:
// "FILE:LINE: invalid YAML: reason". Shared by the rule loader and the
// project configuration.
//
// Covered by tests/unit/rules_test.cc and tests/unit/compose_analysis_test.cc.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "ctxscan/status.h"

namespace ctxscan {

// Parses `text`; `source` names it in the error.
inline Result<YAML::Node> LoadYamlDocument(std::string_view text, std::string_view source) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return Status::Error(std::string(source) + ":" + std::to_string(e.mark.line + 1) +
                         ": invalid YAML: " + e.msg);
  }
}

}  // namespace ctxscan
