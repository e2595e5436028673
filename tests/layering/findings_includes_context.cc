// Probe for tests/layering/check.sh: the findings stage does not link the
// context stage (docs/architecture.md), so this include must not compile.
#include "ctxscan/context/build_context.h"
