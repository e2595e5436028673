// Rendering of context listings; see src/report/context_listing_writer.h.
#include "report/context_listing_writer.h"

#include <array>
#include <cstdio>

#include "util/escape.h"
#include "util/go_path.h"
#include "util/json_writer.h"

namespace ctxscan {
namespace {

void RenderPlain(const ContextListing& l, std::string* out) {
  out->reserve(l.size() * 32);
  for (std::size_t i = 0; i < l.size(); ++i) {
    AppendEscapedText(l.path(i), out);
    if (l.entry(i).type == EntryType::kDirectory) out->push_back('/');
    out->push_back('\n');
  }
}

void RenderLong(const ContextListing& l, std::string* out) {
  std::array<std::uint64_t, 8> count{};
  std::uint64_t bytes = 0;
  char buf[64];
  for (std::size_t i = 0; i < l.size(); ++i) {
    const ContextListing::Entry& e = l.entry(i);
    ++count[static_cast<std::size_t>(e.type)];
    if (e.type == EntryType::kFile) bytes += e.size;
    std::snprintf(buf, sizeof buf, "%-8s %12llu  ", std::string(EntryTypeName(e.type)).c_str(),
                  static_cast<unsigned long long>(e.type == EntryType::kFile ? e.size : 0));
    out->append(buf);
    AppendEscapedText(l.path(i), out);
    if (e.type == EntryType::kDirectory) out->push_back('/');
    out->push_back('\n');
  }
  std::snprintf(buf, sizeof buf, "total: %zu entries, %llu bytes", l.size(),
                static_cast<unsigned long long>(bytes));
  out->append(buf);
  std::string detail;
  for (std::size_t t = 0; t < count.size(); ++t) {
    if (count[t] == 0) continue;
    detail += detail.empty() ? " (" : ", ";
    detail +=
        std::to_string(count[t]) + " " + std::string(EntryTypeName(static_cast<EntryType>(t)));
  }
  if (!detail.empty()) out->append(detail + ")");
  out->push_back('\n');
}

void RenderJson(const ContextListing& l, std::string* out) {
  JsonWriter w(out);
  w.BeginArray(JsonWriter::Layout::kBlock);
  for (std::size_t i = 0; i < l.size(); ++i) {
    const ContextListing::Entry& e = l.entry(i);
    w.BeginObject();
    w.Field("path", l.path(i));
    if (!go::ValidUtf8(l.path(i))) {
      std::string exact;
      AppendBase64(l.path(i), &exact);
      w.Field("path_base64", exact);
    }
    w.Field("type", EntryTypeName(e.type));
    w.Field("size", std::uint64_t{e.type == EntryType::kFile ? e.size : 0});
    w.End();
  }
  w.End();
  out->push_back('\n');
}

}  // namespace

std::string RenderListing(const ContextListing& listing, ListingFormat format) {
  std::string out;
  switch (format) {
    case ListingFormat::kPlain:
      RenderPlain(listing, &out);
      break;
    case ListingFormat::kLong:
      RenderLong(listing, &out);
      break;
    case ListingFormat::kJson:
      RenderJson(listing, &out);
      break;
  }
  return out;
}

}  // namespace ctxscan
