// Scanning one file in chunks; see include/ctxscan/findings/file_scanner.h.
#include "ctxscan/findings/file_scanner.h"

#include <algorithm>
#include <cstring>
#include <tuple>
#include <unordered_map>

#include "findings/decoded_views.h"
#include "util/text.h"

namespace ctxscan {
namespace {

constexpr std::size_t kBinaryProbeBytes = 8000;
constexpr std::size_t kMaxLineText = 400;
// Text each side of a match that JudgeSecretFacts sees.
constexpr std::size_t kNearbyBytes = 300;

// The text each side of a secret that JudgeSecretFacts sees.
std::string_view Before(std::string_view text, std::size_t at) {
  const std::size_t from = at > kNearbyBytes ? at - kNearbyBytes : 0;
  return text.substr(from, at - from);
}
std::string_view After(std::string_view text, std::size_t at) {
  return text.substr(std::min(at, text.size()), kNearbyBytes);
}

std::uint64_t CountNewlines(const char* p, const char* end) {
  std::uint64_t n = 0;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    ++n;
    p = static_cast<const char*>(nl) + 1;
  }
  return n;
}

// Fills what `fm` says of the line `line` holding its secret `at` bytes
// into it (fm->column set): the column in code points (less the UTF-8
// continuation bytes before the secret; of this chunk's part of the line,
// for a line begun earlier), the inline-allow flag, and the part of a long
// line around the secret.
void QuoteLine(std::string_view line, std::size_t at, FileMatch* fm) {
  std::uint64_t continuation = 0;
  for (const char c : line.substr(0, at)) {
    continuation += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 1 : 0;
  }
  fm->char_column = fm->column - continuation;
  fm->allowed = HasInlineAllow(line);
  const std::size_t from = at > kMaxLineText / 2 ? at - kMaxLineText / 2 : 0;
  fm->line_text.assign(line.substr(from, kMaxLineText));
  fm->secret_offset = at - from;
}

// A match of rule `rule` whose secret is `secret` (decoded) and came from
// original bytes [at, secret_end) of the whole file `data`, located there.
FileMatch LocateDecoded(std::string_view data, std::uint32_t rule, std::string secret,
                        std::uint64_t at, std::uint64_t secret_end, std::uint64_t match_end) {
  FileMatch fm;
  fm.rule = rule;
  fm.secret = std::move(secret);
  fm.offset = at;
  fm.end = match_end;
  const auto rel = static_cast<std::size_t>(at);
  fm.line = 1 + CountNewlines(data.data(), data.data() + rel);
  const void* nl = rel == 0 ? nullptr : ::memrchr(data.data(), '\n', rel);
  const std::size_t ls =
      nl == nullptr ? 0 : static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1;
  const std::size_t le = std::min(data.find('\n', rel), data.size());
  const std::string_view line = data.substr(ls, le - ls);
  fm.column = rel - ls + 1;
  QuoteLine(line, rel - ls, &fm);
  // The encoded bytes to hide when the line is quoted: to the line's end at
  // most (a decoded secret is seldom as long as its encoding).
  fm.secret_length = static_cast<std::size_t>(std::min<std::uint64_t>(secret_end, le) - at);
  return fm;
}

}  // namespace

bool LooksBinary(std::string_view data) {
  return std::memchr(data.data(), 0, std::min(data.size(), kBinaryProbeBytes)) != nullptr;
}

bool HasInlineAllow(std::string_view line) {
  return line.find("ctxscan:allow") != std::string_view::npos ||
         line.find("gitleaks:allow") != std::string_view::npos ||
         line.find("pragma: allowlist secret") != std::string_view::npos;
}

FileScanner::FileScanner(const Engine& engine, FileScanOptions options)
    : engine_(engine), options_(options) {
  // The longest possible match bounds the overlap between chunks.
  for (const ContentRule& cr : engine_.rules().content_rules()) {
    overlap_ = std::max<std::size_t>(overlap_, cr.max_width);
  }
  Result<std::unique_ptr<Engine::Scratch>> s = engine_.MakeScratch();
  if (s.ok()) {
    scratch_ = std::move(s).value();
  } else {
    scratch_error_ = s.status().message();  // each file then reports it
  }
}

FileScanner::~FileScanner() = default;

