// Probe for tests/layering/check.sh: the git stage does not link the
// context stage (docs/architecture.md; the pipeline hands it the build
// context's paths), so this include must not compile.
#include "ctxscan/context/build_context.h"
