// Probe for tests/layering/check.sh: nothing below the CLI may include its
// internal headers, so this include must not compile.
#include "cli/command.h"
