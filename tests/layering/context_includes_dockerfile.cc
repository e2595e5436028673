// Probe for tests/layering/check.sh: the context stage does not link the
// dockerfile stage (docs/architecture.md), so this include must not compile.
#include "ctxscan/dockerfile/parser.h"
