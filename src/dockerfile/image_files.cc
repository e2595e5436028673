// Following context files through a build; see
// src/dockerfile/image_files.h.
#include "dockerfile/image_files.h"

#include <algorithm>
#include <optional>

#include "ctxscan/util/ignore_file.h"
#include "util/go_glob.h"
#include "util/go_path.h"

namespace ctxscan {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

// The length of the entry of `path` that source `src` names: the whole path
// (the file itself), a directory above it (0 for the root, src ""), or
// kNone when `src` does not name it.
std::size_t NamedEntry(std::string_view src, std::string_view path) {
  if (src.empty()) return 0;
  if (path == src) return path.size();
  if (path.size() > src.size() && path.substr(0, src.size()) == src && path[src.size()] == '/') {
    return src.size();
  }
  if (src.find_first_of("*?[\\") == kNone) return kNone;
  // A wildcard matches as many leading components of the path as it has.
  const auto components = static_cast<std::size_t>(std::count(src.begin(), src.end(), '/')) + 1;
  std::size_t cut = 0;
  for (std::size_t c = 0; c < components; ++c) {
    cut = path.find('/', c == 0 ? 0 : cut + 1);
    if (cut == kNone) {
      if (c + 1 < components) return kNone;
      cut = path.size();
      break;
    }
  }
  return go::Match(src, path.substr(0, cut)).matched ? cut : kNone;
}

std::string Join(std::string_view dir, std::string_view rel) {
  if (rel.empty()) return std::string(dir);
  std::string out(dir);
  if (out.back() != '/') out += '/';
  out += rel;
  return out;
}

bool IsTarArchive(std::string_view path) {
  static constexpr std::string_view kEndings[] = {".tar",     ".tar.gz", ".tgz",    ".tar.bz2",
                                                  ".tbz2",    ".tbz",    ".tar.xz", ".txz",
                                                  ".tar.zst", ".tzst",   ".taz",    ".tar.Z"};
  return std::any_of(std::begin(kEndings), std::end(kEndings), [&](std::string_view e) {
    return path.size() > e.size() && path.substr(path.size() - e.size()) == e;
  });
}

// Whether `excludes` (the --exclude patterns of a COPY, or null) removes
// `path`, copied through the entry of length `entry` (the file itself, or a
// directory above it). Patterns are matched as .dockerignore patterns
// against the path relative to the copied directory (for a file named
// itself, its base name); one matching a directory above removes it too.
bool Excluded(const PatternMatcher* excludes, std::string_view path, std::size_t entry) {
  if (excludes == nullptr) return false;
  std::string_view rel;
  if (entry == path.size()) {
    rel = go::Base(path);
  } else {
    rel = path.substr(entry == 0 ? 0 : entry + 1);
  }
  Result<MatchDecision> d = excludes->MatchesOrParentMatches(rel);
  return d.ok() && d->excluded;
}

// A source as matched ("a/./b" -> "a/b") and the length of its --parents
// pivot prefix ("a"), or kNone.
ImageFiles::Source SplitPivot(const CopyOp& op, const std::string& src) {
  const std::size_t p = op.parents ? src.find("/./") : kNone;
  if (p == kNone) return {src, kNone};
  std::string matched = src;
  matched.erase(p, 2);
  return {matched, p};
}

// Where `op` puts `in` (a path of its source filesystem: a context file,
// or a placement in the --from stage), if it copies it.
std::optional<Placement> Copy(const CopyOp& op, const ImageFiles::Prepared& prepared,
                              const Placement& in) {
  const PatternMatcher* excludes = prepared.excludes ? &*prepared.excludes : nullptr;
  const std::string_view path = std::string_view(in.path).substr(in.path[0] == '/' ? 1 : 0);
  for (const auto& [src, pivot] : prepared.sources) {
    const std::size_t entry = NamedEntry(src, path);
    if (entry == kNone) {
      // A source inside an extracted archive may copy some of its files.
      if (in.tree &&
          (path.empty() || (src.size() > path.size() && src.compare(0, path.size(), path) == 0 &&
                            src[path.size()] == '/'))) {
        return Placement{op.dest, true};
      }
      continue;
    }
    if (Excluded(excludes, path, entry)) continue;
    if (op.parents) {
      std::string_view rel = path;
      if (pivot != kNone) rel = path.substr(std::min(path.size(), pivot + 1));
      return Placement{Join(op.dest, rel), in.tree};
    }
    if (entry == path.size()) {
      if (in.tree) return Placement{op.dest, true};  // a directory: its contents
      if (op.add && op.from_context && IsTarArchive(path)) return Placement{op.dest, true};
      return Placement{op.dest_is_dir ? Join(op.dest, go::Base(path)) : op.dest, false};
    }
    return Placement{Join(op.dest, path.substr(entry == 0 ? 0 : entry + 1)), in.tree};
  }
  return std::nullopt;
}

bool Runs(const Build& build, std::size_t stage) { return build.stages[stage].needed; }

}  // namespace

