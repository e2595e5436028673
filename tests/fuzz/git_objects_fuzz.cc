// libFuzzer target: the history reader (ReadHistory) and the blob reader
// (OpenBlobFileSystem) on repositories whose objects are any bytes.
//
// The input is a list of objects, each a line "=blob", "=tree", "=commit" or
// "=tag" followed by its raw content up to the newline before the next such
// line. In a tree, "{N}" stands for object N's 20-byte id; in a commit or
// tag, for its 40 hex digits (an N not yet written stands for an id no
// object has: a missing object). Each object is written as it is, unchecked, into a fresh bare
// repository; each commit and tag gets a ref (refs/heads/cN, refs/tags/tN)
// and HEAD names the last commit's branch. So a mutated input is a
// repository with corrupt commits, trees and tags, dangling and
// wrongly-typed links, cycles through trees, and odd names and modes.
//
// Oracles: ReadHistory (from the refs, and with every object) either fails
// with a message or returns a history whose every index is in range
// (commits' parents walked before them, occurrences, changes and paths), and
// every blob it lists reads through the blob file system to exactly its
// size.
#include <git2.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctxscan/git/history.h"
#include "fuzz_fail.h"
#include "git/blob_file_system.h"
#include "git/git_handle.h"

namespace {

[[noreturn]] void Fail(const char* what) { ctxscan::fuzz::Fail("git_objects_fuzz", what); }

struct Record {
  git_object_t type;
  std::string content;
  bool has_line = false;
};

git_object_t TypeNamed(std::string_view name) {
  if (name == "blob") return GIT_OBJECT_BLOB;
  if (name == "tree") return GIT_OBJECT_TREE;
  if (name == "commit") return GIT_OBJECT_COMMIT;
  if (name == "tag") return GIT_OBJECT_TAG;
  return GIT_OBJECT_INVALID;
}

// Splits the input at lines "=TYPE"; text before the first is ignored.
std::vector<Record> Parse(std::string_view in) {
  std::vector<Record> out;
  std::size_t at = 0;
  while (at < in.size()) {
    std::size_t eol = in.find('\n', at);
    if (eol == std::string_view::npos) eol = in.size();
    const std::string_view line = in.substr(at, eol - at);
    const git_object_t type =
        line.size() > 1 && line[0] == '=' ? TypeNamed(line.substr(1)) : GIT_OBJECT_INVALID;
    if (type != GIT_OBJECT_INVALID) {
      out.push_back({type, "", false});
    } else if (!out.empty()) {
      if (out.back().has_line) out.back().content.push_back('\n');
      out.back().content.append(line);
      out.back().has_line = true;
    }
    at = eol + 1;
    if (out.size() > 64) break;
  }
  return out;
}

// `content` with each "{N}" replaced by object N's id (raw or hex).
std::string Link(const std::string& content, const std::vector<git_oid>& ids, bool raw) {
  std::string out;
  for (std::size_t i = 0; i < content.size(); ++i) {
    std::size_t j = i + 1;
    std::size_t n = 0;
    while (content[i] == '{' && j < content.size() && j < i + 4 && content[j] >= '0' &&
           content[j] <= '9') {
      n = n * 10 + static_cast<std::size_t>(content[j++] - '0');
    }
    if (j == i + 1 || j >= content.size() || content[j] != '}') {
      out.push_back(content[i]);
      continue;
    }
    i = j;
    git_oid id{};
    if (n < ids.size()) {
      id = ids[n];
    } else {
      for (unsigned char& b : id.id) b = static_cast<unsigned char>(0xa5 ^ n);
    }
    if (raw) {
      out.append(reinterpret_cast<const char*>(id.id), sizeof id.id);
    } else {
      out += ctxscan::git::OidHex(id);
    }
  }
  return out;
}

// Writes the records into a new bare repository at `dir`, with refs.
void Build(const std::string& dir, const std::vector<Record>& records) {
  std::filesystem::remove_all(dir);
  git_repository* raw = nullptr;
  if (git_repository_init(&raw, dir.c_str(), 1) != 0) Fail("cannot create a repository");
  const ctxscan::git::Repository repo(raw);
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo.get()) != 0) Fail("cannot open the object database");
  const ctxscan::git::Odb odb(raw_odb);
  std::vector<git_oid> ids;
  std::string head;
  for (const Record& r : records) {
    const std::string bytes = Link(r.content, ids, r.type == GIT_OBJECT_TREE);
    git_oid id{};
    if (git_odb_write(&id, odb.get(), bytes.data(), bytes.size(), r.type) != 0) {
      Fail("cannot write an object");
    }
    ids.push_back(id);
    if (r.type != GIT_OBJECT_COMMIT && r.type != GIT_OBJECT_TAG) continue;
    const bool commit = r.type == GIT_OBJECT_COMMIT;
    const std::string name = (commit ? "refs/heads/c" : "refs/tags/t") + std::to_string(ids.size());
    git_reference* ref = nullptr;
    if (git_reference_create(&ref, repo.get(), name.c_str(), &id, 1, nullptr) == 0) {
      git_reference_free(ref);
      if (commit) head = name;
    }
  }
  if (!head.empty()) {
    git_reference* ref = nullptr;
    if (git_reference_symbolic_create(&ref, repo.get(), "HEAD", head.c_str(), 1, nullptr) == 0) {
      git_reference_free(ref);
    }
  }
}

