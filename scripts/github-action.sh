#!/usr/bin/env bash
# The GitHub Action's entry point (action.yml): one ctxscan run that prints
# workflow annotations (--format github) and writes the report file
# (INPUT_FORMAT to INPUT_OUTPUT), a markdown summary appended to
# $GITHUB_STEP_SUMMARY and a JSON report for the counts in $GITHUB_OUTPUT.
# Exits with ctxscan's exit code: 0 clean, 1 findings at or above
# INPUT_FAIL_ON, 2 an error. Inputs come as INPUT_* variables (action.yml
# sets them); INPUT_ARGS is split at blanks.
# Covered by tests/e2e/github_action_test.py.
set -uo pipefail

ctxscan="${INPUT_CTXSCAN:-}"
[ -n "$ctxscan" ] || ctxscan="$(command -v ctxscan || true)"
if [ -z "$ctxscan" ]; then
  echo "::error title=ctxscan::no ctxscan binary: set the ctxscan input or put it on PATH"
  exit 2
fi

case "${INPUT_MODE:-context}" in
  context) command=scan ;;
  git) command=git ;;
  image) command=image ;;
  *)
    echo "::error title=ctxscan::mode must be context, git or image, not \"${INPUT_MODE}\""
    exit 2
    ;;
esac

work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/ctxscan-action.XXXXXX")"
trap 'rm -rf "$work"' EXIT
output="${INPUT_OUTPUT:-ctxscan.sarif}"
argv=("$ctxscan" "$command" --format github --fail-on "${INPUT_FAIL_ON:-low}"
      --also "${INPUT_FORMAT:-sarif}=$output" --also "markdown=$work/summary.md"
      --also "json=$work/report.json")
[ -z "${INPUT_BASELINE:-}" ] || argv+=(--baseline "$INPUT_BASELINE")
read -r -a extra <<< "${INPUT_ARGS:-}"
argv+=("${extra[@]}" "${INPUT_PATH:-.}")

"${argv[@]}"
code=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$work/summary.md" ]; then
  cat "$work/summary.md" >> "$GITHUB_STEP_SUMMARY"
fi
findings=""
if [ -f "$work/report.json" ]; then
  findings="$(sed -n 's/.*"summary": {"findings": \([0-9]*\).*/\1/p' "$work/report.json" | tail -n 1)"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "report=$output"
    echo "findings=${findings:-0}"
    echo "exit-code=$code"
  } >> "$GITHUB_OUTPUT"
fi
exit "$code"
