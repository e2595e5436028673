// Where history findings still are; see src/git/presence.h.
//
// The question for each (blob, path) a finding names and each branch: does
// the tip hold that blob at that path, and if not, which commit of the
// branch's first-parent line removed it last? Asked branch by branch and
// commit by commit, that costs findings x branches x commits tree lookups.
// Here it is answered in one pass over history instead:
//
// - The first-parent lines of all branches form a forest (every commit has
//   one first parent; branches share their older parts). Each commit of it is
//   loaded once.
// - What changed on each edge along the findings' paths: when the history
//   walk started from every ref, it recorded each line commit's changes
//   against its first parent (History::Changes, made from the tree diffs it
//   computes anyway), and nothing is read again. Otherwise the paths form a
//   trie, and between a commit and its first parent only the trie's
//   subtrees whose tree ids differ are compared, so an edge costs what
//   changed along the interesting paths, nothing else.
// - A depth-first walk of the forest from its roots applies each edge's
//   changes on the way down and undoes them on the way up. It keeps the
//   (blob, path) pairs the current commit holds, and for each pair the
//   commits along the current line that dropped it, newest last. At a
//   branch's tip, a held pair is present; a pair not held but dropped
//   somewhere on the line was removed by the newest of those commits.
//
// The cost is linear in the size of the forest plus what changed along the
// interesting paths, plus the size of the answer. Covered by
// tests/e2e/presence_diff_test.py (both ways, against git) and
// tests/e2e/git_cli_test.py.
#include "git/presence.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "git/git_handle.h"
#include "git/tree_cache.h"

namespace ctxscan {
namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

// The paths the findings name, as a trie over their slash-separated parts,
// and the (blob, path) pairs asked about.
class Interest {
 public:
  struct Node {
    std::vector<std::pair<std::string, std::uint32_t>> children;  // sorted by name
    std::uint32_t path = kNone;  // the path that ends here, if one does
  };

  // Adds the pair (blob, path); returns its index.
  std::uint32_t Add(const std::string& path, const git_oid& blob) {
    const std::uint32_t p = PathId(path);
    auto [it, inserted] = pairs_.try_emplace(Key(p, blob), pair_path_.size());
    if (inserted) pair_path_.push_back(p);
    return it->second;
  }

  // The pair (blob, path id), or kNone when nobody asked about it.
  std::uint32_t Pair(std::uint32_t path, const git_oid& blob) const {
    auto it = pairs_.find(Key(path, blob));
    return it == pairs_.end() ? kNone : it->second;
  }

  std::size_t pair_count() const { return pair_path_.size(); }
  // Each path asked about, with its id.
  const std::unordered_map<std::string, std::uint32_t>& paths() const { return path_ids_; }
  const Node& node(std::uint32_t i) const { return nodes_[i]; }

 private:
  static std::string Key(std::uint32_t path, const git_oid& blob) {
    std::string k(sizeof path + GIT_OID_RAWSZ, '\0');
    std::memcpy(k.data(), &path, sizeof path);
    std::memcpy(k.data() + sizeof path, blob.id, GIT_OID_RAWSZ);
    return k;
  }

