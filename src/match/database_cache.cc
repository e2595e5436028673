// Compiling and caching the Hyperscan database; see src/match/database_cache.h.
#include "match/database_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctxscan/version.h"
#include "match/cache_file.h"
#include "match/hyperscan_dialect.h"
#include "util/text.h"
#include "util/unique_fd.h"

namespace ctxscan {
namespace {

constexpr char kMagic[] = "ctxscan-hsdb-1\n";

// The CPU the databases are built for. Hyperscan compiles for the host, and
// a database built for features this CPU lacks fails when its scratch space
// is allocated: a cache shared between machines (a home directory on NFS, a
// CI cache, a volume) must not hand one CPU's database to another.
std::string PlatformLine() {
  hs_platform_info_t p{};
  if (hs_populate_platform(&p) != HS_SUCCESS) return "platform unknown\n";
  return "platform tune " + std::to_string(p.tune) + " features " + std::to_string(p.cpu_features) +
         "\n";
}

// Everything the databases depend on, verbatim.
std::string Fingerprint(const RuleSet& rules) {
  std::string f = std::string("ctxscan ") + kVersion + " dialect-4\nhyperscan " + hs_version() +
                  "\n" + PlatformLine();
  for (const ContentRule& cr : rules.content_rules()) {
    f += cr.rule->id + '\x1f' + cr.prefilter_pattern + '\x1f' + cr.gate_brand + '\x1e';
  }
  for (const std::string& anchor : rules.gate_anchors().patterns) f += anchor + '\x1e';
  return f;
}

// Patterns for one hs_compile_multi call, in Hyperscan's dialect.
struct PatternList {
  std::vector<std::string> text;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;

  Status Add(const std::string& re2_pattern, unsigned flag, unsigned id) {
    // RuleSet::Build already checked that every pattern translates.
    Result<std::string> hs_pattern = ToHyperscanDialect(re2_pattern, Repeats::kRelaxed);
    if (!hs_pattern.ok()) return hs_pattern.status();
    text.push_back(std::move(hs_pattern).value());
    flags.push_back(flag);
    ids.push_back(id);
    return Status::Ok();
  }
};

Result<HsDatabase> CompileList(const RuleSet& rules, const PatternList& list) {
  if (list.text.empty()) return HsDatabase();
  std::vector<const char*> patterns;
  for (const std::string& p : list.text) patterns.push_back(p.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  const hs_error_t rc =
      hs_compile_multi(patterns.data(), list.flags.data(), list.ids.data(),
                       static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db, &err);
  if (rc != HS_SUCCESS) {
    std::string msg = err ? err->message : "unknown error";
    if (err != nullptr && err->expression >= 0) {
      const unsigned id = list.ids[static_cast<std::size_t>(err->expression)];
      if (id < rules.content_rules().size()) {
        const Rule& r = *rules.content_rules()[id].rule;
        msg = r.origin + ": rule " + r.id + ": " + msg;
      }
    }
    hs_free_compile_error(err);
    return Status::Error("cannot compile the rule database: " + msg);
  }
  return HsDatabase(db);
}

Result<HsDatabases> Compile(const RuleSet& rules, EngineStats* stats) {
  const auto& content = rules.content_rules();
  PatternList always_on;
  PatternList brands;
  for (std::size_t i = 0; i < content.size(); ++i) {
    const auto id = static_cast<unsigned>(i);
    if (content[i].gate_lookback > 0) {
      if (Status s = brands.Add(content[i].gate_brand, 0, id); !s.ok()) return s;
      continue;
    }
    // A pattern that cannot be compiled exactly goes in prefilter mode.
    const unsigned f = content[i].approximate ? HS_FLAG_PREFILTER : 0;
    if (content[i].approximate) stats->prefilter_rules.push_back(content[i].rule->id);
    if (Status s = always_on.Add(content[i].prefilter_pattern, f, id); !s.ok()) return s;
  }
  const std::vector<std::string>& anchors = rules.gate_anchors().patterns;
  for (std::size_t k = 0; k < anchors.size(); ++k) {
    if (Status s = always_on.Add(anchors[k], 0, static_cast<unsigned>(content.size() + k));
        !s.ok()) {
      return s;
    }
  }
  HsDatabases out;
  Result<HsDatabase> main = CompileList(rules, always_on);
  if (!main.ok()) return main.status();
  out.always_on = std::move(main).value();
  Result<HsDatabase> gated = CompileList(rules, brands);
  if (!gated.ok()) return gated.status();
  out.brands = std::move(gated).value();
  return out;
}

// Reads a cache entry; returns null when absent or unusable.
HsDatabase ReadCache(const std::string& path, const std::string& fingerprint) {
  const std::optional<CachePayload> data = ReadCacheFile(path, kMagic, fingerprint);
  if (!data) return nullptr;
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(data->data().data(), data->data().size(), &db) != HS_SUCCESS) {
    return nullptr;
  }
  return HsDatabase(db);
}

void WriteCache(const std::string& dir, const std::string& path, const std::string& fingerprint,
                const HsDatabase& db) {
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(db.get(), &bytes, &length) != HS_SUCCESS) return;
  const HsMalloced<char> owned(bytes);
  WriteCacheFile(dir, path, kMagic, fingerprint, std::string_view(bytes, length));
}

std::size_t DatabaseBytes(const HsDatabases& dbs) {
  std::size_t total = 0;
  for (const HsDatabase* db : {&dbs.always_on, &dbs.brands}) {
    std::size_t size = 0;
    if (db->get() != nullptr && hs_database_size(db->get(), &size) == HS_SUCCESS) total += size;
  }
  return total;
}

}  // namespace

