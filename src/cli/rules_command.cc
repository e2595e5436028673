// `ctxscan rules list` and `ctxscan rules check`: what the rule set holds, and
// proof that every rule compiles and does what its examples say.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/diagnostics.h"
#include "cli/standard_output.h"
#include "compose/compose_analysis.h"
#include "ctxscan/match/engine.h"
#include "ctxscan/match/rule_set.h"
#include "ctxscan/status.h"
#include "dockerfile/analysis.h"
#include "match/rule_check.h"
#include "util/escape.h"
#include "util/json_writer.h"

namespace ctxscan::cli {
namespace {

struct ListOptions {
  RuleSources sources;
  std::string format = "text";
};

struct CheckOptions {
  std::vector<std::string> paths;  // custom rule files; empty: the defaults
};

ExitCode RunList(const ListOptions& o) {
  Result<std::shared_ptr<const RuleSet>> set = LoadRuleSet(o.sources);
  if (!set.ok()) return Fail(set.status());
  // The rule set, then the built-in Dockerfile and compose rules (not in patterns/).
  std::vector<const Rule*> rules;
  for (const Rule& r : (*set)->rules()) rules.push_back(&r);
  for (const Rule& r : DockerfileRules()) rules.push_back(&r);
  for (const Rule& r : ComposeRules()) rules.push_back(&r);
  // Built-in rules are the Dockerfile analysis's (hints included) and the
  // compose files'.
  auto kind = [](const Rule& r) {
    if (r.origin == "(built in)") return r.category == kComposeCategory ? "compose" : "dockerfile";
    return r.is_file_rule() ? "file" : "content";
  };
  std::string out;
  if (o.format == "json") {
    JsonWriter w(&out);
    w.BeginArray(JsonWriter::Layout::kBlock);
    for (const Rule* rp : rules) {
      const Rule& r = *rp;
      w.BeginObject();
      w.Field("id", r.id);
      w.Field("name", r.name);
      w.Field("kind", kind(r));
      w.Field("severity", SeverityName(r.severity));
      w.Field("confidence", ConfidenceName(r.confidence));
      w.Field("category", r.category);
      w.Field("provider", r.provider);
      w.StringArray("references", r.references);
      if (r.is_file_rule()) {
        w.StringArray("path", r.paths);
        if (!r.signature.empty()) w.Field("signature", r.signature);
      } else if (!r.pattern.empty()) {
        w.Field("pattern", r.pattern);
      }
      w.Field("description", r.description);
      w.Field("remediation", r.remediation);
      w.Field("origin", r.origin);
      w.End();
    }
    w.End();
    out += "\n";
  } else {
    char buf[64];
    for (const Rule* r : rules) {
      std::snprintf(buf, sizeof buf, "%-8s %-10s ", std::string(SeverityName(r->severity)).c_str(),
                    kind(*r));
      out += buf;
      out += r->id + "  " + r->name;
      if (!r->provider.empty()) out += "  (" + r->provider + ")";
      out += "\n";
    }
    out += std::to_string(rules.size()) + " rules\n";
  }
  if (Status s = WriteStandardOutput(out); !s.ok()) {
    return Fail(s);
  }
  return ExitCode::kClean;
}

ExitCode RunCheck(const CheckOptions& o) {
  RuleSources sources;
  sources.only = o.paths;
  Result<std::shared_ptr<const RuleSet>> set = LoadRuleSet(sources);
  if (!set.ok()) return Fail(set.status());
  Result<std::unique_ptr<const Engine>> engine = Engine::Create(*set, EngineOptions{});
  if (!engine.ok()) return Fail(engine.status());
  const RuleCheckReport report = CheckRules(**engine);
  for (const std::string& f : report.failures) {
    PrintError(f);
  }
  for (const std::string& overlap : report.overlaps) {
    std::printf("overlap: %s (a scan reports the more specific one)\n",
                EscapeText(overlap).c_str());
  }
  const EngineStats& stats = (*engine)->stats();
  for (const std::string& id : stats.prefilter_rules) {
    std::printf("note: rule %s is compiled in prefilter mode (RE2 confirms every candidate)\n",
                id.c_str());
  }
  for (const std::string& id : stats.untrusted_rules) {
    std::printf(
        "note: rule %s: the installed Hyperscan misses some of its matches on this CPU; RE2 "
        "reads whole files for it instead (slower; docs/rules.md)\n",
        EscapeText(id).c_str());
  }
  if (stats.gated_rules > 0) {
    std::printf("note: %zu content rules are matched behind the keyed gate (docs/rules.md)\n",
                stats.gated_rules);
  }
  std::printf(
      "%s: %zu rules (%zu content, %zu file), %zu examples, %zu negative examples, %zu "
      "overlaps; database %zu bytes, %s\n",
      report.failures.empty() ? "ok" : "FAILED", report.rules, report.content_rules,
      report.file_rules, report.examples, report.negative_examples, report.overlaps.size(),
      stats.database_bytes,
      stats.from_cache ? "loaded from cache"
                       : ("compiled in " + std::to_string(stats.compile_seconds) + " s").c_str());
  return report.failures.empty() ? ExitCode::kClean : ExitCode::kError;
}

}  // namespace

void RegisterRulesCommand(CLI::App& app, Action* chosen) {
  CLI::App* rules = app.add_subcommand("rules", "List and check detection rules");
  rules->require_subcommand(1);

  auto list = std::make_shared<ListOptions>();
  CLI::App* list_cmd = rules->add_subcommand("list", "List the rules in use");
  list_cmd
      ->add_option("--rules", list->sources.extra,
                   "add rules from a YAML file or directory (repeatable)")
      ->allow_extra_args(false);
  list_cmd
      ->add_option("--only-rules", list->sources.only,
                   "use only the rules of this YAML file or directory (repeatable)")
      ->allow_extra_args(false);
  list_cmd->add_option("--format", list->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  list_cmd->callback([list, chosen] { *chosen = [list] { return RunList(*list); }; });

  auto check = std::make_shared<CheckOptions>();
  CLI::App* check_cmd = rules->add_subcommand(
      "check",
      "Compile every rule and check its examples: each positive example must be found by the\n"
      "two-stage engine and by RE2 alone, no negative example may yield a finding. Checks the\n"
      "default rules, or only the given rule files. Exit 2 and the failing rules on error");
  check_cmd->add_option("PATH", check->paths,
                        "rule files or directories (default: built-in rules)");
  check_cmd->callback([check, chosen] { *chosen = [check] { return RunCheck(*check); }; });
}

}  // namespace ctxscan::cli
