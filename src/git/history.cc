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
#include "git/pack_backend.h"
#include "git/pack_store.h"
#include "git/raw_tree.h"
#include "git/tree_cache.h"

namespace ctxscan {
namespace {

using git::Commit;
using git::GitError;
using git::OidHex;
using git::RawTree;
using git::TreeEntry;

using git::OidEq;
using git::OidHash;
using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

// Trees the walk keeps parsed (git/tree_cache.h): a commit's trees and its
// parents' along a few levels of directories. On trufflehog's history 8, 32,
// 64 and 128 read 262k, 229k, 226k and 224k trees (85k distinct) in
// 1.68, 1.54-1.56, 1.54-1.57 and 1.57 s.
constexpr std::size_t kCachedTrees = 64;

// Delta bases kept for reading commits (few commits are deltas).
constexpr std::size_t kCommitBaseBytes = std::size_t{1} << 20;

// What a report says of a commit: its id, author, time and summary.
HistoryCommit Describe(git_commit* commit) {
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

// A commit as the walk uses it, read once (by Reachable).
struct WalkCommit {
  git_oid id{};
  bool readable = false;  // false: missing or corrupt (reported when met)
  git_oid tree{};
  std::vector<git_oid> parents;
  HistoryCommit info;  // id, author, time and summary
};

class Walker {
 public:
  // Records changes for the commits of `record` (presence's lines).
  Walker(git_repository* repo, const git::PackStore& packs, History* out, const OidSet* record,
         git::BlobCollector::NewBlobListener on_new_blob)
      : repo_(repo),
        out_(out),
        trees_(repo, packs, kCachedTrees),
        blobs_(out, std::move(on_new_blob)),
        record_(record) {}

  // Adds the commit's introductions, and its changes relative to its first
  // parent, to the history. Its parents were added before it, or were not
  // walked.
  void AddCommit(WalkCommit* commit) {
    const auto index = static_cast<std::uint32_t>(out_->commits.size());
    commit_index_.emplace(commit->id, index);
    commit_trees_.push_back(commit->tree);
    out_->commits.push_back(std::move(commit->info));
    out_->commits.back().first_change = static_cast<std::uint32_t>(out_->changes.size());
    const bool record = record_->count(commit->id) != 0;
    out_->commits.back().changes_recorded = record;
    const git::SharedTree tree = trees_.Get(commit->tree);
    if (tree == nullptr) {
      Error("commit " + out_->commits.back().id + ": cannot read its tree");
      return;
    }
    std::vector<git::SharedTree> parents;
    bool first_parent_tree = false;  // parents[0] is the first parent's tree
    for (std::size_t i = 0; i < commit->parents.size(); ++i) {
      git_oid parent_tree{};
      auto it = commit_index_.find(commit->parents[i]);
      if (it != commit_index_.end()) {
        parent_tree = commit_trees_[it->second];
      } else if (!TreeOfUnwalked(commit->parents[i], &parent_tree)) {
        // A shallow clone's boundary, or a missing object.
        if (!out_->shallow) Error("commit " + out_->commits.back().id + ": missing parent");
        continue;
      }
      if (i == 0) {
        out_->commits.back().first_parent =
            it != commit_index_.end() ? it->second : kParentNotWalked;
      }
      if (git::SharedTree pt = trees_.Get(parent_tree); pt != nullptr) {
        first_parent_tree |= i == 0;
        parents.push_back(std::move(pt));
      }
    }
    std::vector<const RawTree*> bases;
    bases.reserve(parents.size());
    for (const git::SharedTree& p : parents) bases.push_back(p.get());
    // One pass when the parents are the first parent alone (or none);
    // a merge's changes relative to its first parent need a pass of their own.
    if (!record || bases.empty() || (bases.size() == 1 && first_parent_tree)) {
      Compare(*tree, bases, "", index, record ? kIntroduce | kRecord : kIntroduce);
      return;
    }
    Compare(*tree, bases, "", index, kIntroduce);
    std::vector<const RawTree*> first;
    if (first_parent_tree) first.push_back(bases[0]);
    Compare(*tree, first, "", index, kRecord);
  }

  bool Seen(const git_oid& blob) const { return blobs_.Seen(blob); }
  void AddDangling(const git_oid& blob) { blobs_.AddDangling(blob); }
  void Finish() { blobs_.Finish(); }

 private:
  // What a Compare pass does: record introductions relative to every base,
  // and/or changes relative to the first parent (then the only base).
  static constexpr unsigned kIntroduce = 1;
  static constexpr unsigned kRecord = 2;

  // The tree of a commit the walk did not add (left out by --since or
  // --range); false when it cannot be read.
  bool TreeOfUnwalked(const git_oid& id, git_oid* tree) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo_, &id) != 0) return false;
    const Commit commit(c);
    *tree = *git_commit_tree_id(c);
    return true;
  }

