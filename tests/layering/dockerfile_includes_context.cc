// Probe for tests/layering/check.sh: the dockerfile stage does not link the
// context stage (docs/architecture.md; the .dockerignore matcher it uses for
// COPY --exclude is in util), so this include must not compile.
#include "ctxscan/context/build_context.h"
