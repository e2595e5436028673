// Walking a repository's history; see include/ctxscan/git/history.h.
#include "ctxscan/git/history.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "git/blob_collector.h"
#include "git/git_handle.h"
#include "git/tree_cache.h"

namespace ctxscan {
namespace {

using git::Commit;
using git::GitError;
using git::OidHex;
using git::Tree;

using git::OidEq;
using git::OidHash;
using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

// Trees the walk keeps parsed (git/tree_cache.h): a commit's trees and its
// parents' along a few levels of directories. On trufflehog's history 8, 32,
// 64 and 128 read 262k, 229k, 226k and 224k trees (85k distinct) in
// 1.68, 1.54-1.56, 1.54-1.57 and 1.57 s.
constexpr std::size_t kCachedTrees = 64;

class Walker {
 public:
  // Records changes for the commits of `record` (presence's lines).
  Walker(git_repository* repo, History* out, const OidSet* record,
         git::BlobCollector::NewBlobListener on_new_blob)
      : out_(out),
        trees_(repo, kCachedTrees),
        blobs_(out, std::move(on_new_blob)),
        record_(record) {}

  // Adds the commit's introductions, and its changes relative to its first
  // parent, to the history.
  void AddCommit(git_commit* commit) {
    const auto index = static_cast<std::uint32_t>(out_->commits.size());
    commit_index_.emplace(*git_commit_id(commit), index);
    out_->commits.push_back(Describe(commit));
    out_->commits.back().first_change = static_cast<std::uint32_t>(out_->changes.size());
    const bool record = record_->count(*git_commit_id(commit)) != 0;
    out_->commits.back().changes_recorded = record;
    const git::SharedTree tree = trees_.Get(*git_commit_tree_id(commit));
    if (tree == nullptr) {
      Error("commit " + out_->commits.back().id + ": cannot read its tree");
      return;
    }
    std::vector<git::SharedTree> parents;
    bool first_parent_tree = false;  // parents[0] is the first parent's tree
    const unsigned n = git_commit_parentcount(commit);
    for (unsigned i = 0; i < n; ++i) {
      git_commit* p = nullptr;
      if (git_commit_parent(&p, commit, i) != 0) {
        // A shallow clone's boundary, or a missing object.
        if (!out_->shallow) Error("commit " + out_->commits.back().id + ": missing parent");
        continue;
      }
      const Commit parent(p);
      if (i == 0) {
        auto it = commit_index_.find(*git_commit_id(parent.get()));
        out_->commits.back().first_parent =
            it != commit_index_.end() ? it->second : kParentNotWalked;
      }
      if (git::SharedTree pt = trees_.Get(*git_commit_tree_id(parent.get())); pt != nullptr) {
        first_parent_tree |= i == 0;
        parents.push_back(std::move(pt));
      }
    }
    std::vector<const git_tree*> bases;
    bases.reserve(parents.size());
    for (const git::SharedTree& p : parents) bases.push_back(p.get());
    // One pass when the parents are the first parent alone (or none);
    // a merge's changes relative to its first parent need a pass of their own.
    if (!record || bases.empty() || (bases.size() == 1 && first_parent_tree)) {
      Compare(tree.get(), bases, "", index, record ? kIntroduce | kRecord : kIntroduce);
      return;
    }
    Compare(tree.get(), bases, "", index, kIntroduce);
    std::vector<const git_tree*> first;
    if (first_parent_tree) first.push_back(bases[0]);
    Compare(tree.get(), first, "", index, kRecord);
  }

  bool Seen(const git_oid& blob) const { return blobs_.Seen(blob); }
  void AddDangling(const git_oid& blob) { blobs_.AddDangling(blob); }
  void Finish() { blobs_.Finish(); }

 private:
  // What a Compare pass does: record introductions relative to every base,
  // and/or changes relative to the first parent (then the only base).
  static constexpr unsigned kIntroduce = 1;
  static constexpr unsigned kRecord = 2;

