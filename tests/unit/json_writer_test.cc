// Tests for src/util/json_writer.h: the two layouts, their nesting, empty
// containers, escaping, and a report handed out in pieces.
#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace ctxscan {
namespace {

using Layout = JsonWriter::Layout;

TEST(JsonWriterTest, InlineObjectsAndArrays) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("a", std::uint64_t{1});
  w.Field("b", "two");
  w.Field("c", true);
  w.Key("d");
  w.BeginArray();
  w.Number(3);
  w.Bool(false);
  w.NumberText("90.0");
  w.End();
  w.End();
  EXPECT_EQ(out, R"({"a": 1, "b": "two", "c": true, "d": [3, false, 90.0]})");
  EXPECT_EQ(w.depth(), 0u);
}

TEST(JsonWriterTest, BlocksIndentTwoSpacesPerEnclosingBlock) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject(Layout::kBlock);
  w.Field("version", "1");
  w.Key("runs");
  w.BeginArray();  // inline: its block object is indented by the blocks around it
  w.BeginObject(Layout::kBlock);
  w.Key("results");
  w.BeginArray(Layout::kBlock);
  w.BeginObject();
  w.Field("id", "x");
  w.End();
  w.BeginObject();
  w.End();
  w.End();
  w.End();
  w.End();
  w.End();
  EXPECT_EQ(out,
            "{\n"
            "  \"version\": \"1\",\n"
            "  \"runs\": [{\n"
            "    \"results\": [\n"
            "      {\"id\": \"x\"},\n"
            "      {}\n"
            "    ]\n"
            "  }]\n"
            "}");
}

TEST(JsonWriterTest, EmptyContainersAreTheSameInBothLayouts) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray(Layout::kBlock);
  w.End();
  w.BeginObject(Layout::kBlock);
  w.End();
  w.BeginArray();
  w.End();
  EXPECT_EQ(out, "[]{}[]");
}

TEST(JsonWriterTest, KeysAndStringsAreEscaped) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("k\"ey", std::string_view("a\nb\\c\x01", 6));
  w.StringArray("list", {"x", "y\tz"});
  w.End();
  EXPECT_EQ(out, R"({"k\"ey": "a\nb\\c\u0001", "list": ["x", "y\tz"]})");
}

TEST(JsonWriterTest, TheCallerMayTakeTheOutputInPieces) {
  std::string out;
  std::string all;
  JsonWriter w(&out);
  w.BeginArray(Layout::kBlock);
  for (int i = 0; i < 3; ++i) {
    w.BeginObject();
    w.Field("i", std::uint64_t(i));
    w.End();
    all += out;  // hand out what is written so far
    out.clear();
  }
  w.End();
  all += out;
  EXPECT_EQ(all, "[\n  {\"i\": 0},\n  {\"i\": 1},\n  {\"i\": 2}\n]");
}

}  // namespace
}  // namespace ctxscan
