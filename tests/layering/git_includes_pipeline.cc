// Probe for tests/layering/check.sh: a source stage (git) does not see the
// pipeline that drives it, so this include must not compile.
#include "ctxscan/pipeline/scan_pipeline.h"