  std::uint32_t PathId(const std::string& path) {
    auto it = path_ids_.find(path);
    if (it != path_ids_.end()) return it->second;
    std::uint32_t at = 0;
    std::size_t start = 0;
    while (true) {
      const std::size_t slash = path.find('/', start);
      const std::string part = path.substr(start, slash - start);
      auto& kids = nodes_[at].children;
      auto k = std::lower_bound(kids.begin(), kids.end(), part,
                                [](const auto& c, const std::string& n) { return c.first < n; });
      if (k == kids.end() || k->first != part) {
        const auto child = static_cast<std::uint32_t>(nodes_.size());
        k = kids.insert(k, {part, child});
        nodes_.emplace_back();
      }
      at = k->second;
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    const auto id = static_cast<std::uint32_t>(path_ids_.size());
    nodes_[at].path = id;
    path_ids_.emplace(path, id);
    return id;
  }

  std::vector<Node> nodes_{Node{}};  // [0] is the root
  std::unordered_map<std::string, std::uint32_t> path_ids_;
  std::unordered_map<std::string, std::uint32_t> pairs_;  // Key -> pair index
  std::vector<std::uint32_t> pair_path_;
};

// One change along an interesting path between two trees.
struct Change {
  std::uint32_t path;
  git_oid before;  // zero: no blob there
  git_oid after;
};

bool IsZero(const git_oid& o) { return git_oid_is_zero(&o) != 0; }

// The blob at a tree entry, or zero for none (absent, a tree, a link...).
git_oid BlobOf(const git::TreeEntry* e) {
  git_oid zero{};
  if (e == nullptr || !e->IsBlob()) return zero;
  return e->id;
}

// The kind of object an entry names: a tree, a commit (a submodule) or a
// blob (a file or a link).
int KindOf(const git::TreeEntry& e) {
  if (e.IsTree()) return 1;
  return e.mode == GIT_FILEMODE_COMMIT ? 2 : 0;
}

// Looks up the subtree an entry names, or null when it is not a tree.
git::SharedTree Subtree(git::TreeCache* trees, const git::TreeEntry* e) {
  if (e == nullptr || !e->IsTree()) return nullptr;
  return trees->Get(e->id);
}

// Appends the changes between trees `a` and `b` (either may be null: empty)
// below trie node `at`.
void Diff(git::TreeCache* trees, const Interest& interest, std::uint32_t at, const git::RawTree* a,
          const git::RawTree* b, std::vector<Change>* out) {
  for (const auto& [name, child] : interest.node(at).children) {
    const git::TreeEntry* ea = a != nullptr ? a->Find(name) : nullptr;
    const git::TreeEntry* eb = b != nullptr ? b->Find(name) : nullptr;
    if (ea == nullptr && eb == nullptr) continue;
    if (ea != nullptr && eb != nullptr && git_oid_equal(&ea->id, &eb->id) != 0 &&
        KindOf(*ea) == KindOf(*eb)) {
      continue;
    }
    const Interest::Node& n = interest.node(child);
    if (n.path != kNone) {
      const git_oid before = BlobOf(ea);
      const git_oid after = BlobOf(eb);
      if (git_oid_equal(&before, &after) == 0) out->push_back({n.path, before, after});
    }
    if (!n.children.empty()) {
      const git::SharedTree sa = Subtree(trees, ea);
      const git::SharedTree sb = Subtree(trees, eb);
      if (sa || sb) Diff(trees, interest, child, sa.get(), sb.get(), out);
    }
  }
}

// A set of small integers with O(1) insert and erase and iteration in
// insertion-dependent order (callers sort what they output).
class IndexSet {
 public:
  explicit IndexSet(std::size_t n) : pos_(n, kNone) {}
  bool Has(std::uint32_t i) const { return pos_[i] != kNone; }
  void Insert(std::uint32_t i) {
    if (Has(i)) return;
    pos_[i] = static_cast<std::uint32_t>(items_.size());
    items_.push_back(i);
  }
  void Erase(std::uint32_t i) {
    if (!Has(i)) return;
    const std::uint32_t last = items_.back();
    items_[pos_[i]] = last;
    pos_[last] = pos_[i];
    items_.pop_back();
    pos_[i] = kNone;
  }
  const std::vector<std::uint32_t>& items() const { return items_; }

