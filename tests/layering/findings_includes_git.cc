// Probe for tests/layering/check.sh: the findings stage does not link the
// git stage (docs/architecture.md), so this include must not compile.
#include "ctxscan/git/history.h"