void FileScanner::Collect(std::string_view chunk, std::uint64_t base, std::uint64_t keep_before,
                          FileScanResult* out) {
  if (const Status s = engine_.Scan(chunk, scratch_.get(), &matches_); !s.ok()) {
    out->outcome = FileScanResult::Outcome::kError;
    out->error = "the matching engine failed: " + (scratch_ ? s.message() : scratch_error_);
    return;
  }
  // A rule's match that overlaps one the previous chunk kept is the tail of
  // that match seen again: drop it. Matches arrive sorted by start.
  std::unordered_map<std::uint32_t, std::uint64_t> kept_end;
  for (const FileMatch& m : out->matches) kept_end[m.rule] = std::max(kept_end[m.rule], m.end);
  kept_.clear();
  for (const RuleMatch& m : matches_) {
    const std::uint64_t start = base + m.start;
    if (start >= keep_before) break;
    if (auto it = kept_end.find(m.rule); it != kept_end.end() && start < it->second) continue;
    kept_.push_back(&m);
  }
  // Lines are counted forward once, so visit the secrets in file order.
  std::stable_sort(kept_.begin(), kept_.end(), [](const RuleMatch* a, const RuleMatch* b) {
    return a->secret_start < b->secret_start;
  });
  for (const RuleMatch* m : kept_) {
    const std::uint64_t at = base + m->secret_start;
    if (at > line_base_offset_) {
      const std::uint64_t from = std::max(line_base_offset_, base);
      line_base_ += CountNewlines(chunk.data() + (from - base), chunk.data() + (at - base));
      line_base_offset_ = at;
    }
    const auto rel = static_cast<std::size_t>(m->secret_start);
    const void* nl = rel == 0 ? nullptr : ::memrchr(chunk.data(), '\n', rel);
    const std::size_t ls =
        nl == nullptr ? 0
                      : static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data()) + 1;
    const std::size_t le = std::min(chunk.find('\n', rel), chunk.size());
    const std::string_view line = chunk.substr(ls, le - ls);
    FileMatch fm;
    fm.rule = m->rule;
    fm.secret.assign(chunk.substr(m->secret_start, m->secret_end - m->secret_start));
    fm.offset = at;
    fm.end = base + m->end;
    fm.line = line_base_;
    // A line that began in an earlier chunk: count the column from its start.
    const std::uint64_t line_start_abs = nl == nullptr && base > 0 ? chunk_line_start_ : base + ls;
    fm.column = at - line_start_abs + 1;
    QuoteLine(line, rel - ls, &fm);
    fm.confidence = m->confidence;
    fm.lowered = m->lowered;
    fm.facts = JudgeSecretFacts(*engine_.rules().content_rules()[m->rule].rule, fm.secret,
                                Before(chunk, m->secret_start), After(chunk, m->secret_end));
    fm.secret_length = std::min<std::size_t>(m->secret_end - m->secret_start,
                                             fm.line_text.size() - fm.secret_offset);
    out->matches.push_back(std::move(fm));
  }
}

void FileScanner::CollectDecoded(std::string_view data, FileScanResult* out) {
  std::vector<DecodedView> views = DecodeViews(data);
  if (views.empty()) return;
  // What the plain scan found, by rule and original span: a decoded match
  // of the same rule over the same bytes is the same secret.
  std::vector<std::tuple<std::uint32_t, std::uint64_t, std::uint64_t>> taken;
  for (const FileMatch& m : out->matches) taken.emplace_back(m.rule, m.offset, m.end);
  const std::size_t plain = out->matches.size();
  for (const DecodedView& view : views) {
    if (const Status s = engine_.Scan(view.text, scratch_.get(), &matches_); !s.ok()) {
      // Never a silent skip: the file is reported as not fully scanned.
      out->outcome = FileScanResult::Outcome::kError;
      out->error = "the matching engine failed on a decoded view: " + s.message();
      return;
    }
    for (const RuleMatch& m : matches_) {
      const std::uint64_t at = view.origin[m.secret_start];
      const std::uint64_t end = view.origin[m.secret_end];
      const std::uint64_t match_end = view.origin[m.end];
      if (end <= at) continue;
      const bool seen = std::any_of(taken.begin(), taken.end(), [&](const auto& t) {
        return std::get<0>(t) == m.rule && at < std::get<2>(t) && std::get<1>(t) < end;
      });
      if (seen) continue;
      taken.emplace_back(m.rule, at, end);
      FileMatch fm = LocateDecoded(data, m.rule,
                                   view.text.substr(m.secret_start, m.secret_end - m.secret_start),
                                   at, end, match_end);
      fm.confidence = m.confidence;
      fm.lowered = m.lowered;
      fm.facts =
          JudgeSecretFacts(*engine_.rules().content_rules()[m.rule].rule, fm.secret,
                           Before(view.text, m.secret_start), After(view.text, m.secret_end));
      out->matches.push_back(std::move(fm));
    }
  }
  if (out->matches.size() > plain) {
    std::stable_sort(out->matches.begin(), out->matches.end(),
                     [](const FileMatch& a, const FileMatch& b) {
                       return std::tie(a.offset, a.rule) < std::tie(b.offset, b.rule);
                     });
  }
}

