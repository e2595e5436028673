// What a subcommand file provides: it registers its options on the CLI11 app
// and returns the action to run once parsing succeeded. Each subcommand is
// one file with an options struct and a Run function.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

namespace ctxscan::cli {

// Runs a parsed subcommand and returns its exit code.
using Action = std::function<int()>;

// Registers `ctxscan context ...` on `app`; sets *chosen when it is selected.
void RegisterContextCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan scan`.
void RegisterScanCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan rules ...`.
void RegisterRulesCommand(CLI::App& app, Action* chosen);

}  // namespace ctxscan::cli
