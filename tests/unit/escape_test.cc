// Escaping hostile file names for text and JSON output.
#include "util/escape.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace ctxscan {
namespace {

TEST(Escape, TextIsOneLineAndUnambiguous) {
  EXPECT_EQ(EscapeText("plain/name.txt"), "plain/name.txt");
  EXPECT_EQ(EscapeText("a\nb"), "a\\nb");
  EXPECT_EQ(EscapeText("a\\nb"), "a\\\\nb");
  EXPECT_EQ(EscapeText("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(EscapeText("bad\xFF"), "bad\\xff");
  EXPECT_EQ(EscapeText("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(EscapeText("evil\xE2\x80\xAEtxt.exe"), "evil\\u{202E}txt.exe");  // RTL override
}

TEST(Escape, JsonStrings) {
  std::string out;
  AppendJsonString("a\"b\\c\n\x01\xFF", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\\ufffd\"");
  out.clear();
  AppendBase64("a\xFF", &out);
  EXPECT_EQ(out, "Yf8=");
}

// Whether `s` is valid UTF-8 (no overlong forms, no surrogates).
bool IsUtf8(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();  // throws on invalid UTF-8
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

TEST(Escape, JsonStringsParseBackToWhatWasWritten) {
  // Pieces of hostile text: plain runs, quotes, backslashes, every kind of
  // control byte, DEL, multibyte characters, U+2028 and U+2029 (valid JSON
  // but line breaks to JavaScript), and bytes that are not UTF-8.
  const std::vector<std::string> pieces = {"plain",
                                           "a",
                                           " ",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\t",
                                           "\r",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           "caf\xC3\xA9",
                                           "\xE2\x82\xAC",
                                           "\xF0\x9F\x94\x91",
                                           "\xE2\x80\xA8",
                                           "\xE2\x80\xA9",
                                           "\xFF",
                                           "\xC3",
                                           "\xED\xA0\x80",
                                           "/",
                                           "</script>"};
  std::mt19937 rng(20261208);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::string out;
    AppendJsonString(text, &out);
    ASSERT_TRUE(nlohmann::json::accept(out)) << out;
    for (const char c : out) ASSERT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7f) << out;
    ASSERT_EQ(out.find("\xE2\x80\xA8"), std::string::npos) << out;
    ASSERT_EQ(out.find("\xE2\x80\xA9"), std::string::npos) << out;
    const std::string back = nlohmann::json::parse(out).get<std::string>();
    if (IsUtf8(text)) {
      ASSERT_EQ(back, text) << out;
    } else {
      ASSERT_NE(back.find("\xEF\xBF\xBD"), std::string::npos) << out;  // U+FFFD stands in
    }
  }
}

TEST(Escape, MarkupEscapesTheFiveSpecialCharactersAfterText) {
  EXPECT_EQ(EscapeMarkup("a<b>&\"c'd"), "a&lt;b&gt;&amp;&quot;c&apos;d");
  EXPECT_EQ(EscapeMarkup("x\n<script>"), "x\\n&lt;script&gt;");
}

TEST(Escape, ShellWordsPasteAsOneWordAndNeverRawControlBytes) {
  EXPECT_EQ(ShellQuote("/srv/repo-1.git"), "/srv/repo-1.git");
  EXPECT_EQ(ShellQuote("my repo"), "'my repo'");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote(""), "''");
  EXPECT_EQ(ShellQuote("a\nb'\x1b"), "$'a\\x0ab\\x27\\x1b'");
}

}  // namespace
}  // namespace ctxscan