void FileScanner::MatchSignatures(std::string_view head, FileScanResult* out) const {
  out->head_read = true;
  engine_.rules().MatchSignatures(head, &out->signatures);
}

FileScanResult FileScanner::ScanBytes(std::string_view data) {
  FileScanResult out;
  out.bytes = data.size();
  MatchSignatures(data, &out);
  line_base_offset_ = 0;
  line_base_ = 1;
  if (!options_.scan_binary && LooksBinary(data)) {
    out.outcome = FileScanResult::Outcome::kBinary;
    return out;
  }
  Collect(data, 0, UINT64_MAX, &out);
  if (out.outcome == FileScanResult::Outcome::kScanned) CollectDecoded(data, &out);
  return out;
}

FileScanResult FileScanner::Scan(const FileSystem& fs, std::string_view path) {
  FileScanResult out;
  line_base_offset_ = 0;
  line_base_ = 1;
  chunk_line_start_ = 0;
  Result<std::unique_ptr<FileReader>> reader = fs.OpenFile(path);
  if (!reader.ok()) {
    out.outcome = FileScanResult::Outcome::kError;
    out.error = reader.status().message();
    out.error_code = reader.status().code();
    return out;
  }
  if ((*reader)->size() > options_.max_file_size) {
    out.outcome = FileScanResult::Outcome::kTooLarge;
    out.bytes = (*reader)->size();
    // Its start still says what it is (a 2 GB database dump).
    std::string head(kSignatureBytes, '\0');
    std::size_t got = 0;
    while (got < head.size()) {
      Result<std::size_t> n = (*reader)->Read(head.data() + got, head.size() - got);
      if (!n.ok()) return out;
      if (*n == 0) break;
      got += *n;
    }
    MatchSignatures(std::string_view(head.data(), got), &out);
    return out;
  }
  const std::size_t overlap = overlap_;
  const std::size_t chunk = std::max(options_.chunk_bytes, 4 * overlap + 4096);
  std::uint64_t base = 0;  // file offset of buffer_[0]
  std::size_t filled = 0;
  bool first = true;
  while (true) {
    buffer_.resize(chunk);
    bool eof = false;
    while (filled < chunk) {
      Result<std::size_t> n = (*reader)->Read(buffer_.data() + filled, chunk - filled);
      if (!n.ok()) {
        out.outcome = FileScanResult::Outcome::kError;
        out.error = n.status().message();
        out.error_code = n.status().code();
        return out;
      }
      if (*n == 0) {
        eof = true;
        break;
      }
      const bool short_read = *n < chunk - filled;
      filled += *n;
      // A regular file's read comes back short only at its end; once the
      // size it had when opened is reached, that end is taken as the end
      // (sparing each small file the read that would return 0).
      if (short_read && base + filled >= (*reader)->size()) {
        eof = true;
        break;
      }
    }
    const std::string_view data(buffer_.data(), filled);
    out.bytes = base + filled;
    if (out.bytes > options_.max_file_size) {  // grew while we read it
      out.outcome = FileScanResult::Outcome::kTooLarge;
      out.matches.clear();
      return out;
    }
    if (first) {
      MatchSignatures(data, &out);
      out.lfs_pointer = eof && IsGitLfsPointer(data);
    }
    if (first && !options_.scan_binary && LooksBinary(data)) {
      out.outcome = FileScanResult::Outcome::kBinary;
      return out;
    }
    first = false;
    if (eof) {
      Collect(data, base, UINT64_MAX, &out);
      // Encoded secrets, in a file read whole (one chunk).
      if (base == 0 && out.outcome == FileScanResult::Outcome::kScanned) {
        CollectDecoded(data, &out);
      }
      return out;
    }
    const std::uint64_t keep_before = base + filled - overlap;
    Collect(data, base, keep_before, &out);
    if (out.outcome == FileScanResult::Outcome::kError) return out;
    // Bring the line count up to the next chunk's start, then slide.
    if (keep_before > line_base_offset_) {
      const std::uint64_t from = std::max(line_base_offset_, base);
      line_base_ += CountNewlines(data.data() + (from - base), data.data() + (keep_before - base));
      line_base_offset_ = keep_before;
    }
    // Remember where the line running into the next chunk began.
    if (const void* nl =
            ::memrchr(data.data(), '\n', static_cast<std::size_t>(keep_before - base))) {
      chunk_line_start_ =
          base + static_cast<std::uint64_t>(static_cast<const char*>(nl) - data.data()) + 1;
    }
    std::memmove(buffer_.data(), buffer_.data() + (filled - overlap), overlap);
    base = keep_before;
    filled = overlap;
  }
}

}  // namespace ctxscan
