// Probe for tests/layering/check.sh: the image stage does not link the
// match stage (docs/architecture.md), so this include must not compile.
#include "ctxscan/match/engine.h"
