// The command-line front end: option parsing with CLI11 and dispatch to the
// subcommands. CLI11's exceptions stop here; everything below returns values.
//
// Thread safety: call once, from main.
//
// Covered by tests/e2e/cli_usage_test.py.
#pragma once

namespace ctxscan::cli {

// Parses argv, runs the chosen subcommand and returns the process exit code
// (0 clean, 1 findings, 2 usage or runtime error).
int Main(int argc, char** argv);

}  // namespace ctxscan::cli
