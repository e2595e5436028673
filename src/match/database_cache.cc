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

std::string CacheDir(const EngineOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/ctxscan";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    return std::string(home) + "/.cache/ctxscan";
  }
  return "";
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
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    unsigned f = 0;
    // A pattern that cannot be compiled exactly goes in prefilter mode.
    if (hs_expression_info(p.c_str(), 0, &info, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      f = HS_FLAG_PREFILTER;
      stats->prefilter_rules.push_back(content[i].rule->id);
    } else {
      HsMalloced<hs_expr_info_t> owned(info);
    }
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
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string data = buf.str();
  std::string_view rest = data;
  const std::string_view magic(kMagic);
  if (!rest.starts_with(magic)) return nullptr;
  rest.remove_prefix(magic.size());
  if (rest.size() < fingerprint.size() + 16 || rest.substr(0, fingerprint.size()) != fingerprint) {
    return nullptr;
  }
  rest.remove_prefix(fingerprint.size());
  std::uint64_t sum = 0;
  std::memcpy(&sum, rest.data(), 8);
  rest.remove_prefix(8);
  if (Fnv1a64(rest) != sum) return nullptr;
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(rest.data(), rest.size(), &db) != HS_SUCCESS) return nullptr;
  return HsDatabase(db);
}

void WriteCache(const std::string& dir, const std::string& path, const std::string& fingerprint,
                const HsDatabase& db) {
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(db.get(), &bytes, &length) != HS_SUCCESS) return;
  const HsMalloced<char> owned(bytes);
  const std::string serialized(bytes, length);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return;
  std::string out = kMagic + fingerprint;
  const std::uint64_t sum = Fnv1a64(serialized);
  out.append(reinterpret_cast<const char*>(&sum), 8);
  out += serialized;
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(fd.get(), out.data() + done, out.size() - done);
    if (n <= 0) {
      ::unlink(tmp.c_str());
      return;
    }
    done += static_cast<std::size_t>(n);
  }
  fd.Reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
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
  const std::string dir = options.use_cache ? CacheDir(options) : "";
  const std::string path = dir.empty() ? "" : dir + "/" + rules.digest() + ".hsdb";
  if (!path.empty()) {
    if (HsDatabase db = ReadCache(path, fingerprint)) {
      stats->from_cache = true;
      hs_database_size(db.get(), &stats->database_bytes);
      // Prefilter-mode rules are a property of the patterns; recompute the list.
      for (const ContentRule& cr : rules.content_rules()) {
        hs_expr_info_t* info = nullptr;
        hs_compile_error_t* err = nullptr;
        Result<std::string> hs_pattern = ToHyperscanDialect(cr.prefilter_pattern, Repeats::kRelaxed);
        if (!hs_pattern.ok() ||
            hs_expression_info(hs_pattern->c_str(), 0, &info, &err) != HS_SUCCESS) {
          hs_free_compile_error(err);
          stats->prefilter_rules.push_back(cr.rule->id);
        } else {
          HsMalloced<hs_expr_info_t> owned(info);
        }
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