  static HistoryCommit Describe(git_commit* commit) {
    HistoryCommit info;
    info.id = OidHex(*git_commit_id(commit));
    const git_signature* author = git_commit_author(commit);
    if (author != nullptr) {
      info.author = author->name != nullptr ? author->name : "";
      info.time = author->when.time;
      info.offset_minutes = author->when.offset;
    }
    const char* summary = git_commit_summary(commit);
    info.summary = summary != nullptr ? summary : "";
    return info;
  }

  void Error(std::string message) { out_->errors.push_back(std::move(message)); }

  static bool IsBlob(const git_tree_entry* e) {
    const git_filemode_t m = git_tree_entry_filemode(e);
    return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
  }

  void Record(std::uint32_t path, std::uint32_t after) { out_->changes.push_back({path, after}); }

  // Records that what the first parent held at `path` (entry `e`, null for
  // nothing) is gone: a blob, or every blob of a directory.
  void RecordGone(const git_tree_entry* e, const std::string& path) {
    if (e == nullptr) return;
    if (IsBlob(e)) {
      Record(out_->paths.Intern(path), kNoBlob);
      return;
    }
    if (git_tree_entry_filemode(e) != GIT_FILEMODE_TREE) return;
    const git::SharedTree sub = trees_.Get(*git_tree_entry_id(e));
    if (sub == nullptr) return;  // reported by its walk
    const std::size_t count = git_tree_entrycount(sub.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* c = git_tree_entry_byindex(sub.get(), i);
      RecordGone(c, path + "/" + git_tree_entry_name(c));
    }
  }

  // The entry of `base` with the name of `e`, or null. Both trees list their
  // entries in git's order, so the search goes on from `*cursor` (where the
  // previous entry's search ended) and usually takes one comparison, not a
  // binary search per entry: a directory of n entries costs n steps, not
  // n log n name comparisons. An entry whose kind changed (a file that became
  // a directory sorts elsewhere) is looked up by name.
  static const git_tree_entry* Counterpart(const git_tree* base, const git_tree_entry* e,
                                           std::size_t* cursor) {
    const std::size_t count = git_tree_entrycount(base);
    while (*cursor < count) {
      const git_tree_entry* c = git_tree_entry_byindex(base, *cursor);
      const int order = git_tree_entry_cmp(c, e);
      if (order > 0) break;
      ++*cursor;
      if (order == 0) return c;
    }
    return git_tree_entry_byname(base, git_tree_entry_name(e));
  }

  // The bases' subtrees where `in_bases` (the bases' entries) name trees.
  void Subtrees(const std::vector<const git_tree_entry*>& in_bases,
                std::vector<git::SharedTree>* owned, std::vector<const git_tree*>* out) {
    for (const git_tree_entry* be : in_bases) {
      git::SharedTree bt;
      if (be != nullptr && git_tree_entry_filemode(be) == GIT_FILEMODE_TREE) {
        bt = trees_.Get(*git_tree_entry_id(be));
      }
      out->push_back(bt.get());
      if (bt != nullptr) owned->push_back(std::move(bt));
    }
  }

