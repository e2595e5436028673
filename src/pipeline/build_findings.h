// The build context's own analyses in the scan pipeline: what its
// Dockerfile bakes into the image, and its Compose files. Internal to
// src/pipeline.
//
// Covered by tests/e2e/scan_cli_test.py and the golden reports.
#pragma once

#include <vector>

#include "ctxscan/pipeline/scan_pipeline.h"

namespace ctxscan {

// Adds the findings about what the context's Dockerfile bakes into the image
// (src/dockerfile/analysis.h) and marks where the build puts each
// context file; keeps what it read in `report->dockerfile` and
// `report->build`. A Dockerfile ctxscan cannot parse is noted and skipped
// (the build itself will say what is wrong), unless the request names a
// target stage: then it is an error.
Status AddDockerfileFindings(const ScanRequest& request, const ContextSource& src,
                             ScanReport* report);

// Adds the findings of the Compose files the build sends
// (src/compose/compose_analysis.h). One that is not valid YAML is
// noted and skipped: its text was scanned like any other file's.
void AddComposeFindings(const std::vector<ScanItem>& items, ScanResult* result);

}  // namespace ctxscan
