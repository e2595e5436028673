// ctxscan: finds secrets in what `docker build` would send, and in git history.
// All logic lives in libctxscan; this file only hands over to the CLI.
#include "cli/app.h"

int main(int argc, char** argv) { return ctxscan::cli::Main(argc, argv); }
