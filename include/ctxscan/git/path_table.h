// Every path a repository's history holds, each stored once: a file
// rewritten in a thousand commits is one entry, and blobs refer to their
// paths by a 4-byte index. Paths are stored back to back in one string;
// the index is found by open addressing over the entries' hashes, so a
// table of n paths costs their bytes plus about 16 bytes each.
//
// Covered by tests/unit/path_table_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

class PathTable {
 public:
  // The index of `path`, adding it when new.
  std::uint32_t Intern(std::string_view path);
  // The index of `path`, or kNotInterned when the table does not hold it.
  std::uint32_t Find(std::string_view path) const;
  static constexpr std::uint32_t kNotInterned = UINT32_MAX;
  std::string_view operator[](std::uint32_t index) const;
  std::size_t size() const { return ends_.size(); }
  std::size_t HeapBytes() const;

 private:
  std::uint64_t Begin(std::uint32_t index) const { return index == 0 ? 0 : ends_[index - 1]; }
  void Grow();
  std::string text_;                  // every path, back to back
  std::vector<std::uint64_t> ends_;   // where each path ends in text_
  std::vector<std::uint32_t> slots_;  // open addressing: index + 1, or 0 when free
};

}  // namespace ctxscan
