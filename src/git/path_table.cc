// Interned history paths; see include/ctxscan/git/path_table.h.
#include "ctxscan/git/path_table.h"

#include "util/text.h"

namespace ctxscan {
namespace {

constexpr std::uint64_t kSeed = 0xcbf29ce484222325ULL;

}  // namespace

std::string_view PathTable::operator[](std::uint32_t index) const {
  const std::uint64_t begin = Begin(index);
  return std::string_view(text_).substr(begin, ends_[index] - begin);
}

void PathTable::Grow() {
  std::vector<std::uint32_t> bigger(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  const std::size_t mask = bigger.size() - 1;
  for (std::uint32_t i = 0; i < ends_.size(); ++i) {
    std::size_t at = Fnv1a64((*this)[i], kSeed) & mask;
    while (bigger[at] != 0) at = (at + 1) & mask;
    bigger[at] = i + 1;
  }
  slots_ = std::move(bigger);
}

std::uint32_t PathTable::Find(std::string_view path) const {
  if (slots_.empty()) return kNotInterned;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = Fnv1a64(path, kSeed) & mask; slots_[at] != 0; at = (at + 1) & mask) {
    if ((*this)[slots_[at] - 1] == path) return slots_[at] - 1;
  }
  return kNotInterned;
}

std::uint32_t PathTable::Intern(std::string_view path) {
  // At most half full, so that probes stay short.
  if ((ends_.size() + 1) * 2 > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = Fnv1a64(path, kSeed) & mask;
  while (slots_[at] != 0) {
    if ((*this)[slots_[at] - 1] == path) return slots_[at] - 1;
    at = (at + 1) & mask;
  }
  const auto index = static_cast<std::uint32_t>(ends_.size());
  text_ += path;
  ends_.push_back(text_.size());
  slots_[at] = index + 1;
  return index;
}

std::size_t PathTable::HeapBytes() const {
  return text_.capacity() + ends_.capacity() * sizeof(std::uint64_t) +
         slots_.capacity() * sizeof(std::uint32_t);
}

}  // namespace ctxscan
