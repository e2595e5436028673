// Which content rules the installed Hyperscan cannot be trusted with on
// this machine. Vectorscan 5.4.9 (Debian 12's libvectorscan5) on AVX-512
// CPUs misses matches of patterns led by one literal byte and a class
// (`\bq[a-z0-9]{20}\b`) once they are past the first 64 bytes of a scan,
// alone or among hundreds of other patterns: a secret the prefilter never
// shows to RE2 is a secret lost. None of the default rules is affected
// here, but a user's rule may be, and another CPU or library version may
// fail elsewhere.
//
// So the engine checks, when it is created: each content rule's examples
// are placed in one text at many offsets (different alignments to 64-byte
// blocks, 16 placements per rule), and Hyperscan's stage of the engine
// (Engine::Candidates) scans it. A rule none of whose windows covers its
// example there, although RE2 alone finds it in the same text, is
// "untrusted": Engine::Scan then runs that rule's
// RE2 over the whole text instead of over Hyperscan's windows (slower,
// never blind), and EngineStats::untrusted_rules names it so the command
// line can say so. The probe costs about 50 ms for the default rules, so its
// verdict is cached beside the compiled database (<digest>.probe), keyed by
// the rule set, the Hyperscan version and the CPU's features.
//
// Covered by tests/unit/hyperscan_probe_test.cc.
#pragma once

#include <cstdint>
#include <vector>

#include "ctxscan/match/engine.h"

namespace ctxscan {

// The indexes (into engine.rules().content_rules()) of the rules the engine
// misses in the probe text, sorted.
std::vector<std::uint32_t> FindUntrustedRules(const Engine& engine);

// The same verdict, from the cache of `options` when it holds one for this
// rule set, Hyperscan and CPU; else probed, and cached when it can be.
std::vector<std::uint32_t> UntrustedRules(const Engine& engine, const EngineOptions& options);

}  // namespace ctxscan
