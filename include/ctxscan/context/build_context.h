// What `docker build` sends: the rules that decide it (which builder, which
// ignore file, which patterns) and the walk that applies them to a directory.
//
// The two builders walk the context differently, and the walk matters because
// a directory that is excluded may or may not be descended into:
//   BuildKit (default since Docker 23; fsutil's walker) descends into an
//     excluded directory unless every exception is a plain path prefix that
//     cannot reach below it; a directory is sent if it is included or if
//     anything below it is sent.
//   Classic builder (DOCKER_BUILDKIT=0; the CLI's tar walker) descends into an
//     excluded directory only if some exception's text starts with the
//     directory's path; an excluded directory is never itself sent, though
//     entries below it may be. The client also re-includes .dockerignore and
//     the Dockerfile when the patterns exclude them.
// Both decide each entry with its parent directory's per-pattern results
// (PatternMatcher::MatchUsingParent), so the walk is top-down.
//
// Covered by tests/unit/build_context_test.cc, the conformance walk vectors,
// and tests/docker_diff (the real Docker CLI).
// Thread safety: WalkContext is re-entrant; the rules are shared read-only by
// its worker threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/status.h"
#include "ctxscan/util/file_system.h"
#include "ctxscan/util/pattern_matcher.h"

namespace ctxscan {

enum class Builder { kBuildKit, kLegacy };

// Parses "buildkit" or "legacy" (also "classic").
std::optional<Builder> ParseBuilder(std::string_view name);
std::string_view BuilderName(Builder b);

// Everything that decides what is sent, resolved once before the walk.
struct ContextRules {
  Builder builder = Builder::kBuildKit;
  PatternMatcher matcher;
  // Which ignore file the patterns came from (as shown to the user), or empty.
  std::string ignore_file;
  // The Dockerfile's path relative to the context, if it lies inside it.
  std::string dockerfile;
  // BuildKit only: every exception is a plain path (after dropping a trailing
  // "/*" or "/**"), so excluded directories can be pruned by prefix.
  bool only_prefix_exceptions = true;
};

// Builds the rules from the ignore file's bytes (nullopt: there is none).
// `dockerfile` is the Dockerfile's path relative to the context ("" when it
// is outside); the classic builder re-includes it and .dockerignore.
Result<ContextRules> MakeContextRules(Builder builder,
                                      const std::optional<std::string>& ignore_content,
                                      const std::string& ignore_name, std::string dockerfile);

// Builds the rules for `builder` from a finished pattern list, without the
// classic client's re-inclusion of .dockerignore and the Dockerfile (the
// reference walkers are tested this way).
ContextRules RulesFromMatcher(Builder builder, PatternMatcher matcher);

// Reports whether the walk would skip directory `dir` (already excluded)
// without looking inside it.
bool PrunesExcludedDir(const ContextRules& rules, std::string_view dir);

struct WalkOptions {
  int threads = 0;             // 0: one per core
  bool want_sizes = false;     // fill ContextEntry::size
  bool check_readable = true;  // report files the build could not read
};

namespace internal {
class ContextWalker;
}  // namespace internal

// The walk's result: every entry the build sends, in byte order of the path
// as printed (directories with a trailing '/'), and every path that stops
// the build.
class ContextListing {
 public:
  struct Entry {
    std::uint32_t offset;  // into the path arena
    std::uint32_t length;
    EntryType type;
    std::uint64_t size;
  };
  struct PathError {
    std::string path;
    std::string message;
  };

  std::size_t size() const { return entries_.size(); }
  std::string_view path(std::size_t i) const {
    return std::string_view(arena_).substr(entries_[i].offset, entries_[i].length);
  }
  const Entry& entry(std::size_t i) const { return entries_[i]; }
  const std::vector<PathError>& errors() const { return errors_; }
  // Excluded entries the walk saw, and excluded directories it did not enter.
  std::uint64_t excluded_count() const { return excluded_; }
  std::uint64_t pruned_dirs() const { return pruned_; }
  // Sockets the classic builder leaves out of its upload (it cannot tar them).
  std::uint64_t skipped_sockets() const { return skipped_sockets_; }
  // Finds `path` (no trailing '/'); returns its index or -1.
  long Find(std::string_view path) const;

 private:
  // Only the walk (src/context/context_walker.cc) builds a listing.
  friend class internal::ContextWalker;
  void Add(std::string_view path, EntryType type, std::uint64_t size);
  void AddError(std::string path, std::string message);
  void SortErrors();
  void CountExcluded(std::uint64_t n) { excluded_ += n; }
  void CountPruned(std::uint64_t n) { pruned_ += n; }
  void CountSkippedSockets(std::uint64_t n) { skipped_sockets_ += n; }

  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<PathError> errors_;
  std::uint64_t excluded_ = 0;
  std::uint64_t pruned_ = 0;
  std::uint64_t skipped_sockets_ = 0;
};

// Walks `fs` from its root and lists what the build sends. Fails only when
// the walk cannot happen at all (the root cannot be read, or a pattern has an
// invalid regexp, which makes Docker fail the whole build); unreadable entries
// are listed in errors() and the walk goes on.
Result<ContextListing> WalkContext(const FileSystem& fs, const ContextRules& rules,
                                   const WalkOptions& options);

}  // namespace ctxscan
