// The parts of an image's config that can hold a secret, as text the content
// rules read like a file, one entry a line: "ENV NAME=value" for the
// environment, "LABEL key=value", "ENTRYPOINT [...]" and "CMD [...]" as JSON
// arrays, and "HISTORY <created_by>" for every history entry (build
// arguments a RUN used appear there in clear, as "|1 NAME=value /bin/sh -c
// ..."). Line breaks inside a value are written as "\n" so that each entry
// stays on its line.
//
// Covered by tests/unit/layer_changes_test.cc and tests/e2e/image_cli_test.py.
#pragma once

#include <string>

namespace ctxscan {

// The text of `config_json` (an image config); empty when it is not JSON.
std::string ConfigText(const std::string& config_json);

// The name the config's text is reported under.
inline constexpr const char* kConfigPath = "[image config]";

}  // namespace ctxscan
