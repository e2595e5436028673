// Runs every .dockerignore reference vector (tests/conformance/dockerignore)
// against ctxscan: the ignore-file reader, the pattern list, the three
// matching functions, and the walkers of both builders.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ctxscan/context/build_context.h"
#include "ctxscan/util/file_system.h"
#include "ctxscan/util/ignore_file.h"
#include "ctxscan/util/pattern_matcher.h"
#include "util/go_path.h"

namespace ctxscan {
namespace {

using nlohmann::json;

json Load(const std::string& name) {
  std::ifstream in(std::string(CTXSCAN_TEST_DATA_DIR) + "/conformance/dockerignore/" + name);
  EXPECT_TRUE(in.good()) << name;
  return json::parse(in);
}

std::string Describe(const json& v) {
  return v.value("source", std::string("?")) + " patterns=" + v["patterns"].dump() +
         " path=" + v.value("path", json()).dump();
}

Result<PatternMatcher> Matcher(const json& v) {
  std::vector<IgnoreLine> lines;
  int n = 0;
  for (const auto& p : v["patterns"]) lines.push_back({p.get<std::string>(), ++n});
  return PatternMatcher::Create(lines, ".dockerignore");
}

// Excluded by the walk of `builder`? Builds a tree holding `path` as a file.
bool WalkerExcludes(const PatternMatcher& pm, Builder builder, const std::string& path) {
  MemoryFileSystem fs;
  fs.AddFile(path);
  const ContextRules rules = RulesFromMatcher(builder, pm);
  Result<ContextListing> listing = WalkContext(fs, rules, WalkOptions{1, false, true});
  EXPECT_TRUE(listing.ok()) << listing.status().message();
  return listing->Find(path) < 0;
}

// MatchesUsingParentResults as a walk applies it: component by component.
Result<bool> MatchesWalk(const PatternMatcher& pm, const std::string& path) {
  MatchInfo parent;
  MatchInfo info;
  for (std::size_t slash = path.find('/');; slash = path.find('/', slash + 1)) {
    const bool last = slash == std::string::npos;
    Result<MatchDecision> d =
        pm.MatchUsingParent(path.substr(0, last ? path.size() : slash), parent, &info);
    if (!d.ok()) return d.status();
    if (last) return d->excluded;
    parent.swap(info);
  }
}

Result<bool> PackageMatches(const PatternMatcher& pm, const std::string& path) {
  const std::string cleaned = go::Clean(path);
  if (cleaned == ".") return false;
  return pm.MatchesDeprecated(cleaned);
}

void CheckMatchVector(const json& v, int* checks) {
  const std::string path = v["path"].get<std::string>();
  Result<PatternMatcher> pm = Matcher(v);
  ASSERT_TRUE(pm.ok()) << Describe(v) << ": " << pm.status().message();
  const json& go = v.contains("go") ? v["go"] : json::object();
  const bool clean_path = !v.value("path_not_clean", false);
  auto expect = [&](const char* what, bool want, bool got) {
    EXPECT_EQ(want, got) << what << ": " << Describe(v);
    ++*checks;
  };
  if (go.contains("buildkit_walker")) {
    expect("buildkit walker", go["buildkit_walker"], WalkerExcludes(*pm, Builder::kBuildKit, path));
  }
  if (go.contains("legacy_tar_walker")) {
    expect("legacy walker", go["legacy_tar_walker"], WalkerExcludes(*pm, Builder::kLegacy, path));
  }
  if (go.contains("MatchesOrParentMatches")) {
    Result<MatchDecision> d = pm->MatchesOrParentMatches(path);
    ASSERT_TRUE(d.ok()) << Describe(v);
    expect("MatchesOrParentMatches", go["MatchesOrParentMatches"], d->excluded);
  }
  if (go.contains("MatchesUsingParentResults_walk") && clean_path) {
    Result<bool> m = MatchesWalk(*pm, path);
    ASSERT_TRUE(m.ok()) << Describe(v);
    expect("MatchesUsingParentResults", go["MatchesUsingParentResults_walk"], *m);
  }
  if (go.contains("Matches_deprecated")) {
    Result<bool> m = PackageMatches(*pm, path);
    ASSERT_TRUE(m.ok()) << Describe(v);
    expect("Matches (deprecated)", go["Matches_deprecated"], *m);
  }
}

void CheckErrorVector(const json& v) {
  Result<PatternMatcher> pm = Matcher(v);
  if (v.value("error_stage", std::string("new")) == "new") {
    EXPECT_FALSE(pm.ok()) << "expected a parse error: " << Describe(v);
    if (!pm.ok()) {
      EXPECT_EQ(pm.status().message().rfind(".dockerignore:", 0), 0u);
    }
    return;
  }
  ASSERT_TRUE(pm.ok()) << Describe(v) << ": " << pm.status().message();
  const std::string path = v["path"].is_string() ? v["path"].get<std::string>() : "x";
  EXPECT_FALSE(pm->MatchesOrParentMatches(path).ok()) << "expected a match error: " << Describe(v);
  MemoryFileSystem fs;
  fs.AddFile(path);
  for (Builder b : {Builder::kBuildKit, Builder::kLegacy}) {
    EXPECT_FALSE(WalkContext(fs, RulesFromMatcher(b, *pm), WalkOptions{1, false, true}).ok())
        << "the walk must fail: " << Describe(v);
  }
}

void CheckIgnoreFileVector(const json& v) {
  Result<std::vector<IgnoreLine>> lines =
      ParseIgnoreFile(v["input"].get<std::string>(), ".dockerignore");
  ASSERT_TRUE(lines.ok()) << lines.status().message();
  std::vector<std::string> got;
  for (const IgnoreLine& l : *lines) got.push_back(l.pattern);
  EXPECT_EQ(got, v["expected_patterns"].get<std::vector<std::string>>()) << v["input"].dump();
}

TEST(Conformance, ReferenceVectors) {
  int checks = 0;
  int vectors = 0;
  for (const json& v : Load("vectors.json")) {
    ++vectors;
    if (v["kind"] == "error") {
      CheckErrorVector(v);
    } else {
      CheckMatchVector(v, &checks);
    }
  }
  EXPECT_EQ(vectors, 161);
  EXPECT_GT(checks, 500);
}

TEST(Conformance, WalkVectors) {
  int vectors = 0;
  for (const json& v : Load("walk_vectors.json")) {
    ++vectors;
    if (v["kind"] == "ignorefile") {
      CheckIgnoreFileVector(v);
      continue;
    }
    if (v["kind"] == "error") {
      CheckErrorVector(v);
      continue;
    }
    const std::string path = v["path"].get<std::string>();
    Result<PatternMatcher> pm = Matcher(v);
    ASSERT_TRUE(pm.ok()) << Describe(v) << ": " << pm.status().message();
    EXPECT_EQ(v["expected"].get<bool>(), WalkerExcludes(*pm, Builder::kBuildKit, path))
        << "buildkit: " << Describe(v) << " " << v["note"];
    EXPECT_EQ(v["expected_legacy"].get<bool>(), WalkerExcludes(*pm, Builder::kLegacy, path))
        << "legacy: " << Describe(v) << " " << v["note"];
    Result<MatchDecision> mopm = pm->MatchesOrParentMatches(path);
    ASSERT_TRUE(mopm.ok());
    EXPECT_EQ(v["expected_mopm"].get<bool>(), mopm->excluded) << "mopm: " << Describe(v);
    if (v.contains("deprecated_matches")) {
      Result<bool> m = PackageMatches(*pm, path);
      ASSERT_TRUE(m.ok());
      EXPECT_EQ(v["deprecated_matches"].get<bool>(), *m) << "deprecated: " << Describe(v);
    }
  }
  EXPECT_EQ(vectors, 105);
}

TEST(Conformance, ParseVectors) {
  for (const json& v : Load("parse_vectors.json")) {
    if (v["kind"] == "ignorefile") {
      CheckIgnoreFileVector(v);
      continue;
    }
    Result<PatternMatcher> pm = Matcher(v);
    if (v.value("error", false)) {
      EXPECT_FALSE(pm.ok()) << Describe(v);
      continue;
    }
    ASSERT_TRUE(pm.ok()) << Describe(v) << ": " << pm.status().message();
    if (v.contains("expected_pattern_count")) {
      EXPECT_EQ(pm->patterns().size(), v["expected_pattern_count"].get<std::size_t>());
    }
    if (v.contains("expected_exclusions")) {
      EXPECT_EQ(pm->has_exclusions(), v["expected_exclusions"].get<bool>()) << Describe(v);
    }
  }
}

}  // namespace
}  // namespace ctxscan
