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

#include "ctxscan/util/unique_fd.h"
#include "ctxscan/version.h"
#include "match/cache_file.h"
#include "match/hyperscan_dialect.h"
#include "util/text.h"

namespace ctxscan {
namespace {

constexpr char kMagic[] = "ctxscan-hsdb-1\n";

// Everything the database depends on, verbatim.
std::string Fingerprint(const RuleSet& rules) {
  std::string f =
      std::string("ctxscan ") + kVersion + " dialect-3\nhyperscan " + hs_version() + "\n";
  for (const ContentRule& cr : rules.content_rules()) {
    f += cr.rule->id + '\x1f' + cr.prefilter_pattern + '\x1e';
  }
  return f;
}

Result<HsDatabase> Compile(const RuleSet& rules, EngineStats* stats) {
  const auto& content = rules.content_rules();
  std::vector<std::string> translated;
  translated.reserve(content.size());
  std::vector<const char*> patterns;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < content.size(); ++i) {
    // RuleSet::Build already checked that every pattern translates.
    Result<std::string> hs_pattern =
        ToHyperscanDialect(content[i].prefilter_pattern, Repeats::kRelaxed);
    if (!hs_pattern.ok()) return hs_pattern.status();
    translated.push_back(std::move(hs_pattern).value());
    const std::string& p = translated.back();
    // A pattern that cannot be compiled exactly goes in prefilter mode.
    const unsigned f = content[i].approximate ? HS_FLAG_PREFILTER : 0;
    if (content[i].approximate) stats->prefilter_rules.push_back(content[i].rule->id);
    patterns.push_back(p.c_str());
    flags.push_back(f);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  const hs_error_t rc =
      hs_compile_multi(patterns.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db, &err);
  if (rc != HS_SUCCESS) {
    std::string msg = err ? err->message : "unknown error";
    if (err != nullptr && err->expression >= 0) {
      const Rule& r = *content[static_cast<std::size_t>(err->expression)].rule;
      msg = r.origin + ": rule " + r.id + ": " + msg;
    }
    hs_free_compile_error(err);
    return Status::Error("cannot compile the rule database: " + msg);
  }
  return HsDatabase(db);
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

Result<HsDatabase> LoadOrCompileDatabase(const RuleSet& rules, const EngineOptions& options,
                                         EngineStats* stats) {
  if (rules.content_rules().empty()) return HsDatabase();
  const std::string fingerprint = Fingerprint(rules);
  const std::string dir = options.use_cache ? CacheDirectory(options.cache_dir) : "";
  const std::string path = dir.empty() ? "" : dir + "/" + rules.digest() + ".hsdb";
  if (!path.empty()) {
    if (HsDatabase db = ReadCache(path, fingerprint)) {
      stats->from_cache = true;
      hs_database_size(db.get(), &stats->database_bytes);
      for (const ContentRule& cr : rules.content_rules()) {
        if (cr.approximate) stats->prefilter_rules.push_back(cr.rule->id);
      }
      return db;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  Result<HsDatabase> db = Compile(rules, stats);
  if (!db.ok()) return db.status();
  stats->compile_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  hs_database_size(db->get(), &stats->database_bytes);
  if (!path.empty()) WriteCache(dir, path, fingerprint, *db);
  return db;
}

}  // namespace ctxscan