 private:
  std::vector<std::uint32_t> pos_;
  std::vector<std::uint32_t> items_;
};

// The first-parent lines of the branches, merged into a forest.
struct Forest {
  std::vector<git_oid> commit;
  std::vector<git_oid> tree;                                 // empty when made from history
  std::vector<std::uint32_t> history_commit;                 // index into History::commits
  std::vector<std::uint32_t> parent;                         // kNone for a root
  std::map<std::uint32_t, std::vector<std::uint32_t>> tips;  // node -> branch indexes
  std::vector<std::string> branches;                         // sorted by name
};

// Adds the first-parent line from `tip` to the forest, stopping where it
// meets a commit already in it; returns the tip's node (kNone if the tip
// cannot be read). A parent that cannot be read (a shallow boundary) ends
// the line: its child is a root.
std::uint32_t AddLine(git_repository* repo, const git_oid& tip,
                      std::unordered_map<std::string, std::uint32_t>* index, Forest* f) {
  git_oid cur = tip;
  std::uint32_t child = kNone;
  std::uint32_t first = kNone;
  while (true) {
    const std::string key(reinterpret_cast<const char*>(cur.id), GIT_OID_RAWSZ);
    if (auto it = index->find(key); it != index->end()) {
      if (child != kNone) f->parent[child] = it->second;
      return first != kNone ? first : it->second;
    }
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &cur) != 0) return first;
    const git::Commit c(raw);
    const auto node = static_cast<std::uint32_t>(f->commit.size());
    index->emplace(key, node);
    f->commit.push_back(cur);
    f->tree.push_back(*git_commit_tree_id(c.get()));
    f->parent.push_back(kNone);
    if (child != kNone) f->parent[child] = node;
    if (first == kNone) first = node;
    child = node;
    if (git_commit_parentcount(c.get()) == 0) return first;
    cur = *git_commit_parent_id(c.get(), 0);
  }
}

