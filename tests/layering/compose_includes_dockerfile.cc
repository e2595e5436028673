// Probe for tests/layering/check.sh: the compose stage does not link the
// dockerfile stage (docs/architecture.md), so this include must not compile.
#include "dockerfile/analysis.h"
