// Binary rule encoding; see src/match/rule_codec.h.
#include "match/rule_codec.h"

#include <cstdint>
#include <cstring>

namespace ctxscan {
namespace {

// Every field of Rule is encoded below, in declaration order; a new field
// changes the size and stops the build here until it is added (and
// kRuleCodecVersion bumped).
static_assert(sizeof(Rule) == 672,
              "a Rule field was added or removed: update rule_codec.cc and kRuleCodecVersion");

class Writer {
 public:
  void U32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void F64(double v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void Bool(bool v) { out_ += v ? '\1' : '\0'; }
  void Str(const std::string& s) {
    U32(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  void Strs(const std::vector<std::string>& v) {
    U32(static_cast<std::uint32_t>(v.size()));
    for (const std::string& s : v) Str(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool U32(std::uint32_t* v) { return Raw(v, sizeof *v); }
  bool F64(double* v) { return Raw(v, sizeof *v); }
  bool Bool(bool* v) {
    if (data_.empty() || static_cast<unsigned char>(data_[0]) > 1) return false;
    *v = data_[0] == '\1';
    data_.remove_prefix(1);
    return true;
  }
  bool Str(std::string* s) {
    std::uint32_t n = 0;
    if (!U32(&n) || n > data_.size()) return false;
    s->assign(data_.substr(0, n));
    data_.remove_prefix(n);
    return true;
  }
  bool Strs(std::vector<std::string>* v) {
    std::uint32_t n = 0;
    if (!U32(&n) || n > data_.size()) return false;
    v->resize(n);
    for (std::string& s : *v) {
      if (!Str(&s)) return false;
    }
    return true;
  }
  bool Done() const { return data_.empty(); }

 private:
  bool Raw(void* out, std::size_t n) {
    if (data_.size() < n) return false;
    std::memcpy(out, data_.data(), n);
    data_.remove_prefix(n);
    return true;
  }
  std::string_view data_;
};

void Encode(const Rule& r, Writer* w) {
  for (const std::string* s : {&r.id, &r.name, &r.pattern, &r.prefilter}) w->Str(*s);
  w->Strs(r.paths);
  w->Str(r.requires_content);
  w->Bool(r.content_decides);
  w->Str(r.signature);
  w->Bool(r.signature_decides);
  w->Bool(r.signature_alone);
  for (const auto* v : {&r.content_examples, &r.content_negatives, &r.not_after, &r.keywords}) {
    w->Strs(*v);
  }
  w->F64(r.min_entropy);
  w->F64(r.min_value_score);
  w->Bool(r.entropy_lowers);
  w->Bool(r.weak_passwords);
  w->Str(r.validate);
  w->U32(static_cast<std::uint32_t>(r.canonical_lengths.size()));
  for (const auto& [lo, hi] : r.canonical_lengths) {
    w->U32(lo);
    w->U32(hi);
  }
  w->Bool(r.placeholders);
  w->U32(static_cast<std::uint32_t>(r.severity));
  w->U32(static_cast<std::uint32_t>(r.confidence));
  for (const std::string* s : {&r.category, &r.description, &r.remediation, &r.provider}) {
    w->Str(*s);
  }
  for (const auto* v : {&r.references, &r.examples, &r.negative_examples, &r.low_examples}) {
    w->Strs(*v);
  }
  w->Str(r.origin);
}

bool DecodeLengths(Reader* in, Rule* r) {
  std::uint32_t n = 0;
  if (!in->U32(&n) || n > 4096) return false;
  r->canonical_lengths.resize(n);
  for (auto& [lo, hi] : r->canonical_lengths) {
    if (!in->U32(&lo) || !in->U32(&hi)) return false;
  }
  return true;
}

bool DecodeLevels(Reader* in, Rule* r) {
  std::uint32_t severity = 0;
  std::uint32_t confidence = 0;
  if (!in->U32(&severity) || !in->U32(&confidence)) return false;
  if (severity > static_cast<std::uint32_t>(Severity::kCritical) ||
      confidence > static_cast<std::uint32_t>(Confidence::kHigh)) {
    return false;
  }
  r->severity = static_cast<Severity>(severity);
  r->confidence = static_cast<Confidence>(confidence);
  return true;
}

bool Decode(Reader* in, Rule* r) {
  for (std::string* s : {&r->id, &r->name, &r->pattern, &r->prefilter}) {
    if (!in->Str(s)) return false;
  }
  if (!in->Strs(&r->paths) || !in->Str(&r->requires_content) || !in->Bool(&r->content_decides) ||
      !in->Str(&r->signature) || !in->Bool(&r->signature_decides) ||
      !in->Bool(&r->signature_alone)) {
    return false;
  }
  for (auto* v : {&r->content_examples, &r->content_negatives, &r->not_after, &r->keywords}) {
    if (!in->Strs(v)) return false;
  }
  if (!in->F64(&r->min_entropy) || !in->F64(&r->min_value_score) || !in->Bool(&r->entropy_lowers) ||
      !in->Bool(&r->weak_passwords) || !in->Str(&r->validate) || !DecodeLengths(in, r) ||
      !in->Bool(&r->placeholders) || !DecodeLevels(in, r)) {
    return false;
  }
  for (std::string* s : {&r->category, &r->description, &r->remediation, &r->provider}) {
    if (!in->Str(s)) return false;
  }
  for (auto* v : {&r->references, &r->examples, &r->negative_examples, &r->low_examples}) {
    if (!in->Strs(v)) return false;
  }
  return in->Str(&r->origin);
}

}  // namespace

std::string EncodeRules(const std::vector<Rule>& rules) {
  Writer w;
  w.U32(static_cast<std::uint32_t>(rules.size()));
  for (const Rule& r : rules) Encode(r, &w);
  return w.Take();
}

std::optional<std::vector<Rule>> DecodeRules(std::string_view data) {
  Reader in(data);
  std::uint32_t n = 0;
  if (!in.U32(&n) || n > data.size()) return std::nullopt;
  std::vector<Rule> rules(n);
  for (Rule& r : rules) {
    if (!Decode(&in, &r)) return std::nullopt;
  }
  if (!in.Done()) return std::nullopt;
  return rules;
}

}  // namespace ctxscan