// The branches, by name: refs/heads/* and refs/remotes/* but not a remote's
// symbolic HEAD.
std::vector<std::pair<std::string, git_oid>> Branches(git_repository* repo) {
  std::vector<std::pair<std::string, git_oid>> refs;
  (void)git::ForEachRefCommit(repo, [&](const char* name, const git_oid& tip) {
    if (git::IsBranchRef(name)) refs.emplace_back(name, tip);
  });
  std::sort(refs.begin(), refs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return refs;
}

// The forest of the branches, read from the repository.
Forest BuildForest(git_repository* repo) {
  Forest f;
  std::unordered_map<std::string, std::uint32_t> index;
  for (const auto& [name, tip] : Branches(repo)) {
    const std::uint32_t node = AddLine(repo, tip, &index, &f);
    if (node == kNone) continue;
    f.tips[node].push_back(static_cast<std::uint32_t>(f.branches.size()));
    f.branches.push_back(name);
  }
  return f;
}

// The forest of the branches from the history walk's commits and first
// parents, when the walk holds every commit of every branch's first-parent
// line (it does unless --branch, --range or --since left some out); else
// nothing, and the forest is read from the repository.
std::optional<Forest> ForestFromHistory(git_repository* repo, const History& h) {
  std::unordered_map<std::string, std::uint32_t> by_id;  // hex id -> commit index
  by_id.reserve(h.commits.size());
  for (std::uint32_t c = 0; c < h.commits.size(); ++c) {
    if (!h.commits[c].id.empty()) by_id.emplace(h.commits[c].id, c);
  }
  Forest f;
  std::vector<std::uint32_t> node_of(h.commits.size(), kNone);
  for (const auto& [name, tip] : Branches(repo)) {
    auto it = by_id.find(git::OidHex(tip));
    if (it == by_id.end()) return std::nullopt;
    std::uint32_t c = it->second;
    std::uint32_t child = kNone;
    std::uint32_t first = kNone;
    while (c != kNoParent) {
      if (c == kParentNotWalked) return std::nullopt;
      if (node_of[c] != kNone) break;  // the line joins one already in the forest
      if (!h.commits[c].changes_recorded) return std::nullopt;
      const auto node = static_cast<std::uint32_t>(f.commit.size());
      node_of[c] = node;
      git_oid id{};
      if (git_oid_fromstr(&id, h.commits[c].id.c_str()) != 0) return std::nullopt;
      f.commit.push_back(id);
      f.history_commit.push_back(c);
      f.parent.push_back(kNone);
      if (child != kNone) f.parent[child] = node;
      if (first == kNone) first = node;
      child = node;
      c = h.commits[c].first_parent;
    }
    if (c != kNoParent && child != kNone) f.parent[child] = node_of[c];
    const std::uint32_t tip_node = first != kNone ? first : node_of[it->second];
    f.tips[tip_node].push_back(static_cast<std::uint32_t>(f.branches.size()));
    f.branches.push_back(name);
  }
  return f;
}

// What the walk found for each pair.
struct Answers {
  std::vector<std::vector<std::uint32_t>> present;                            // pair -> branches
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> removed;  // (branch, node)
};

// The answer for one pair, branches in name order.
std::shared_ptr<const BranchPresence> Presence(const Forest& forest, Answers* answers,
                                               std::uint32_t pair) {
  auto out = std::make_shared<BranchPresence>();
  std::vector<std::uint32_t>& present = answers->present[pair];
  std::sort(present.begin(), present.end());
  for (const std::uint32_t b : present) out->present_on.push_back(forest.branches[b]);
  auto& removed = answers->removed[pair];
  std::sort(removed.begin(), removed.end());
  for (const auto& [b, node] : removed) {
    out->removed_in.push_back({forest.branches[b], git::OidHex(forest.commit[node])});
  }
  return out;
}

// The depth-first walk of the forest (see the essay at the top).
// Where the walk learns what changed along the interesting paths between a
// forest node's parent (kNone: nothing) and the node. Enter and Leave come
// in depth-first order: each Leave undoes the latest Enter not yet undone.
class EdgeSource {
 public:
  virtual ~EdgeSource() = default;
  virtual std::vector<Change> Enter(std::uint32_t parent, std::uint32_t node) = 0;
  virtual void Leave() {}
};

// Diffs the two commits' trees along the trie.
class TreeDiffs : public EdgeSource {
 public:
  TreeDiffs(git_repository* repo, const Interest& interest, const Forest& forest)
      : packs_(git::OpenPacks(repo)),
        trees_(repo, *packs_, kCachedTrees),
        interest_(interest),
        forest_(forest) {}

  std::vector<Change> Enter(std::uint32_t parent, std::uint32_t node) override {
    std::vector<Change> changes;
    const git::SharedTree before = TreeOf(parent);
    const git::SharedTree after = TreeOf(node);
    Diff(&trees_, interest_, 0, before.get(), after.get(), &changes);
    return changes;
  }

 private:
  // A commit's trees are read again as its child's parent trees: keep the
  // recent ones.
  static constexpr std::size_t kCachedTrees = 64;

  git::SharedTree TreeOf(std::uint32_t node) {
    return node == kNone ? nullptr : trees_.Get(forest_.tree[node]);
  }
  std::unique_ptr<const git::PackStore> packs_;
  git::TreeCache trees_;
  const Interest& interest_;
  const Forest& forest_;
};

// Reads what the history walk recorded for each commit against its first
// parent (History::Changes): no object is read again. A change says only
// what the path holds after; what it held before is what the line held
// there, kept here for the interesting paths along the current line.
class RecordedChanges : public EdgeSource {
 public:
  RecordedChanges(const History& h, const Interest& interest, const Forest& forest)
      : h_(h), forest_(forest), ids_(h.paths.size(), kNone) {
    for (const auto& [path, id] : interest.paths()) {
      const std::uint32_t at = h.paths.Find(path);
      if (at != PathTable::kNotInterned) ids_[at] = id;
      if (id >= held_.size()) held_.resize(id + 1, kNoBlob);
    }
  }

  std::vector<Change> Enter(std::uint32_t /*parent*/, std::uint32_t node) override {
    std::vector<Change> changes;
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& undo = undo_.emplace_back();
    for (const PathChange& c : h_.Changes(forest_.history_commit[node])) {
      const std::uint32_t path = ids_[c.path];
      if (path == kNone || held_[path] == c.after) continue;
      changes.push_back({path, Oid(held_[path]), Oid(c.after)});
      undo.emplace_back(path, held_[path]);
      held_[path] = c.after;
    }
    return changes;
  }

  void Leave() override {
    const auto& undo = undo_.back();
    for (auto u = undo.rbegin(); u != undo.rend(); ++u) held_[u->first] = u->second;
    undo_.pop_back();
  }

 private:
  git_oid Oid(std::uint32_t blob) const {
    git_oid id{};
    if (blob != kNoBlob) std::memcpy(id.id, h_.blobs[blob].id.bytes.data(), sizeof id.id);
    return id;
  }
  const History& h_;
  const Forest& forest_;
  std::vector<std::uint32_t> ids_;   // history path -> interest path id, or kNone
  std::vector<std::uint32_t> held_;  // interest path id -> blob the current commit holds there
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> undo_;  // (path, blob before)
};

class Walk {
 public:
  Walk(const Interest& interest, const Forest& forest, EdgeSource* changes)
      : changes_(changes),
        interest_(interest),
        forest_(forest),
        held_(interest.pair_count()),
        dropping_(interest.pair_count()),
        drops_(interest.pair_count()) {
    answers_.present.resize(interest.pair_count());
    answers_.removed.resize(interest.pair_count());
  }

  Answers Run() {
    std::vector<std::vector<std::uint32_t>> children(forest_.commit.size());
    std::vector<std::uint32_t> roots;
    for (std::uint32_t n = 0; n < forest_.commit.size(); ++n) {
      (forest_.parent[n] == kNone ? roots : children[forest_.parent[n]]).push_back(n);
    }
    struct Frame {
      std::uint32_t node;
      std::size_t next_child = 0;
      std::vector<Change> changes;
    };
    for (const std::uint32_t root : roots) {
      std::vector<Frame> stack;
      stack.push_back({root, 0, Enter(kNone, root)});
      while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next_child < children[top.node].size()) {
          const std::uint32_t c = children[top.node][top.next_child++];
          std::vector<Change> changes = Enter(top.node, c);
          stack.push_back({c, 0, std::move(changes)});
          continue;
        }
        Leave(top.changes);
        changes_->Leave();
        stack.pop_back();
      }
    }
    return std::move(answers_);
  }

 private:
  // Applies the changes from `parent` (kNone: the empty tree) to `node` and
  // records the node's tips; returns the changes, for Leave.
  std::vector<Change> Enter(std::uint32_t parent, std::uint32_t node) {
    std::vector<Change> changes = changes_->Enter(parent, node);
    for (const Change& c : changes) {
      if (const std::uint32_t p = interest_.Pair(c.path, c.before);
          !IsZero(c.before) && p != kNone) {
        held_.Erase(p);
        drops_[p].push_back(node);
        dropping_.Insert(p);
      }
      if (const std::uint32_t q = interest_.Pair(c.path, c.after); !IsZero(c.after) && q != kNone) {
        held_.Insert(q);
      }
    }
    if (auto it = forest_.tips.find(node); it != forest_.tips.end()) {
      for (const std::uint32_t branch : it->second) {
        for (const std::uint32_t p : held_.items()) answers_.present[p].push_back(branch);
        for (const std::uint32_t p : dropping_.items()) {
          if (!held_.Has(p)) answers_.removed[p].emplace_back(branch, drops_[p].back());
        }
      }
    }
    return changes;
  }

  void Leave(const std::vector<Change>& changes) {
    for (auto c = changes.rbegin(); c != changes.rend(); ++c) {
      if (const std::uint32_t q = interest_.Pair(c->path, c->after);
          !IsZero(c->after) && q != kNone) {
        held_.Erase(q);
      }
      if (const std::uint32_t p = interest_.Pair(c->path, c->before);
          !IsZero(c->before) && p != kNone) {
        drops_[p].pop_back();
        if (drops_[p].empty()) dropping_.Erase(p);
        held_.Insert(p);
      }
    }
  }

  EdgeSource* changes_;
  const Interest& interest_;
  const Forest& forest_;
  IndexSet held_;                                  // pairs the current commit holds
  IndexSet dropping_;                              // pairs some commit of the current line dropped
  std::vector<std::vector<std::uint32_t>> drops_;  // pair -> nodes that dropped it, oldest first
  Answers answers_;
};