  // Compares `tree` (at `prefix`) with every tree of `bases` (the parents'
  // trees at the same prefix; null where absent). With kIntroduce, records
  // what it introduces relative to all of them; with kRecord (one base at
  // most: the first parent's), what changed relative to that base.
  void Compare(const git_tree* tree, const std::vector<const git_tree*>& bases,
               const std::string& prefix, std::uint32_t commit, unsigned what) {
    const bool introduce = (what & kIntroduce) != 0;
    const bool record = (what & kRecord) != 0;
    const std::size_t count = git_tree_entrycount(tree);
    std::vector<const git_tree_entry*> in_bases;
    in_bases.reserve(bases.size());
    std::vector<std::size_t> cursors(bases.size(), 0);  // Counterpart's place in each base
    std::size_t in_first = 0;                           // entries of bases[0] that `tree` names too
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(tree, i);
      const char* name = git_tree_entry_name(e);
      const git_oid* id = git_tree_entry_id(e);
      const git_filemode_t mode = git_tree_entry_filemode(e);
      // The same entry in each parent: unchanged in any parent means not
      // introduced here.
      in_bases.clear();
      bool unchanged = false;
      for (std::size_t k = 0; k < bases.size(); ++k) {
        const git_tree* b = bases[k];
        const git_tree_entry* be = b != nullptr ? Counterpart(b, e, &cursors[k]) : nullptr;
        if (be != nullptr && k == 0) ++in_first;
        if (be != nullptr && git_oid_equal(git_tree_entry_id(be), id) != 0 &&
            git_tree_entry_filemode(be) == mode) {
          unchanged = true;
          break;
        }
        in_bases.push_back(be);
      }
      if (unchanged) continue;
      const std::string path = prefix.empty() ? std::string(name) : prefix + "/" + name;
      const git_tree_entry* before = record && !in_bases.empty() ? in_bases[0] : nullptr;
      if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
        const std::uint32_t at = out_->paths.Intern(path);
        const std::uint32_t blob = introduce ? blobs_.Add(*id, commit, at) : blobs_.IndexOf(*id);
        if (!record) continue;
        if (before != nullptr && !IsBlob(before)) RecordGone(before, path);  // was a directory
        Record(at, blob);
        continue;
      }
      if (record && (mode != GIT_FILEMODE_TREE || (before != nullptr && IsBlob(before)))) {
        RecordGone(before, path);  // a file became a directory, a link...
      }
      if (mode == GIT_FILEMODE_TREE) {
        const git::SharedTree subtree = trees_.Get(*id);
        if (subtree == nullptr) {
          if (introduce) Error("tree " + OidHex(*id) + " (" + path + "): missing or corrupt");
          continue;
        }
        std::vector<git::SharedTree> owned;
        std::vector<const git_tree*> sub_bases;
        Subtrees(in_bases, &owned, &sub_bases);
        Compare(subtree.get(), sub_bases, path, commit, what);
      } else if (mode == GIT_FILEMODE_COMMIT && introduce) {
        ++out_->submodules;
      }
      // GIT_FILEMODE_LINK: a symlink's target, not file content; skipped.
    }
    // Some entry of the first parent's tree is not in this one: deleted.
    if (record && !bases.empty() && bases[0] != nullptr &&
        in_first < git_tree_entrycount(bases[0])) {
      RecordDeleted(tree, bases[0], prefix);
    }
  }

  // Records what the first parent's `base` held that `tree` no longer names.
  void RecordDeleted(const git_tree* tree, const git_tree* base, const std::string& prefix) {
    const std::size_t count = git_tree_entrycount(base);
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* be = git_tree_entry_byindex(base, i);
      const char* name = git_tree_entry_name(be);
      if (git_tree_entry_byname(tree, name) != nullptr) continue;
      RecordGone(be, prefix.empty() ? std::string(name) : prefix + "/" + name);
    }
  }

  History* out_;
  git::TreeCache trees_;
  git::BlobCollector blobs_;
  const OidSet* record_;
  std::unordered_map<git_oid, std::uint32_t, OidHash, OidEq> commit_index_;
};

// Resolves `rev` to a commit id.
Status ResolveCommit(git_repository* repo, const std::string& rev, const std::string& what,
                     git_oid* out) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, rev.c_str()) != 0) return GitError(what + " " + rev);
  const git::Object owned(obj);
  git_object* c = nullptr;
  if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) != 0) return GitError(what + " " + rev);
  const git::Object commit(c);
  *out = *git_object_id(c);
  return Status::Ok();
}

// The walk's starting points (every ref and HEAD, or what the options name)
// and the commits to leave out (and their ancestors).
Status Starts(git_repository* repo, const HistoryOptions& o, std::vector<git_oid>* starts,
              std::vector<git_oid>* hidden) {
  git_oid id;
  if (!o.range.empty()) {
    const std::size_t dots = o.range.find("..");
    if (dots == std::string::npos) return Status::Error("--range: expected A..B, got " + o.range);
    Status s = ResolveCommit(repo, o.range.substr(0, dots), "--range", &id);
    if (!s.ok()) return s;
    hidden->push_back(id);
    s = ResolveCommit(repo, o.range.substr(dots + 2), "--range", &id);
    if (!s.ok()) return s;
    starts->push_back(id);
    return Status::Ok();
  }
  if (!o.branch.empty()) {
    Status s = ResolveCommit(repo, o.branch, "--branch", &id);
    if (!s.ok()) return s;
    starts->push_back(id);
  } else {
    Status s = git::ForEachRefCommit(
        repo, [&](const char*, const git_oid& tip) { starts->push_back(tip); });
    if (!s.ok()) return s;
    if (git_reference_name_to_id(&id, repo, "HEAD") == 0) starts->push_back(id);
    // Refs come in no fixed order; the walk's order follows the starts.
    std::sort(starts->begin(), starts->end(),
              [](const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; });
  }
  if (!o.since.empty()) {
    Status s = ResolveCommit(repo, o.since, "--since", &id);
    if (!s.ok()) return s;
    hidden->push_back(id);
  }
  return Status::Ok();
}

