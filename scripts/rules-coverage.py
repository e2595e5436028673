#!/usr/bin/env python3
"""Rewrites the coverage table of docs/rules.md (between <!-- coverage:start --> and
<!-- coverage:end -->) from `ctxscan rules list --format json`: rules and providers per category
(a rule's provider is its `provider` field, else its id up to the first dot).

usage: scripts/rules-coverage.py CTXSCAN_BINARY [docs/rules.md]
"""
import collections
import json
import subprocess
import sys


def main():
    binary = sys.argv[1]
    doc = sys.argv[2] if len(sys.argv) > 2 else "docs/rules.md"
    listed = json.loads(subprocess.run([binary, "rules", "list", "--format", "json"],
                                       check=True, capture_output=True, text=True).stdout)
    # Content and file rules; the built-in Dockerfile and compose checks are not counted.
    rules = [r for r in listed if r["kind"] in ("content", "file")]
    count = collections.Counter()
    providers = collections.defaultdict(set)
    for r in rules:
        provider = r.get("provider") or r["id"].split(".")[0]
        count[r["category"]] += 1
        providers[r["category"]].add(provider)
    rows = ["| category | rules | providers |", "| --- | ---: | ---: |"]
    for cat, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        rows.append("| %s | %d | %d |" % (cat, n, len(providers[cat])))
    all_providers = set().union(*providers.values())
    rows.append("| **all** | **%d** | **%d** |" % (len(rules), len(all_providers)))
    text = open(doc).read()
    start = text.index("<!-- coverage:start -->\n") + len("<!-- coverage:start -->\n")
    end = text.index("<!-- coverage:end -->")
    open(doc, "w").write(text[:start] + "\n".join(rows) + "\n" + text[end:])
    content = sum(1 for r in rules if r.get("kind") == "content")
    print("%d rules (%d content), %d providers" % (len(rules), content, len(all_providers)))


if __name__ == "__main__":
    main()
