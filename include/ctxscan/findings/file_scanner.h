// Scanning one file's bytes with the engine. Files are read with read()
// into a per-thread reusable buffer (faster than mmap for the many small
// files of a build context). A file larger than one chunk is scanned in
// chunks that overlap by the longest possible match, and a match is kept by
// the chunk in which it starts outside the overlap, so a secret spanning a
// chunk boundary is found exactly once and memory stays bounded. Line and
// column are computed only for matches. A file read in one chunk (up to
// chunk_bytes, so nearly every file) is also scanned in its decoded views
// (decoded_views.h): escaped, URL-encoded and base64-wrapped secrets.
//
// Covered by tests/unit/scan_test.cc, tests/unit/file_signature_test.cc and
// tests/unit/decoded_views_test.cc.
// Thread safety: one FileScanner per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ctxscan/findings/secret_facts.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/status.h"
#include "ctxscan/util/file_system.h"

namespace ctxscan {

struct FileScanOptions {
  std::uint64_t max_file_size = 50ULL << 20;  // larger files are skipped and reported
  bool scan_binary = false;                   // scan files that look binary
  std::size_t chunk_bytes = 8u << 20;         // bytes per scan call for large files
};

// One confirmed match in a file, located.
struct FileMatch {
  std::uint32_t rule;  // index into RuleSet::content_rules()
  std::string secret;
  std::uint64_t offset;  // of the secret
  std::uint64_t end;     // of the whole match
  std::uint64_t line;
  std::uint64_t column;       // in bytes
  std::uint64_t char_column;  // in code points (see Location)
  std::string line_text;
  std::size_t secret_offset;  // in line_text
  // Bytes of the line the secret covers from secret_offset, to the line's
  // end at most (a multi-line secret is cut there). It can reach past
  // line_text when the quoted line is a window of a longer line: a secret
  // found decoded covers its whole encoding, which the redactor hides in
  // every window of that line.
  std::size_t secret_length;
  bool allowed;                               // the line carries an inline suppression comment
  Confidence confidence = Confidence::kHigh;  // the match's (RuleMatch::confidence)
  std::uint8_t lowered = 0;                   // LoweredBy bits
  SecretFacts facts;                          // what the secret is (secret_facts.h)
};

struct FileScanResult {
  enum class Outcome { kScanned, kBinary, kTooLarge, kError };
  Outcome outcome = Outcome::kScanned;
  std::string error;                        // for kError
  StatusCode error_code = StatusCode::kOk;  // for kError: the failure's code
  std::uint64_t bytes = 0;
  std::vector<FileMatch> matches;
  // Whether the file's start was read (so signatures could be checked), and
  // the file rules (indices into RuleSet::file_rules()) whose signature it
  // matches. Read for binary and too-large files too.
  bool head_read = false;
  // The file is a Git LFS pointer: what was scanned is the pointer, and the
  // file's content is in LFS storage.
  bool lfs_pointer = false;
  std::vector<std::uint32_t> signatures;
};

class FileScanner {
 public:
  FileScanner(const Engine& engine, FileScanOptions options);
  ~FileScanner();
  // Scans `path` of `fs`.
  FileScanResult Scan(const FileSystem& fs, std::string_view path);
  // Scans bytes already in memory (standard input).
  FileScanResult ScanBytes(std::string_view data);

 private:
  void Collect(std::string_view chunk, std::uint64_t base, std::uint64_t keep_before,
               FileScanResult* out);
  // Adds the matches in the decoded views of `data`, a whole file
  // (decoded_views.h), that the plain scan did not find, at their encoded
  // bytes; keeps the matches in file order.
  void CollectDecoded(std::string_view data, FileScanResult* out);
  // Notes which file rules' signatures `head`, the file's start, matches.
  void MatchSignatures(std::string_view head, FileScanResult* out) const;

  const Engine& engine_;
  FileScanOptions options_;
  std::size_t overlap_ = 0;                   // bytes shared by consecutive chunks
  std::unique_ptr<Engine::Scratch> scratch_;  // null when it could not be made
  std::string scratch_error_;                 // why not
  std::string buffer_;
  std::vector<RuleMatch> matches_;
  std::vector<const RuleMatch*> kept_;
  // Line bookkeeping across chunks: line number at `line_base_offset_`.
  std::uint64_t line_base_offset_ = 0;
  std::uint64_t line_base_ = 1;
  // File offset where the line running into the current chunk began.
  std::uint64_t chunk_line_start_ = 0;
};

// Reports whether `data` looks binary: a NUL byte in its first 8000 bytes.
bool LooksBinary(std::string_view data);

// The inline suppression markers: ctxscan:allow, gitleaks:allow,
// pragma: allowlist secret.
bool HasInlineAllow(std::string_view line);

}  // namespace ctxscan