// Every commit reachable from `starts` and not in `stop`, parents before
// children (a depth-first post-order, deterministic for given starts). A
// parent that cannot be loaded (a shallow clone's boundary, a missing
// object) ends that line; missing ones are reported in `errors`. With
// `first_parents`, also notes each commit's first parent there.
using FirstParents = std::unordered_map<git_oid, git_oid, OidHash, OidEq>;

std::vector<git_oid> Reachable(git_repository* repo, const std::vector<git_oid>& starts,
                               const OidSet& stop, bool shallow, std::vector<std::string>* errors,
                               FirstParents* first_parents = nullptr) {
  std::vector<git_oid> order;
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) {
    errors->push_back("cannot open the object database");
    return order;
  }
  const git::Odb odb(raw_odb);
  OidSet visited;
  struct Frame {
    git_oid id;
    unsigned next_parent;
    unsigned parents;
    std::vector<git_oid> parent_ids;
  };
  for (const git_oid& start : starts) {
    if (stop.count(start) != 0 || !visited.insert(start).second) continue;
    std::vector<Frame> stack;
    auto push = [&](const git_oid& id) {
      git_commit* c = nullptr;
      Frame f{id, 0, 0, {}};
      if (git_commit_lookup(&c, repo, &id) == 0) {
        const Commit commit(c);
        f.parents = git_commit_parentcount(c);
        for (unsigned i = 0; i < f.parents; ++i)
          f.parent_ids.push_back(*git_commit_parent_id(c, i));
        if (first_parents != nullptr && f.parents > 0) first_parents->emplace(id, f.parent_ids[0]);
      } else {
        errors->push_back("commit " + OidHex(id) + ": missing or corrupt");
      }
      stack.push_back(std::move(f));
    };
    push(start);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next_parent < top.parent_ids.size()) {
        const git_oid parent = top.parent_ids[top.next_parent++];
        if (stop.count(parent) != 0 || !visited.insert(parent).second) continue;
        if (!git_odb_exists(odb.get(), &parent)) {
          if (!shallow) errors->push_back("commit " + OidHex(parent) + ": missing");
          continue;
        }
        push(parent);
        continue;
      }
      order.push_back(top.id);
      stack.pop_back();
    }
  }
  return order;
}

// The commits of the branches' first-parent lines (git::IsBranchRef), as far
// as `first_parents` knows them: those whose changes presence will ask for.
OidSet BranchLines(git_repository* repo, const FirstParents& first_parents) {
  OidSet lines;
  (void)git::ForEachRefCommit(repo, [&](const char* name, const git_oid& tip) {
    if (!git::IsBranchRef(name)) return;
    git_oid at = tip;
    while (lines.insert(at).second) {
      auto it = first_parents.find(at);
      if (it == first_parents.end()) break;
      at = it->second;
    }
  });
  return lines;
}

// Adds the commits of `order` to the history.
void AddAll(git_repository* repo, const std::vector<git_oid>& order, Walker* walker) {
  for (const git_oid& id : order) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo, &id) != 0) continue;  // reported by Reachable
    const Commit commit(c);
    walker->AddCommit(commit.get());
  }
}

