// The JSON writer; see src/util/json_writer.h.
#include "util/json_writer.h"

#include <cassert>

#include "util/escape.h"

namespace ctxscan {

void JsonWriter::NewLine() {
  out_->push_back('\n');
  out_->append(2 * blocks_, ' ');
}

void JsonWriter::Separate() {
  if (after_key_) {  // the value of the key just written
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  Open& o = open_.back();
  if (o.count > 0) out_->push_back(',');
  if (o.block) {
    NewLine();
  } else if (o.count > 0) {
    out_->push_back(' ');
  }
  ++o.count;
}

void JsonWriter::Begin(char open, Layout layout) {
  Separate();
  out_->push_back(open);
  const bool block = layout == Layout::kBlock;
  open_.push_back({open == '{' ? '}' : ']', block, 0});
  if (block) ++blocks_;
}

void JsonWriter::End() {
  assert(!open_.empty() && !after_key_);
  const Open o = open_.back();
  open_.pop_back();
  if (o.block) {
    --blocks_;
    if (o.count > 0) NewLine();
  }
  out_->push_back(o.close);
}

void JsonWriter::Key(std::string_view key) {
  assert(!open_.empty() && open_.back().close == '}' && !after_key_);
  Separate();
  AppendJsonString(key, out_);
  out_->append(": ");
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  AppendJsonString(value, out_);
}

void JsonWriter::Number(std::uint64_t value) {
  Separate();
  out_->append(std::to_string(value));
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_->append(value ? "true" : "false");
}

void JsonWriter::NumberText(std::string_view text) {
  Separate();
  out_->append(text);
}

void JsonWriter::StringArray(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  BeginArray();
  for (const std::string& v : values) String(v);
  End();
}

}  // namespace ctxscan