  void Error(std::string message) { out_->errors.push_back(std::move(message)); }

  void Record(std::uint32_t path, std::uint32_t after) { out_->changes.push_back({path, after}); }

  // Records that what the first parent held at `path` (entry `e`, null for
  // nothing) is gone: a blob, or every blob of a directory.
  void RecordGone(const TreeEntry* e, const std::string& path) {
    if (e == nullptr) return;
    if (e->IsBlob()) {
      Record(out_->paths.Intern(path), kNoBlob);
      return;
    }
    if (!e->IsTree()) return;
    const git::SharedTree sub = trees_.Get(e->id);
    if (sub == nullptr) return;  // reported by its walk
    for (std::size_t i = 0; i < sub->size(); ++i) {
      const TreeEntry& c = (*sub)[i];
      RecordGone(&c, path + "/" + std::string(c.name));
    }
  }

  // The entry of `base` with the name of `e`, or null. Both trees list their
  // entries in git's order, so the search goes on from `*cursor` (where the
  // previous entry's search ended) and usually takes one comparison, not a
  // binary search per entry: a directory of n entries costs n steps, not
  // n log n name comparisons. An entry whose kind changed (a file that became
  // a directory sorts elsewhere) is looked up by name.
  static const TreeEntry* Counterpart(const RawTree& base, const TreeEntry& e,
                                      std::size_t* cursor) {
    while (*cursor < base.size()) {
      const TreeEntry& c = base[*cursor];
      const int order = git::CompareEntries(c, e);
      if (order > 0) break;
      ++*cursor;
      if (order == 0) return &c;
    }
    return base.Find(e.name);
  }

  // The bases' subtrees where `in_bases` (the bases' entries) name trees.
  void Subtrees(const std::vector<const TreeEntry*>& in_bases, std::vector<git::SharedTree>* owned,
                std::vector<const RawTree*>* out) {
    for (const TreeEntry* be : in_bases) {
      git::SharedTree bt;
      if (be != nullptr && be->IsTree()) bt = trees_.Get(be->id);
      out->push_back(bt.get());
      if (bt != nullptr) owned->push_back(std::move(bt));
    }
  }

