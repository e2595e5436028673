// The one JSON writer of ctxscan's outputs (the JSON, JSONL, SARIF and GitLab
// reports, `context ls --json`, `rules list --format json`). It appends to a
// string the caller owns, so a long report can be handed out in pieces: the
// caller may take and clear the string between any two calls.
//
// Layout: each object or array is either inline, `{"a": 1, "b": [2, 3]}`,
// or a block, one element per line, indented two spaces per enclosing block:
//
//   {
//     "findings": [
//       {"rule_id": "x"}
//     ]
//   }
//
// An empty container is `{}` or `[]` in either layout. Strings are escaped
// by AppendJsonString (src/util/escape.h). Nothing ends the
// output with a newline; the caller adds one.
//
// The writer checks the nesting it is given (a value in an object needs a
// key first; End closes the innermost container) only in debug builds, as an
// assertion: its callers are ctxscan's own renderers.
//
// Covered by tests/unit/json_writer_test.cc and, for every report format,
// the golden reports (tests/golden).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ctxscan {

class JsonWriter {
 public:
  enum class Layout { kInline, kBlock };

  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject(Layout layout = Layout::kInline) { Begin('{', layout); }
  void BeginArray(Layout layout = Layout::kInline) { Begin('[', layout); }
  // Closes the innermost open object or array.
  void End();

  // Inside an object: the key of the value written next.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Number(std::uint64_t value);
  void Bool(bool value);
  // A number already written as JSON text, such as "90.0".
  void NumberText(std::string_view text);

  // Key and value at once.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, const char* value) { Field(key, std::string_view(value)); }
  void Field(std::string_view key, std::uint64_t value) {
    Key(key);
    Number(value);
  }
  void Field(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  // An array of strings, inline.
  void StringArray(std::string_view key, const std::vector<std::string>& values);

  // How many containers are open.
  std::size_t depth() const { return open_.size(); }

 private:
  struct Open {
    char close;
    bool block;
    std::size_t count;  // elements written so far
  };
  void Begin(char open, Layout layout);
  // The separator before an element of the innermost container (a key
  // counts as the start of its element).
  void Separate();
  void NewLine();

  std::string* out_;
  std::vector<Open> open_;
  std::size_t blocks_ = 0;  // open containers laid out as blocks
  bool after_key_ = false;  // a key was written; its value comes next
};

}  // namespace ctxscan
