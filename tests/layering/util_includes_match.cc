// Probe for tests/layering/check.sh: the util stage does not link the
// match stage (docs/architecture.md), so this include must not compile.
#include "ctxscan/match/rule.h"