// What the working tree holds at each path of the findings: read once per
// path, through the file system (no symlink followed, at most `max_bytes`).
// A finding's location is in the working tree when the file there holds
// its secret, or, for a whole-file finding, when the file is there.
class Worktree {
 public:
  Worktree(const std::string& workdir, std::uint64_t max_bytes) : max_bytes_(max_bytes) {
    if (workdir.empty()) return;
    Result<std::unique_ptr<FileSystem>> fs = OpenPosixFileSystem(workdir);
    if (fs.ok()) fs_ = std::move(fs).value();
  }

  bool Holds(const std::string& path, const std::string& secret, PresenceReport* report) {
    if (!fs_) return false;
    auto it = files_.find(path);
    if (it == files_.end()) it = files_.emplace(path, Read(path, report)).first;
    if (!it->second) return false;
    return secret.empty() || it->second->find(secret) != std::string::npos;
  }

 private:
  std::optional<std::string> Read(const std::string& path, PresenceReport* report) const {
    Result<EntryType> type = fs_->TypeOf(path);
    if (!type.ok() || *type != EntryType::kFile) return std::nullopt;  // not there as a file
    Result<std::string> text = fs_->ReadFile(path, max_bytes_);
    if (!text.ok()) {
      report->worktree_unchecked.push_back({path, text.status().message()});
      return std::nullopt;
    }
    return std::move(text).value();
  }