Result<HsScratch> HsScratch::Allocate(const HsDatabase& db) {
  hs_scratch_t* s = nullptr;
  if (hs_alloc_scratch(db.get(), &s) != HS_SUCCESS) {
    return Status::Error("cannot allocate hyperscan scratch space");
  }
  HsScratch out;
  out.scratch_.reset(s);
  return out;
}

Status HsScratch::Grow(const HsDatabase& db) {
  hs_scratch_t* s = scratch_.release();
  const hs_error_t rc = hs_alloc_scratch(db.get(), &s);
  scratch_.reset(s);
  if (rc != HS_SUCCESS) return Status::Error("cannot allocate hyperscan scratch space");
  return Status::Ok();
}

Result<HsDatabases> LoadOrCompileDatabases(const RuleSet& rules, const EngineOptions& options,
                                           EngineStats* stats) {
  if (rules.content_rules().empty()) return HsDatabases();
  for (const ContentRule& cr : rules.content_rules()) stats->gated_rules += cr.gate_lookback > 0;
  const std::string fingerprint = Fingerprint(rules);
  const bool gated = !rules.gate_anchors().patterns.empty();
  const std::string dir = options.use_cache ? CacheDirectory(options.cache_dir) : "";
  const std::string path = dir.empty() ? "" : dir + "/" + rules.digest() + ".hsdb";
  const std::string brand_path = dir.empty() ? "" : dir + "/" + rules.digest() + ".brands.hsdb";
  if (!path.empty()) {
    HsDatabases cached;
    cached.always_on = ReadCache(path, fingerprint);
    if (gated) cached.brands = ReadCache(brand_path, fingerprint);
    if (cached.always_on && (!gated || cached.brands)) {
      stats->from_cache = true;
      stats->database_bytes = DatabaseBytes(cached);
      for (const ContentRule& cr : rules.content_rules()) {
        if (cr.approximate && cr.gate_lookback == 0) stats->prefilter_rules.push_back(cr.rule->id);
      }
      return cached;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  Result<HsDatabases> dbs = Compile(rules, stats);
  if (!dbs.ok()) return dbs.status();
  stats->compile_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  stats->database_bytes = DatabaseBytes(*dbs);
  if (!path.empty()) {
    WriteCache(dir, path, fingerprint, dbs->always_on);
    if (gated) WriteCache(dir, brand_path, fingerprint, dbs->brands);
  }
  return dbs;
}

}  // namespace ctxscan