// HEAD's tree, or null when HEAD names no commit (an unborn branch) or its
// commit cannot be read. Not git_revparse_single("HEAD^{tree}"): libgit2 1.5
// leaks a reference when HEAD's commit is corrupt (found by
// tests/fuzz/git_objects_fuzz.cc).
git::Object HeadTree(git_repository* repo) {
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, repo, "HEAD") != 0) return nullptr;
  git_object* raw = nullptr;
  if (git_object_lookup(&raw, repo, &head_id, GIT_OBJECT_ANY) != 0) return nullptr;
  const git::Object head(raw);
  git_object* tree = nullptr;
  if (git_object_peel(&tree, head.get(), GIT_OBJECT_TREE) != 0) return nullptr;
  return git::Object(tree);
}

// Marks the blobs of HEAD's tree.
void MarkHead(git_repository* repo, History* out) {
  const git::Object tree = HeadTree(repo);
  if (tree == nullptr) return;
  OidSet head;
  struct Payload {
    OidSet* set;
  } payload{&head};
  git_tree_walk(
      reinterpret_cast<const git_tree*>(tree.get()), GIT_TREEWALK_PRE,
      [](const char*, const git_tree_entry* e, void* p) -> int {
        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
          static_cast<Payload*>(p)->set->insert(*git_tree_entry_id(e));
        }
        return 0;
      },
      &payload);
  for (HistoryBlob& b : out->blobs) {
    git_oid id;
    std::memcpy(id.id, b.id.bytes.data(), sizeof id.id);
    b.at_head = head.count(id) != 0;
  }
}

// The staged blobs HEAD does not hold at the same path.
Result<History> ReadStaged(git_repository* r, History out,
                           const git::BlobCollector::NewBlobListener& on_new_blob) {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, r) != 0) return GitError("cannot read the index");
  const git::Index index(raw);
  // HEAD's entries by path, from one walk of its tree: a lookup by path for
  // each index entry read the same trees again for every file (libgit2
  // caches no objects, git/git_handle.cc).
  std::unordered_map<std::string, git_oid> head;
  if (const git::Object head_tree = HeadTree(r); head_tree != nullptr) {
    git_tree_walk(
        reinterpret_cast<const git_tree*>(head_tree.get()), GIT_TREEWALK_PRE,
        [](const char* root, const git_tree_entry* e, void* p) -> int {
          if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
            static_cast<std::unordered_map<std::string, git_oid>*>(p)->emplace(
                std::string(root) + git_tree_entry_name(e), *git_tree_entry_id(e));
          }
          return 0;
        },
        &head);
  }
  out.commits.push_back({"", "", 0, 0, "staged"});
  git::BlobCollector blobs(&out, on_new_blob);
  const std::size_t n = git_index_entrycount(index.get());
  for (std::size_t i = 0; i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(index.get(), i);
    if (e == nullptr || git_index_entry_stage(e) != 0) continue;
    if ((e->mode & 0170000) != 0100000) continue;  // regular files only (not links, submodules)
    if (auto at = head.find(e->path); at != head.end() && git_oid_equal(&at->second, &e->id) != 0) {
      continue;  // HEAD holds it at that path
    }
    blobs.Add(e->id, 0, e->path);
  }
  blobs.Finish();
  return out;
}

}  // namespace

std::string ObjectId::Hex() const {
  git_oid oid;
  std::memcpy(oid.id, bytes.data(), sizeof oid.id);
  return OidHex(oid);
}

std::span<const BlobOccurrence> History::Occurrences(std::size_t i) const {
  const std::size_t end = i + 1 < blobs.size() ? blobs[i + 1].first : occurrences.size();
  return std::span<const BlobOccurrence>(occurrences).subspan(blobs[i].first, end - blobs[i].first);
}

std::string_view History::FirstPath(std::size_t i) const {
  const std::span<const BlobOccurrence> all = Occurrences(i);
  return all.empty() ? std::string_view() : paths[all.front().path];
}

std::span<const PathChange> History::Changes(std::size_t c) const {
  const std::size_t end = c + 1 < commits.size() ? commits[c + 1].first_change : changes.size();
  return std::span<const PathChange>(changes).subspan(commits[c].first_change,
                                                      end - commits[c].first_change);
}

std::size_t History::HeapBytes() const {
  return blobs.capacity() * sizeof(HistoryBlob) + occurrences.capacity() * sizeof(BlobOccurrence) +
         changes.capacity() * sizeof(PathChange) + paths.HeapBytes();
}

