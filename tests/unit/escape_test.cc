// Escaping hostile file names for text and JSON output.
#include "util/escape.h"

#include <gtest/gtest.h>

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
