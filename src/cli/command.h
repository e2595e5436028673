// What a subcommand file provides: it registers its options on the CLI11 app
// and returns the action to run once parsing succeeded. Each subcommand is
// one file with an options struct and a Run function.
//
// Covered by tests/e2e/cli_usage_test.py.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "ctxscan/status.h"

namespace ctxscan::cli {

// Runs a parsed subcommand and returns its exit code.
using Action = std::function<ExitCode()>;

// Each Register function adds its subcommand to `app` and, once parsing
// selects it, sets *chosen to its action. app.cc holds the table of them.

// Registers `ctxscan context ...`.
void RegisterContextCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan scan`.
void RegisterScanCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan git`.
void RegisterGitCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan image`.
void RegisterImageCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan dockerignore suggest`.
void RegisterDockerignoreCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan baseline create`.
void RegisterBaselineCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan merge`.
void RegisterMergeCommand(CLI::App& app, Action* chosen);

// Registers `ctxscan rules ...`.
void RegisterRulesCommand(CLI::App& app, Action* chosen);

}  // namespace ctxscan::cli