Result<History> ReadHistory(const std::string& path, const HistoryOptions& options) {
  Result<git::Repository> repo = git::OpenRepository(path);
  if (!repo.ok()) return repo.status();
  git_repository* r = repo->get();
  git::FitPackMappings(r);
  History out;
  out.repository = git_repository_path(r);
  out.shallow = git_repository_is_shallow(r) == 1;
  if (options.staged) return ReadStaged(r, std::move(out), options.on_new_blob);
  std::vector<git_oid> starts;
  std::vector<git_oid> hidden;
  if (Status s = Starts(r, options, &starts, &hidden); !s.ok()) return s;
  OidSet stop;
  if (!hidden.empty()) {
    std::vector<std::string> ignored;
    for (const git_oid& id : Reachable(r, hidden, {}, out.shallow, &ignored)) stop.insert(id);
  }
  // Presence asks what changed along the branches' lines; record it when
  // the walk covers them (it starts from every ref).
  const bool every_ref = options.branch.empty() && options.range.empty() && options.since.empty();
  FirstParents first_parents;
  std::vector<git_oid> order =
      Reachable(r, starts, stop, out.shallow, &out.errors, every_ref ? &first_parents : nullptr);
  const OidSet lines = every_ref ? BranchLines(r, first_parents) : OidSet();
  FirstParents().swap(first_parents);
  Walker walker(r, &out, &lines, options.on_new_blob);
  AddAll(r, order, &walker);

  if (options.all_objects) {
    // Every object in the database: commits the walk did not reach are
    // walked (with their unreachable ancestors); blobs no tree holds are
    // listed as dangling.
    git_odb* raw_odb = nullptr;
    if (git_repository_odb(&raw_odb, r) != 0) return GitError("cannot open the object database");
    const git::Odb odb(raw_odb);
    struct Collect {
      git_odb* odb;
      std::vector<git_oid> commits;
      std::vector<git_oid> blobs;
      std::uint64_t unreadable = 0;
    } all{odb.get(), {}, {}, 0};
    git_odb_foreach(
        odb.get(),
        [](const git_oid* id, void* p) -> int {
          auto* c = static_cast<Collect*>(p);
          std::size_t len = 0;
          git_object_t type = GIT_OBJECT_INVALID;
          if (git_odb_read_header(&len, &type, c->odb, id) != 0) {
            ++c->unreadable;
          } else if (type == GIT_OBJECT_COMMIT) {
            c->commits.push_back(*id);
          } else if (type == GIT_OBJECT_BLOB) {
            c->blobs.push_back(*id);
          }
          return 0;
        },
        &all);
    if (all.unreadable > 0) {
      out.errors.push_back(std::to_string(all.unreadable) +
                           " object(s) whose header cannot be read");
    }
    // Loose and packed copies of one object are listed twice; order them.
    auto sort_unique = [](std::vector<git_oid>* v) {
      std::sort(v->begin(), v->end(),
                [](const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; });
      v->erase(
          std::unique(v->begin(), v->end(),
                      [](const git_oid& a, const git_oid& b) { return git_oid_equal(&a, &b); }),
          v->end());
    };
    sort_unique(&all.commits);
    sort_unique(&all.blobs);
    OidSet walked(order.begin(), order.end());
    for (const git_oid& id : stop) walked.insert(id);
    std::vector<git_oid> extra_starts;
    for (const git_oid& c : all.commits) {
      if (walked.count(c) == 0) extra_starts.push_back(c);
    }
    const std::vector<git_oid> extra = Reachable(r, extra_starts, walked, out.shallow, &out.errors);
    out.unreachable_commits = extra.size();
    AddAll(r, extra, &walker);
    for (const git_oid& b : all.blobs) {
      if (!walker.Seen(b)) {
        walker.AddDangling(b);
        ++out.dangling_blobs;
      }
    }
  }
  walker.Finish();
  out.changes.shrink_to_fit();  // held through the scan: no growth slack
  MarkHead(r, &out);
  return out;
}

}  // namespace ctxscan
