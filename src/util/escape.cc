// Escaping for output; see src/util/escape.h.
#include "util/escape.h"

#include <algorithm>
#include <cstdio>

#include "util/go_path.h"

namespace ctxscan {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Bytes that can be copied without a look: printable ASCII except '\\'.
constexpr bool IsPlain(unsigned char b) { return b >= 0x20 && b < 0x7F && b != '\\'; }

void AppendHexByte(unsigned char b, std::string* out) {
  out->append("\\x");
  out->push_back(kHex[b >> 4]);
  out->push_back(kHex[b & 15]);
}

// Characters that change how text around them is shown, or start a new line.
bool IsInvisibleControl(char32_t r) {
  return (r >= 0x80 && r <= 0x9F) || r == 0xAD || (r >= 0x200B && r <= 0x200F) ||
         (r >= 0x2028 && r <= 0x202E) || (r >= 0x2060 && r <= 0x206F) || r == 0xFEFF;
}

}  // namespace

void AppendEscapedText(std::string_view bytes, std::string* out) {
  std::size_t plain = 0;
  while (plain < bytes.size() && IsPlain(static_cast<unsigned char>(bytes[plain]))) ++plain;
  out->append(bytes.substr(0, plain));
  for (std::size_t i = plain; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0x20 && b < 0x7F) {
      if (b == '\\') out->push_back('\\');
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    if (b < 0x80) {
      if (b == '\n') {
        out->append("\\n");
      } else if (b == '\t') {
        out->append("\\t");
      } else if (b == '\r') {
        out->append("\\r");
      } else {
        AppendHexByte(b, out);
      }
      ++i;
      continue;
    }
    const go::DecodedRune d = go::DecodeRune(bytes.substr(i));
    if (d.rune == go::kRuneError && d.width == 1) {
      AppendHexByte(b, out);
    } else if (IsInvisibleControl(d.rune)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(d.rune));
      out->append(buf);
    } else {
      out->append(bytes.substr(i, d.width));
    }
    i += d.width;
  }
}

std::string EscapeText(std::string_view bytes) {
  std::string out;
  AppendEscapedText(bytes, &out);
  return out;
}

void AppendJsonString(std::string_view bytes, std::string* out) {
  out->push_back('"');
  for (std::size_t i = 0; i < bytes.size();) {
    // Printable ASCII but for the quote and the backslash goes out as it is,
    // a run at a time (a history report of 118 MB spent a tenth of its
    // writing pushing bytes one by one).
    std::size_t plain = i;
    while (plain < bytes.size()) {
      const auto c = static_cast<unsigned char>(bytes[plain]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
      ++plain;
    }
    out->append(bytes.data() + i, plain - i);
    i = plain;
    if (i == bytes.size()) break;
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0x80) {
      const go::DecodedRune d = go::DecodeRune(bytes.substr(i));
      if (d.rune == go::kRuneError && d.width == 1) {
        out->append("\\ufffd");
      } else if (d.rune == 0x2028 || d.rune == 0x2029) {
        out->append(d.rune == 0x2028 ? "\\u2028" : "\\u2029");
      } else {
        out->append(bytes.substr(i, d.width));
      }
      i += d.width;
      continue;
    }
    switch (b) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (b < 0x20 || b == 0x7F) {
          out->append("\\u00");
          out->push_back(kHex[b >> 4]);
          out->push_back(kHex[b & 15]);
        } else {
          out->push_back(static_cast<char>(b));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendBase64(std::string_view bytes, std::string* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto byte = [&](std::size_t k) {
      return static_cast<unsigned>(static_cast<unsigned char>(bytes[k]));
    };
    const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back(kAlphabet[v & 63]);
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size())
      v |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out->push_back('=');
  }
}

std::string EscapeMarkup(std::string_view bytes) {
  std::string out;
  for (const char c : EscapeText(bytes)) {  // no control characters survive EscapeText
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ShellQuote(std::string_view s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_./:@%+=,-").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(s);
  const bool control = std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
  std::string out = control ? "$'" : "'";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (control && (u < 0x20 || u == 0x7f || c == '\\' || c == '\'')) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else if (!control && c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace ctxscan
