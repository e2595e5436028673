// Reads a .dockerignore; see include/ctxscan/util/ignore_file.h.
#include "ctxscan/util/ignore_file.h"

#include "util/go_path.h"

namespace ctxscan {

Result<std::vector<IgnoreLine>> ParseIgnoreFile(std::string_view content,
                                                std::string_view display_name) {
  std::vector<IgnoreLine> lines;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    const std::size_t nl = content.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view raw = content.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    ++line_no;
    // bufio.Scanner holds at most 64 KiB: the line and its '\n' must fit.
    if (raw.size() >= kMaxIgnoreLineBytes) {
      return Status::Error(StatusCode::kInvalidArgument,
                           std::string(display_name) + ":" + std::to_string(line_no) +
                               ": line is longer than 64 KiB (Docker cannot read it)");
    }
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (line_no == 1 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    if (!raw.empty() && raw[0] == '#') continue;
    std::string_view pattern = go::TrimSpace(raw);
    if (pattern.empty()) continue;
    const bool invert = pattern[0] == '!';
    if (invert) pattern = go::TrimSpace(pattern.substr(1));
    std::string cleaned;
    if (!pattern.empty()) {
      cleaned = go::Clean(pattern);
      if (cleaned.size() > 1 && cleaned[0] == '/') cleaned.erase(0, 1);
    }
    lines.push_back({invert ? "!" + cleaned : cleaned, line_no});
  }
  return lines;
}

}  // namespace ctxscan
