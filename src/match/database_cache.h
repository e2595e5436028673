// Owning wrappers for Hyperscan handles, compiling the prefilter database,
// and caching it on disk by ruleset digest so a run does not pay the compile
// again.
//
// Cache file: $XDG_CACHE_HOME/ctxscan/<digest>.hsdb (else ~/.cache/ctxscan),
// mode 0600 in a 0700 directory, written to a temporary name and renamed. It
// starts with a header holding the exact pattern list, the Hyperscan version,
// the CPU the database was built for (Hyperscan's tune and feature flags)
// and a checksum of the serialized database; anything that does not match
// (corrupt, truncated, foreign, other CPU) is ignored and rebuilt. Where no
// cache directory is writable, the run just compiles.
//
// Covered by tests/unit/rules_test.cc.
#pragma once

#include <hs/hs.h>

#include <cstdlib>
#include <memory>

#include "ctxscan/match/engine.h"

namespace ctxscan {

// Frees what Hyperscan allocates with its default allocator (malloc):
// expression info and serialized databases.
struct HsFree {
  void operator()(void* p) const { std::free(p); }  // NOLINT(cppcoreguidelines-no-malloc)
};
template <typename T>
using HsMalloced = std::unique_ptr<T, HsFree>;

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;

class HsScratch {
 public:
  HsScratch() = default;
  static Result<HsScratch> Allocate(const HsDatabase& db);
  // Makes the scratch big enough for `db` as well (one scratch serves
  // several databases, one scan at a time).
  Status Grow(const HsDatabase& db);
  hs_scratch_t* get() const { return scratch_.get(); }

 private:
  struct Deleter {
    void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
  };
  std::unique_ptr<hs_scratch_t, Deleter> scratch_;
};

// The engine's databases: the always-on one (every content rule not behind
// the keyed gate, plus the gate's anchors, ids content_rules().size() + k),
// and the gated rules' brands (null when no rule is gated).
struct HsDatabases {
  HsDatabase always_on;
  HsDatabase brands;
};

// Loads the databases for `rules` from the cache or compiles (and caches)
// them; fills `stats`. Returns null databases when there are no content
// rules.
Result<HsDatabases> LoadOrCompileDatabases(const RuleSet& rules, const EngineOptions& options,
                                           EngineStats* stats);

}  // namespace ctxscan