  // Compares `tree` (at `prefix`) with every tree of `bases` (the parents'
  // trees at the same prefix; null where absent). With kIntroduce, records
  // what it introduces relative to all of them; with kRecord (one base at
  // most: the first parent's), what changed relative to that base.
  void Compare(const RawTree& tree, const std::vector<const RawTree*>& bases,
               const std::string& prefix, std::uint32_t commit, unsigned what) {
    const bool introduce = (what & kIntroduce) != 0;
    const bool record = (what & kRecord) != 0;
    const std::size_t count = tree.size();
    std::vector<const TreeEntry*> in_bases;
    in_bases.reserve(bases.size());
    std::vector<std::size_t> cursors(bases.size(), 0);  // Counterpart's place in each base
    std::size_t in_first = 0;                           // entries of bases[0] that `tree` names too
    for (std::size_t i = 0; i < count; ++i) {
      const TreeEntry& e = tree[i];
      const git_oid& id = e.id;
      const std::uint32_t mode = e.mode;
      // The same entry in each parent: unchanged in any parent means not
      // introduced here.
      in_bases.clear();
      bool unchanged = false;
      for (std::size_t k = 0; k < bases.size(); ++k) {
        const RawTree* b = bases[k];
        const TreeEntry* be = b != nullptr ? Counterpart(*b, e, &cursors[k]) : nullptr;
        if (be != nullptr && k == 0) ++in_first;
        if (be != nullptr && git_oid_equal(&be->id, &id) != 0 && be->mode == mode) {
          unchanged = true;
          break;
        }
        in_bases.push_back(be);
      }
      if (unchanged) continue;
      const std::string path = Join(prefix, e.name);
      const TreeEntry* before = record && !in_bases.empty() ? in_bases[0] : nullptr;
      if (e.IsBlob()) {
        const std::uint32_t at = out_->paths.Intern(path);
        const std::uint32_t blob = introduce ? blobs_.Add(id, commit, at) : blobs_.IndexOf(id);
        if (!record) continue;
        if (before != nullptr && !before->IsBlob()) RecordGone(before, path);  // was a directory
        Record(at, blob);
        continue;
      }
      if (record && (mode != GIT_FILEMODE_TREE || (before != nullptr && before->IsBlob()))) {
        RecordGone(before, path);  // a file became a directory, a link...
      }
      if (mode == GIT_FILEMODE_TREE) {
        const git::SharedTree subtree = trees_.Get(id);
        if (subtree == nullptr) {
          if (introduce) Error("tree " + OidHex(id) + " (" + path + "): missing or corrupt");
          continue;
        }
        std::vector<git::SharedTree> owned;
        std::vector<const RawTree*> sub_bases;
        Subtrees(in_bases, &owned, &sub_bases);
        Compare(*subtree, sub_bases, path, commit, what);
      } else if (mode == GIT_FILEMODE_COMMIT && introduce) {
        ++out_->submodules;
      }
      // GIT_FILEMODE_LINK: a symlink's target, not file content; skipped.
    }
    // Some entry of the first parent's tree is not in this one: deleted.
    if (record && !bases.empty() && bases[0] != nullptr && in_first < bases[0]->size()) {
      RecordDeleted(tree, *bases[0], prefix);
    }
  }

  // Records what the first parent's `base` held that `tree` no longer names.
  void RecordDeleted(const RawTree& tree, const RawTree& base, const std::string& prefix) {
    for (std::size_t i = 0; i < base.size(); ++i) {
      const TreeEntry& be = base[i];
      if (tree.Find(be.name) != nullptr) continue;
      RecordGone(&be, Join(prefix, be.name));
    }
  }

  // `name` under directory `prefix` ("" for the root).
  static std::string Join(const std::string& prefix, std::string_view name) {
    if (prefix.empty()) return std::string(name);
    std::string path;
    path.reserve(prefix.size() + 1 + name.size());
    path.append(prefix).append(1, '/').append(name);
    return path;
  }

