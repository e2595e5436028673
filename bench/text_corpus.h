// The source-like corpus of the engine benchmarks: every text file (no NUL
// byte, under 4 MiB) under /usr/include and /usr/share, in path order, until
// `limit` bytes are read. Present on every Debian machine, so figures from
// different machines compare. `roots` replaces the two directories (for a
// real repository's files, e.g. rule_cost --corpus DIR).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ctxscan {

inline std::vector<std::string> LoadTextCorpus(std::size_t limit,
                                               const std::vector<std::string>& roots = {
                                                   "/usr/include", "/usr/share"}) {
  std::vector<std::string> paths;
  for (const std::string& root : roots) {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(
             root, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && !it->is_symlink(ec) && it->file_size(ec) < (4u << 20)) {
        paths.push_back(it->path().string());
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  std::size_t total = 0;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string data = buf.str();
    if (data.empty() || data.find('\0') != std::string::npos) continue;
    total += data.size();
    out.push_back(std::move(data));
    if (total >= limit) break;
  }
  std::string from;
  for (const std::string& root : roots) from += (from.empty() ? "" : " and ") + root;
  std::fprintf(stderr, "corpus: %zu text files, %.1f MB from %s\n", out.size(),
               static_cast<double>(total) / 1e6, from.c_str());
  return out;
}

}  // namespace ctxscan
