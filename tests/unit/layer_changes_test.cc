// Whiteouts, opaque directories and replacements across layers; image
// paths; the image config as text.
#include "image/layer_changes.h"

#include <gtest/gtest.h>

#include "image/config_text.h"

namespace ctxscan {
namespace {

TEST(ImagePath, StripsDotsAndSlashesAndRefusesToLeaveTheRoot) {
  EXPECT_EQ(ImagePath("./app/.env"), "app/.env");
  EXPECT_EQ(ImagePath("/etc//passwd"), "etc/passwd");
  EXPECT_EQ(ImagePath("dir/"), "dir");
  EXPECT_EQ(ImagePath("./"), ".");
  EXPECT_EQ(ImagePath("a/./b"), "a/b");
  EXPECT_EQ(ImagePath("../x"), std::nullopt);
  EXPECT_EQ(ImagePath("a/../../x"), std::nullopt);
  EXPECT_EQ(ImagePath("a/.."), std::nullopt);  // even when it would stay inside
}

TEST(LayerChanges, WhiteoutsOpaqueDirectoriesAndReplacements) {
  LayerChanges c(4);
  for (const char* p : {"app/.env", "app/conf/key.pem", "etc/a", "opt/x/y", "keep/me"}) {
    EXPECT_FALSE(c.Record(0, p));
  }
  EXPECT_TRUE(c.Record(1, "app/.wh..env"));        // deletes app/.env
  EXPECT_TRUE(c.Record(1, "opt/x/.wh..wh..opq"));  // empties opt/x
  EXPECT_FALSE(c.Record(2, "etc/a"));              // replaces etc/a
  EXPECT_TRUE(c.Record(3, ".wh.app"));             // deletes app and all under it
  EXPECT_EQ(c.RemovedIn(0, "app/.env"), 1U);
  EXPECT_EQ(c.RemovedIn(0, "opt/x/y"), 1U);
  EXPECT_EQ(c.RemovedIn(0, "etc/a"), 2U);
  EXPECT_EQ(c.RemovedIn(0, "app/conf/key.pem"), 3U);
  EXPECT_EQ(c.RemovedIn(0, "keep/me"), std::nullopt);
  EXPECT_EQ(c.RemovedIn(2, "etc/a"), std::nullopt);  // the replacement stays
  // A whiteout only reaches lower layers, and a name is not a prefix match.
  EXPECT_FALSE(c.Record(1, "app/.envrc"));
  EXPECT_EQ(c.RemovedIn(1, "app/.envrc"), 3U);
  EXPECT_FALSE(c.Record(0, "opt/xy"));
  EXPECT_EQ(c.RemovedIn(0, "opt/xy"), std::nullopt);
}

TEST(LayerChanges, OpaqueRootEmptiesEverythingBelow) {
  LayerChanges c(2);
  c.Record(0, "a/b");
  EXPECT_TRUE(c.Record(1, ".wh..wh..opq"));
  EXPECT_EQ(c.RemovedIn(0, "a/b"), 1U);
}

TEST(ConfigText, EnvLabelsCommandAndHistoryOneALine) {
  const std::string text = ConfigText(R"({
    "config": {"Env": ["PATH=/bin", "TOKEN=a\nb"], "Labels": {"k": "v"},
               "Entrypoint": ["/app"], "Cmd": null},
    "history": [{"created_by": "|1 PASS=x /bin/sh -c make"}, {"empty_layer": true}]})");
  EXPECT_EQ(text,
            "ENV PATH=/bin\n"
            "ENV TOKEN=a\\nb\n"
            "LABEL k=v\n"
            "ENTRYPOINT [\"/app\"]\n"
            "HISTORY |1 PASS=x /bin/sh -c make\n");
  EXPECT_EQ(ConfigText("not json"), "");
}

}  // namespace
}  // namespace ctxscan