void Check(const ctxscan::History& h) {
  const std::size_t commits = h.commits.size();
  for (std::size_t c = 0; c < commits; ++c) {
    const std::uint32_t p = h.commits[c].first_parent;
    if (p != ctxscan::kNoParent && p != ctxscan::kParentNotWalked && p >= c) {
      Fail("a commit's first parent is not walked before it");
    }
    if (h.commits[c].first_change > h.changes.size()) Fail("a commit's changes start past the end");
    for (const ctxscan::PathChange& ch : h.Changes(c)) {
      if (ch.path >= h.paths.size()) Fail("a change names a path out of range");
      if (ch.after != ctxscan::kNoBlob && ch.after >= h.blobs.size()) {
        Fail("a change names a blob out of range");
      }
    }
  }
  for (std::size_t b = 0; b < h.blobs.size(); ++b) {
    if (h.blobs[b].first > h.occurrences.size()) Fail("a blob's occurrences start past the end");
    for (const ctxscan::BlobOccurrence& o : h.Occurrences(b)) {
      if (o.commit >= commits || o.path >= h.paths.size()) Fail("an occurrence is out of range");
    }
  }
}

void ReadEveryBlob(const std::string& dir, const ctxscan::History& h) {
  ctxscan::Result<std::unique_ptr<ctxscan::BlobFileSystem>> fs = ctxscan::OpenBlobFileSystem(dir);
  if (!fs.ok()) Fail("cannot open the blobs of a repository whose history was read");
  std::string buffer(4096, '\0');
  for (const ctxscan::HistoryBlob& b : h.blobs) {
    ctxscan::Result<std::unique_ptr<ctxscan::FileReader>> reader = (*fs)->OpenFile(b.id.Hex());
    if (!reader.ok()) continue;  // a listed blob that cannot be read is reported, not fatal
    std::uint64_t got = 0;
    while (true) {
      ctxscan::Result<std::size_t> n = (*reader)->Read(buffer.data(), buffer.size());
      if (!n.ok() || *n == 0) break;
      got += *n;
    }
    if (got > (*reader)->size()) Fail("a blob reads to more than its size");
  }
}

std::string& TemporaryDir() {
  static std::string dir;
  return dir;
}

void RemoveTemporaryDir() {
  std::error_code ignored;
  std::filesystem::remove_all(TemporaryDir(), ignored);
}

// A repository directory in a temporary directory that is removed at exit.
const std::string& RepositoryDir() {
  static const std::string dir = [] {
    std::string t = (std::filesystem::temp_directory_path() / "ctxscan-git-fuzz-XXXXXX").string();
    if (mkdtemp(t.data()) == nullptr) Fail("cannot make a temporary directory");
    TemporaryDir() = t;
    std::atexit(RemoveTemporaryDir);
    ctxscan::git::InitLibrary();
    return t + "/repo.git";
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<Record> records =
      Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string& dir = RepositoryDir();
  Build(dir, records);
  for (const bool all_objects : {false, true}) {
    ctxscan::HistoryOptions options;
    options.all_objects = all_objects;
    ctxscan::Result<ctxscan::History> h = ctxscan::ReadHistory(dir, options);
    if (!h.ok()) {
      if (h.status().message().empty()) Fail("a failed history read says nothing");
      continue;
    }
    Check(*h);
    ReadEveryBlob(dir, *h);
  }
  return 0;
}