ImageFiles::ImageFiles(const Build& build) : build_(build) {
  prepared_.resize(build.stages.size());
  for (std::size_t s = 0; s < build.stages.size(); ++s) {
    for (const CopyOp& op : build.stages[s].copies) {
      Prepared& p = prepared_[s].emplace_back();
      for (const std::string& source : op.sources) p.sources.push_back(SplitPivot(op, source));
      if (op.excludes.empty()) continue;
      std::vector<IgnoreLine> lines;
      for (const std::string& e : op.excludes) lines.push_back({e, 0});
      // A pattern Docker rejects fails the build; then nothing is excluded here.
      if (Result<PatternMatcher> m = PatternMatcher::Create(lines, "--exclude"); m.ok()) {
        p.excludes = std::move(m).value();
      }
    }
  }
}

std::vector<std::vector<Placement>> ImageFiles::Place(std::string_view file) const {
  std::vector<std::vector<Placement>> at(build_.stages.size());
  const Placement context_file{std::string(file), false};
  for (std::size_t s = 0; s < build_.stages.size(); ++s) {
    const Stage& stage = build_.stages[s];
    std::vector<Placement>& here = at[s];
    if (stage.base_stage >= 0) here = at[static_cast<std::size_t>(stage.base_stage)];
    for (std::size_t c = 0; c < stage.copies.size(); ++c) {
      const CopyOp& op = stage.copies[c];
      if (op.from_context) {
        if (std::optional<Placement> p = Copy(op, prepared_[s][c], context_file)) {
          here.push_back(std::move(*p));
        }
      } else if (op.from_stage >= 0) {
        for (const Placement& in : at[static_cast<std::size_t>(op.from_stage)]) {
          if (std::optional<Placement> p = Copy(op, prepared_[s][c], in)) {
            here.push_back(std::move(*p));
          }
        }
      }
    }
    std::sort(here.begin(), here.end());
    here.erase(std::unique(here.begin(), here.end()), here.end());
  }
  return at;
}

InImage ImageFiles::Where(std::string_view file) const {
  if (build_.target < 0) return InImage::kNo;
  const std::vector<std::vector<Placement>> at = Place(file);
  if (!at[static_cast<std::size_t>(build_.target)].empty()) return InImage::kFinal;
  for (std::size_t s = 0; s < at.size(); ++s) {
    if (Runs(build_, s) && !at[s].empty()) return InImage::kIntermediate;
  }
  return InImage::kNo;
}

std::vector<std::size_t> ImageFiles::ContextCopies(std::string_view file, Through through) const {
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < build_.stages.size(); ++s) {
    if (!Runs(build_, s)) continue;
    const std::vector<CopyOp>& copies = build_.stages[s].copies;
    for (std::size_t c = 0; c < copies.size(); ++c) {
      const CopyOp& op = copies[c];
      if (!op.from_context) continue;
      const Prepared& prepared = prepared_[s][c];
      const PatternMatcher* excludes = prepared.excludes ? &*prepared.excludes : nullptr;
      for (const Source& source : prepared.sources) {
        const std::size_t entry = NamedEntry(source.first, file);
        if (entry == kNone || Excluded(excludes, file, entry)) continue;
        const Through how = entry == file.size() ? Through::kItself
                            : entry == 0         ? Through::kRoot
                                                 : Through::kDirectory;
        if (how == through) {
          out.push_back(op.instruction);
          break;
        }
      }
    }
  }
  return out;
}

std::optional<std::size_t> ImageFiles::NamedByCopy(std::string_view file) const {
  const std::vector<std::size_t> copies = ContextCopies(file, Through::kItself);
  return copies.empty() ? std::nullopt : std::optional<std::size_t>(copies[0]);
}

std::optional<std::size_t> ImageFiles::CopiedWithDirectory(std::string_view file) const {
  const std::vector<std::size_t> copies = ContextCopies(file, Through::kDirectory);
  return copies.empty() ? std::nullopt : std::optional<std::size_t>(copies[0]);
}

std::vector<std::size_t> ImageFiles::BroadCopies(std::string_view file) const {
  return ContextCopies(file, Through::kRoot);
}

}  // namespace ctxscan
