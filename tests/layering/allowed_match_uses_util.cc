// Control for tests/layering/check.sh: the match stage may include util's
// headers (match -> util is an arrow), so this file must compile. If it does
// not, the probes below fail for some other reason and prove nothing.
#include "ctxscan/match/rule.h"
#include "ctxscan/util/pattern.h"
#include "util/text.h"