  std::unique_ptr<FileSystem> fs_;
  std::uint64_t max_bytes_;
  std::map<std::string, std::optional<std::string>> files_;
};

}  // namespace

Result<PresenceReport> AddPresence(const std::string& repo_path, const PresenceOptions& options,
                                   std::vector<Finding>* findings, const History* history) {
  Result<git::Repository> repo = git::OpenRepository(repo_path);
  if (!repo.ok()) return repo.status();
  const char* raw_workdir = git_repository_workdir(repo->get());
  const std::string workdir = raw_workdir != nullptr ? raw_workdir : "";
  Interest interest;
  for (const Finding& f : *findings) {
    for (const Location& l : f.locations) {
      git_oid blob;
      if (l.git && !l.git->blob.empty() && git_oid_fromstr(&blob, l.git->blob.c_str()) == 0) {
        interest.Add(l.path, blob);
      }
    }
  }
  PresenceReport report;
  if (interest.pair_count() == 0) return report;
  std::optional<Forest> recorded;
  if (history != nullptr) recorded = ForestFromHistory(repo->get(), *history);
  const Forest forest = recorded ? std::move(*recorded) : BuildForest(repo->get());
  std::unique_ptr<EdgeSource> changes;
  if (recorded) {
    changes = std::make_unique<RecordedChanges>(*history, interest, forest);
  } else {
    changes = std::make_unique<TreeDiffs>(repo->get(), interest, forest);
  }
  Answers answers = Walk(interest, forest, changes.get()).Run();
  Worktree worktree(workdir, options.max_file_size);
  std::vector<std::shared_ptr<const BranchPresence>> shared(interest.pair_count());
  std::optional<std::set<std::string>> sent;  // computed once, if a secret is in the worktree
  for (Finding& f : *findings) {
    for (Location& l : f.locations) {
      git_oid blob;
      if (!l.git || l.git->blob.empty() || git_oid_fromstr(&blob, l.git->blob.c_str()) != 0) {
        continue;
      }
      const std::uint32_t pair = interest.Add(l.path, blob);  // already there: its index
      if (!shared[pair]) shared[pair] = Presence(forest, &answers, pair);
      auto p = std::make_shared<GitProvenance>(*l.git);
      p->branches = shared[pair];
      p->in_worktree = worktree.Holds(l.path, f.secret, &report);
      if (p->in_worktree && options.context_paths) {
        if (!sent) sent = options.context_paths(workdir);
        p->in_context = sent->count(l.path) != 0;
      }
      l.git = std::move(p);
    }
  }
  std::sort(report.worktree_unchecked.begin(), report.worktree_unchecked.end(),
            [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  return report;
}

}  // namespace ctxscan