  git_repository* repo_;
  History* out_;
  git::TreeCache trees_;
  git::BlobCollector blobs_;
  const OidSet* record_;
  std::unordered_map<git_oid, std::uint32_t, OidHash, OidEq> commit_index_;
  std::vector<git_oid> commit_trees_;  // by index in History::commits
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
// children (a depth-first post-order, deterministic for given starts), each
// read once. A parent that cannot be loaded (a shallow clone's boundary, a
// missing object) ends that line; missing ones are reported in `errors`.
// With `describe`, fills each commit's `info` (else only its id). With
// `first_parents`, also notes each commit's first parent there.
using FirstParents = std::unordered_map<git_oid, git_oid, OidHash, OidEq>;

std::vector<WalkCommit> Reachable(git_repository* repo, const std::vector<git_oid>& starts,
                                  const OidSet& stop, bool shallow, bool describe,
                                  std::vector<std::string>* errors,
                                  FirstParents* first_parents = nullptr) {
  std::vector<WalkCommit> order;
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) {
    errors->push_back("cannot open the object database");
    return order;
  }
  const git::Odb odb(raw_odb);
  OidSet visited;
  struct Frame {
    WalkCommit commit;
    std::size_t next_parent = 0;
  };
  for (const git_oid& start : starts) {
    if (stop.count(start) != 0 || !visited.insert(start).second) continue;
    std::vector<Frame> stack;
    auto push = [&](const git_oid& id) {
      git_commit* c = nullptr;
      Frame f;
      f.commit.id = id;
      if (git_commit_lookup(&c, repo, &id) == 0) {
        const Commit commit(c);
        f.commit.readable = true;
        f.commit.tree = *git_commit_tree_id(c);
        const unsigned n = git_commit_parentcount(c);
        for (unsigned i = 0; i < n; ++i) f.commit.parents.push_back(*git_commit_parent_id(c, i));
        if (first_parents != nullptr && n > 0) first_parents->emplace(id, f.commit.parents[0]);
        if (describe) f.commit.info = Describe(c);
      } else {
        errors->push_back("commit " + OidHex(id) + ": missing or corrupt");
      }
      stack.push_back(std::move(f));
    };
    push(start);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next_parent < top.commit.parents.size()) {
        const git_oid parent = top.commit.parents[top.next_parent++];
        if (stop.count(parent) != 0 || !visited.insert(parent).second) continue;
        if (!git_odb_exists(odb.get(), &parent)) {
          if (!shallow) errors->push_back("commit " + OidHex(parent) + ": missing");
          continue;
        }
        push(parent);
        continue;
      }
      order.push_back(std::move(top.commit));
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

// Adds the commits of `order` to the history (their descriptions move
// there).
void AddAll(std::vector<WalkCommit>* order, Walker* walker) {
  for (WalkCommit& c : *order) {
    if (c.readable) walker->AddCommit(&c);  // else reported by Reachable
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

// Every object in the database: commits the walk did not reach are walked
// (with their unreachable ancestors); blobs no tree holds are listed as
// dangling. `walked` holds the commits walked and those left out.
Status AddUnreachable(git_repository* r, const OidSet& walked, Walker* walker, History* out) {
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
    out->errors.push_back(std::to_string(all.unreadable) +
                          " object(s) whose header cannot be read");
  }
  // Loose and packed copies of one object are listed twice; order them.
  auto sort_unique = [](std::vector<git_oid>* v) {
    std::sort(v->begin(), v->end(),
              [](const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; });
    v->erase(std::unique(v->begin(), v->end(),
                         [](const git_oid& a, const git_oid& b) { return git_oid_equal(&a, &b); }),
             v->end());
  };
  sort_unique(&all.commits);
  sort_unique(&all.blobs);
  std::vector<git_oid> extra_starts;
  for (const git_oid& c : all.commits) {
    if (walked.count(c) == 0) extra_starts.push_back(c);
  }
  std::vector<WalkCommit> extra =
      Reachable(r, extra_starts, walked, out->shallow, true, &out->errors);
  out->unreachable_commits = extra.size();
  AddAll(&extra, walker);
  for (const git_oid& b : all.blobs) {
    if (!walker->Seen(b)) {
      walker->AddDangling(b);
      ++out->dangling_blobs;
    }
  }
  return Status::Ok();
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
  // Mapped: the walk reads some hundred thousand small trees and every
  // commit (see git/pack_file.h); the blob scan reads its own way.
  std::shared_ptr<const git::PackStore> packs = git::OpenPacks(r, git::PackFile::Access::kMapped);
  if (Status s = git::AddPackBackend(r, packs, kCommitBaseBytes); !s.ok()) return s;
  std::vector<git_oid> starts;
  std::vector<git_oid> hidden;
  if (Status s = Starts(r, options, &starts, &hidden); !s.ok()) return s;
  OidSet stop;
  if (!hidden.empty()) {
    std::vector<std::string> ignored;
    for (const WalkCommit& c : Reachable(r, hidden, {}, out.shallow, false, &ignored)) {
      stop.insert(c.id);
    }
  }
  // Presence asks what changed along the branches' lines; record it when
  // the walk covers them (it starts from every ref).
  const bool every_ref = options.branch.empty() && options.range.empty() && options.since.empty();
  FirstParents first_parents;
  std::vector<WalkCommit> order = Reachable(r, starts, stop, out.shallow, true, &out.errors,
                                            every_ref ? &first_parents : nullptr);
  const OidSet lines = every_ref ? BranchLines(r, first_parents) : OidSet();
  FirstParents().swap(first_parents);
  Walker walker(r, *packs, &out, &lines, options.on_new_blob);
  AddAll(&order, &walker);
  if (options.all_objects) {
    OidSet walked = stop;
    for (const WalkCommit& c : order) walked.insert(c.id);
    std::vector<WalkCommit>().swap(order);
    if (Status s = AddUnreachable(r, walked, &walker, &out); !s.ok()) return s;
  }
  walker.Finish();
  out.changes.shrink_to_fit();  // held through the scan: no growth slack
  MarkHead(r, &out);
  return out;
}

}  // namespace ctxscan
