// Git tree objects parsed without libgit2; see src/git/raw_tree.h.
#include "git/raw_tree.h"

#include <algorithm>
#include <cstring>

namespace ctxscan::git {
namespace {

// A mode as libgit2 reports it: the directory bit decides a tree; the
// owner's execute bit makes an executable file (whatever the type bits);
// then links and submodules by their type bits; everything else is an
// ordinary file (old repositories hold 100664 and the like).
std::uint32_t Normalize(std::uint32_t mode) {
  constexpr std::uint32_t kType = 0170000;
  if ((mode & kType) == GIT_FILEMODE_TREE) return GIT_FILEMODE_TREE;
  if ((mode & 0100) != 0) return GIT_FILEMODE_BLOB_EXECUTABLE;
  if ((mode & kType) == GIT_FILEMODE_COMMIT) return GIT_FILEMODE_COMMIT;
  if ((mode & kType) == GIT_FILEMODE_LINK) return GIT_FILEMODE_LINK;
  return GIT_FILEMODE_BLOB;
}

// The byte that follows a name in git's order: its next character, or '/'
// after a directory's name (the end of a file's name sorts first).
unsigned After(const TreeEntry& e, std::size_t n) {
  if (n < e.name.size()) return static_cast<unsigned char>(e.name[n]);
  return e.IsTree() ? '/' : 0;
}

}  // namespace

int CompareEntries(const TreeEntry& a, const TreeEntry& b) {
  const std::size_t n = std::min(a.name.size(), b.name.size());
  if (n > 0) {
    if (const int c = std::memcmp(a.name.data(), b.name.data(), n); c != 0) return c;
  }
  const unsigned x = After(a, n);
  const unsigned y = After(b, n);
  return x < y ? -1 : (x > y ? 1 : 0);
}

std::optional<RawTree> RawTree::Parse(std::shared_ptr<const std::string> bytes) {
  RawTree tree;
  const char* p = bytes->data();
  const char* const end = p + bytes->size();
  // Entries are at least 22 bytes ("0 " is the shortest mode, a name may be
  // empty, then NUL and the id): reserve for the most there can be.
  tree.entries_.reserve(bytes->size() / 22);
  while (p < end) {
    TreeEntry e;
    std::uint32_t mode = 0;
    const char* const mode_start = p;
    for (; p < end && *p != ' '; ++p) {
      // Six octal digits hold every mode git writes; more would overflow.
      if (*p < '0' || *p > '7' || p - mode_start >= 7) return std::nullopt;
      mode = mode * 8 + static_cast<std::uint32_t>(*p - '0');
    }
    if (p == end || p == mode_start) return std::nullopt;
    ++p;  // the space
    const void* nul = std::memchr(p, '\0', static_cast<std::size_t>(end - p));
    if (nul == nullptr) return std::nullopt;
    const char* const name_end = static_cast<const char*>(nul);
    if (end - name_end < 1 + static_cast<std::ptrdiff_t>(sizeof e.id.id)) return std::nullopt;
    e.name = std::string_view(p, static_cast<std::size_t>(name_end - p));
    e.mode = Normalize(mode);
    std::memcpy(e.id.id, name_end + 1, sizeof e.id.id);
    tree.entries_.push_back(e);
    p = name_end + 1 + sizeof e.id.id;
  }
  tree.bytes_ = std::move(bytes);
  return tree;
}

const TreeEntry* RawTree::Find(std::string_view name) const {
  const auto less = [](const TreeEntry& a, const TreeEntry& b) { return CompareEntries(a, b) < 0; };
  for (const std::uint32_t kind :
       {std::uint32_t{GIT_FILEMODE_BLOB}, std::uint32_t{GIT_FILEMODE_TREE}}) {
    TreeEntry key;
    key.name = name;
    key.mode = kind;
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key, less);
    if (it != entries_.end() && it->name == name) return &*it;
  }
  return nullptr;
}

}  // namespace ctxscan::git
