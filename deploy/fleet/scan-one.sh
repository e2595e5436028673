#!/usr/bin/env bash
# One job of a fleet run: scans the repository at line INDEX+1 of the list
# and writes its JSON report, named after the repository, for `ctxscan
# merge` to combine. Any scheduler that gives each job an index can run it:
# a Kubernetes Indexed Job ($JOB_COMPLETION_INDEX, deploy/k8s/), a GitHub
# Actions matrix (deploy/github/), or `seq 0 N | xargs -P 4 -n 1 scan-one.sh`.
#
# usage: scan-one.sh [INDEX]          (default: $JOB_COMPLETION_INDEX)
# environment:
#   CTXSCAN_REPOS    the list: one repository a line, "URL" or "NAME URL";
#                    blank lines and # comments are skipped
#   CTXSCAN_REPORTS  the directory the report goes to (NAME.json)
#   CTXSCAN_MODE     git (default: the whole history) or context (the
#                    default branch's build context)
#   CTXSCAN_ARGS     more ctxscan options, split at blanks
#   CTXSCAN          the ctxscan binary (default: ctxscan on PATH)
#   CTXSCAN_HASH_KEY the same key in every job, so that merge can tell the
#                    same secret in two repositories (docs/security.md)
# Exit: 0 when the report is written (findings or not: the merge decides),
# 2 when the repository cannot be cloned or scanned.
# Covered by tests/e2e/fleet_test.py.
set -euo pipefail
index=${1:-${JOB_COMPLETION_INDEX:-}}
[[ "$index" =~ ^[0-9]+$ ]] || { echo "scan-one: no index (argument or JOB_COMPLETION_INDEX)" >&2; exit 2; }
: "${CTXSCAN_REPOS:?scan-one: set CTXSCAN_REPOS}" "${CTXSCAN_REPORTS:?scan-one: set CTXSCAN_REPORTS}"
line=$(grep -v -E '^[[:space:]]*(#|$)' "$CTXSCAN_REPOS" | sed -n "$((index + 1))p")
[ -n "$line" ] || { echo "scan-one: $CTXSCAN_REPOS has no repository at index $index" >&2; exit 2; }
read -r first second _ <<< "$line"
if [ -n "${second:-}" ]; then name=$first url=$second; else url=$first name=$(basename "$url" .git); fi
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "scan-one: bad repository name \"$name\"" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ctxscan=${CTXSCAN:-ctxscan}
read -r -a extra <<< "${CTXSCAN_ARGS:-}"
mkdir -p "$CTXSCAN_REPORTS"
report="$CTXSCAN_REPORTS/$name.json"
case "${CTXSCAN_MODE:-git}" in
  git)
    git clone --quiet --mirror -- "$url" "$work/repo.git" || exit 2
    "$ctxscan" git --format json -o "$report" --exit-zero "${extra[@]}" "$work/repo.git"
    ;;
  context)
    git clone --quiet --depth 1 -- "$url" "$work/repo" || exit 2
    "$ctxscan" scan --format json -o "$report" --exit-zero "${extra[@]}" "$work/repo"
    ;;
  *) echo "scan-one: CTXSCAN_MODE must be git or context" >&2; exit 2 ;;
esac
echo "scan-one: $name -> $report"
