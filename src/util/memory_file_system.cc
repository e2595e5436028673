// In-memory FileSystem for tests; see include/ctxscan/util/file_system.h.
#include <algorithm>
#include <map>

#include "ctxscan/util/file_system.h"

namespace ctxscan {

struct MemoryFileSystem::Node {
  EntryType type = EntryType::kDirectory;
  std::string content;
  bool unreadable = false;
  std::map<std::string, std::unique_ptr<Node>, std::less<>> children;
};

MemoryFileSystem::MemoryFileSystem() : root_(std::make_unique<Node>()) {}
MemoryFileSystem::~MemoryFileSystem() = default;

MemoryFileSystem::Node* MemoryFileSystem::Ensure(std::string_view path, EntryType type) {
  Node* node = root_.get();
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view name = path.substr(start, slash - start);
    const bool last = slash == path.size();
    auto it = node->children.find(name);
    if (it == node->children.end()) {
      auto child = std::make_unique<Node>();
      child->type = last ? type : EntryType::kDirectory;
      it = node->children.emplace(std::string(name), std::move(child)).first;
    }
    node = it->second.get();
    start = slash + 1;
  }
  return node;
}

const MemoryFileSystem::Node* MemoryFileSystem::Find(std::string_view path) const {
  const Node* node = root_.get();
  if (path.empty()) return node;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (node->type != EntryType::kDirectory) return nullptr;
    auto it = node->children.find(path.substr(start, slash - start));
    if (it == node->children.end()) return nullptr;
    node = it->second.get();
    start = slash + 1;
  }
  return node;
}

void MemoryFileSystem::AddFile(std::string_view path, std::string content) {
  Ensure(path, EntryType::kFile)->content = std::move(content);
}
void MemoryFileSystem::AddDir(std::string_view path) { Ensure(path, EntryType::kDirectory); }
void MemoryFileSystem::AddSymlink(std::string_view path) { Ensure(path, EntryType::kSymlink); }
void MemoryFileSystem::AddSpecial(std::string_view path, EntryType type) { Ensure(path, type); }
void MemoryFileSystem::MakeUnreadable(std::string_view path) {
  Node* n = const_cast<Node*>(Find(path));
  if (n != nullptr) n->unreadable = true;
}

Status MemoryFileSystem::ListDir(std::string_view dir, const ListOptions& options,
                                 std::vector<DirEntry>* out) const {
  const Node* node = Find(dir);
  const std::string shown = dir.empty() ? "." : std::string(dir);
  if (node == nullptr || node->type != EntryType::kDirectory) {
    return Status::Error(shown + ": not a directory");
  }
  if (node->unreadable) return Status::Error(shown + ": permission denied");
  out->clear();
  for (const auto& [name, child] : node->children) {
    DirEntry e{name, child->type, options.want_size ? child->content.size() : 0, {}};
    // Like the real file system: a directory's own listing fails, not its entry.
    if (child->unreadable && child->type == EntryType::kFile && options.check_readable) {
      e.error = "permission denied";
    }
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

Result<EntryType> MemoryFileSystem::TypeOf(std::string_view path) const {
  const Node* node = Find(path);
  if (node == nullptr) return Status::Error(std::string(path) + ": no such file or directory");
  return node->type;
}

Result<std::string> MemoryFileSystem::ReadFile(std::string_view path, std::size_t max_bytes) const {
  const Node* node = Find(path);
  if (node == nullptr) return Status::Error(std::string(path) + ": no such file or directory");
  if (node->type != EntryType::kFile)
    return Status::Error(std::string(path) + ": not a regular file");
  if (node->unreadable) return Status::Error(std::string(path) + ": permission denied");
  if (node->content.size() > max_bytes)
    return Status::Error(std::string(path) + ": file too large");
  return node->content;
}

namespace {

class MemoryReader : public FileReader {
 public:
  explicit MemoryReader(std::string_view data) : data_(data) {}
  std::uint64_t size() const override { return data_.size(); }
  Result<std::size_t> Read(char* buf, std::size_t n) override {
    const std::size_t k = std::min(n, data_.size() - pos_);
    std::copy_n(data_.data() + pos_, k, buf);
    pos_ += k;
    return k;
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<FileReader>> MemoryFileSystem::OpenFile(std::string_view path) const {
  const Node* node = Find(path);
  if (node == nullptr) return Status::Error("no such file or directory");
  if (node->type != EntryType::kFile) return Status::Error("not a regular file");
  if (node->unreadable) return Status::Error("permission denied");
  return std::unique_ptr<FileReader>(std::make_unique<MemoryReader>(node->content));
}

}  // namespace ctxscan
