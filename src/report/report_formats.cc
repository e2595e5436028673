// The table of report formats; see include/ctxscan/report/report_formats.h.
#include "ctxscan/report/report_formats.h"

namespace ctxscan {

const std::vector<ReportFormat>& ReportFormats() {
  static const std::vector<ReportFormat> kFormats = {
      {"text", "default", RenderText},
      {"json", "", RenderJson, WriteJson},
      {"jsonl", "", RenderJsonl},
      {"sarif", "", RenderSarif},
      {"github", "workflow annotations", RenderGithub},
      {"junit", "", RenderJunit},
      {"gitlab", "secret detection report", RenderGitlab},
      {"markdown", "a summary for a CI job's page", RenderMarkdown},
      {"html", "one self-contained page", RenderHtml},
  };
  return kFormats;
}

const ReportFormat* FindReportFormat(std::string_view name) {
  for (const ReportFormat& f : ReportFormats()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> ReportFormatNames() {
  std::vector<std::string> names;
  for (const ReportFormat& f : ReportFormats()) names.emplace_back(f.name);
  return names;
}

std::string ReportFormatHelp() {
  const std::vector<ReportFormat>& formats = ReportFormats();
  std::string help;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) help += i + 1 == formats.size() ? " or " : ", ";
    help += formats[i].name;
    if (!formats[i].note.empty()) help += " (" + std::string(formats[i].note) + ")";
  }
  return help;
}

}  // namespace ctxscan
