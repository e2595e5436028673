#!/usr/bin/env python3
"""Scores secret scanners' reports on tests/corpus (labels.tsv); used by bench/quality.

Matching convention (docs/quality.md says the same):
  * A line finding hits the labels of its file whose line range holds its line. When the
    finding's column span overlaps labels' column ranges, it hits those; when it overlaps
    none, it hits the label nearest by column (so a tool that points at the key instead of
    the value still scores).
  * A file-level finding (no line) hits the file's T labels of whole-file families
    (credential-file, private-key, private-key-encrypted, docker-auth); in a file with other
    T labels only it counts for nothing; in a file with no T label it is a false alarm.
  * A label counts once however many findings hit it. T hit: TP; T missed: FN; F hit: FP;
    L (public identifier) hit by a finding above low confidence/severity: FP, else nothing.
    A finding on an unlabelled line is a false alarm of family "(unlabelled)".

usage: quality_score.py --corpus DIR --tool NAME=FORMAT:REPORT ... --out DIR
  FORMAT: ctxscan (jsonl), gitleaks (json), secretlint (json), missing (not installed: REPORT is the reason)
"""
import argparse
import json
import os
import re
from collections import defaultdict

WHOLE_FILE = {"credential-file", "private-key", "private-key-encrypted", "docker-auth"}
TOKEN_RE = re.compile(r"[A-Za-z0-9+/_\-.~$:]{6,}")


class Label:
    def __init__(self, f, line, family, gt, cols, note):
        a, _, b = line.partition("-")
        self.file, self.ls, self.le = f, int(a), int(b or a)
        self.family, self.gt, self.note = family, gt, note
        if cols:
            c1, c2 = cols.split("-")
            self.cs, self.ce = int(c1), int(c2)
        else:
            self.cs = self.ce = None


def load_labels(corpus):
    out = []
    with open(os.path.join(corpus, "labels.tsv")) as f:
        for row in f:
            if row.startswith("#") or not row.strip():
                continue
            out.append(Label(*row.rstrip("\n").split("\t")))
    return out


class Finding:
    def __init__(self, file, line, cs, ce, low, rule):
        self.file, self.line, self.cs, self.ce, self.low, self.rule = file, line, cs, ce, low, rule


def rel(path, files_dir):
    p = os.path.normpath(path)
    root = os.path.normpath(os.path.abspath(files_dir))
    ap = p if os.path.isabs(p) else os.path.abspath(p)
    if ap.startswith(root + os.sep):
        return os.path.relpath(ap, root)
    return p.lstrip("./")


def read_line(files_dir, f, n, cache={}):
    if f not in cache:
        try:
            with open(os.path.join(files_dir, f), encoding="utf8", errors="replace") as fh:
                cache[f] = fh.read().split("\n")
        except OSError:
            cache[f] = []
    lines = cache[f]
    return lines[n - 1] if 0 < n <= len(lines) else ""


def parse_ctxscan(text, files_dir):
    out = []
    for row in text.splitlines():
        if not row.strip():
            continue
        f = json.loads(row)
        if "path" not in f or f.get("kind") == "dockerfile":  # Dockerfile hardening hints, not secrets
            continue
        line, col = int(f.get("line") or 0), int(f.get("column") or 0)
        low = f.get("confidence") == "low" or f.get("severity") in ("low", "info")
        out.append(Finding(rel(f["path"], files_dir), line, col or None, col or None, low, f.get("rule_id", "")))
    return out


def parse_gitleaks(text, files_dir):
    out = []
    for f in json.loads(text or "[]"):
        path, line = rel(f["File"], files_dir), int(f.get("StartLine") or 0)
        secret = (f.get("Secret") or "").split("\n")[0]
        text_line = read_line(files_dir, path, line)
        start = int(f.get("StartColumn") or 1)
        k = text_line.find(secret, max(0, start - 2)) if secret else -1
        cs, ce = (k + 1, k + len(secret)) if k >= 0 else (start, int(f.get("EndColumn") or start))
        out.append(Finding(path, line, cs, ce, False, f.get("RuleID", "")))
    return out


def parse_secretlint(text, files_dir):
    out = []
    for fr in json.loads(text or "[]"):
        path = rel(fr["filePath"], files_dir)
        for m in fr.get("messages", []):
            s, e = m["loc"]["start"], m["loc"]["end"]
            ce = e["column"] if e["line"] == s["line"] else 10 ** 6
            out.append(Finding(path, s["line"], s["column"] + 1, ce, False, m.get("ruleId", "")))
    return out


PARSERS = {"ctxscan": parse_ctxscan, "gitleaks": parse_gitleaks, "secretlint": parse_secretlint}


def score(labels, findings):
    """Returns (per-family counts {family: [tp, fp, fn]}, hit labels, false-alarm records)."""
    by_file = defaultdict(list)
    for lb in labels:
        by_file[lb.file].append(lb)
    hit, fp_labels, unlabelled = {}, {}, {}
    for fd in findings:
        cands = by_file.get(fd.file, [])
        if fd.line <= 0:
            ts = [lb for lb in cands if lb.gt == "T"]
            whole = [lb for lb in ts if lb.family in WHOLE_FILE]
            for lb in whole:
                hit[id(lb)] = lb
            if not ts:
                unlabelled.setdefault((fd.file, 0), fd)
            continue
        on_line = [lb for lb in cands if lb.ls <= fd.line <= lb.le]
        if not on_line:
            unlabelled.setdefault((fd.file, fd.line), fd)
            continue
        cs, ce = fd.cs, fd.ce
        chosen = on_line
        if cs is not None and len(on_line) > 1:
            ranged = [lb for lb in on_line if lb.cs is not None]
            over = [lb for lb in ranged if lb.cs <= ce and cs <= lb.ce]
            if over:
                chosen = over
            elif ranged:
                chosen = [min(ranged, key=lambda lb: min(abs(lb.cs - cs), abs(lb.ce - cs)))]
        for lb in chosen:
            if lb.gt == "T":
                hit[id(lb)] = lb
            elif lb.gt == "F" or (lb.gt == "L" and not fd.low):
                fp_labels[id(lb)] = (lb, fd)
    fam = defaultdict(lambda: [0, 0, 0])
    for lb in labels:
        if lb.gt == "T":
            fam[lb.family][0 if id(lb) in hit else 2] += 1
    for lb, _ in fp_labels.values():
        fam[lb.family][1] += 1
    for _ in unlabelled:
        fam["(unlabelled)"][1] += 1
    alarms = [(lb.file, lb.ls, lb.family, lb.gt + ":" + lb.note, fd.rule) for lb, fd in fp_labels.values()]
    alarms += [(f, n, "(unlabelled)", "", fd.rule) for (f, n), fd in unlabelled.items()]
    return fam, hit, sorted(alarms)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shape(line, cs=None, ce=None, maxlen=120):
    """The line with values redacted: the labelled span to its first 3 characters and length,
    other long data-like tokens to their first 3 characters."""
    if cs and ce and 0 < cs <= ce <= len(line):
        v = line[cs - 1:ce]
        line = line[:cs - 1] + "\x00" + v[:3] + "…[%d]" % len(v) + "\x01" + line[ce:]
    line = TOKEN_RE.sub(lambda m: m.group(0) if re.fullmatch(r"[A-Za-z_.\-]+", m.group(0)) and len(m.group(0)) < 24
                        else m.group(0)[:3] + "…", line)
    line = line.replace("\x00", "").replace("\x01", "").strip()
    return line[:maxlen] + ("…" if len(line) > maxlen else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tool", action="append", default=[], help="NAME=FORMAT:REPORT")
    ap.add_argument("--out", required=True)
    ap.add_argument("--table", required=True, help="write the markdown table here")
    a = ap.parse_args()
    files_dir = os.path.join(a.corpus, "files")
    labels = load_labels(a.corpus)
    results, missing = {}, {}
    for spec in a.tool:
        name, _, rest = spec.partition("=")
        fmt, _, report = rest.partition(":")
        if fmt == "missing":
            missing[name] = report
            continue
        with open(report, encoding="utf8") as fh:
            findings = PARSERS[fmt](fh.read(), files_dir)
        results[name] = score(labels, findings) + (len(findings),)
    families = sorted({lb.family for lb in labels if lb.gt == "T"}) + ["(unlabelled)"]
    names = list(results) + list(missing)
    nt = sum(1 for lb in labels if lb.gt == "T")
    nf = sum(1 for lb in labels if lb.gt == "F")
    nl = sum(1 for lb in labels if lb.gt == "L")
    md = ["Corpus: %d files, %d true secrets (T), %d hard negatives (F), %d public identifiers (L)."
          % (len({lb.file for lb in labels}), nt, nf, nl), "",
          "| family | T | " + " | ".join("%s P / R / F1" % n for n in names) + " |",
          "|---|---:|" + "---|" * len(names)]
    tcount = defaultdict(int)
    for lb in labels:
        if lb.gt == "T":
            tcount[lb.family] += 1

    def cell(name, fams):
        if name in missing:
            return "not run"
        fam = results[name][0]
        tp = sum(fam[f][0] for f in fams)
        fp = sum(fam[f][1] for f in fams)
        fn = sum(fam[f][2] for f in fams)
        if fams == ["(unlabelled)"]:
            return "%d false alarms" % fp
        p, r, f1 = prf(tp, fp, fn)
        return "%.2f / %.2f / %.2f" % (p, r, f1)

    md.append("| **overall** | %d | " % nt + " | ".join("**%s**" % cell(n, families) for n in names) + " |")
    for f in families:
        md.append("| %s | %s | " % (f, tcount.get(f, "")) + " | ".join(cell(n, [f]) for n in names) + " |")
    for n in missing:
        md.append("")
        md.append("%s: not run (%s)." % (n, missing[n]))
    for n in results:
        fam = results[n][0]
        tp, fp, fn = (sum(v[i] for v in fam.values()) for i in range(3))
        md.append("")
        md.append("%s: %d findings; TP %d, FP %d, FN %d." % (n, results[n][3], tp, fp, fn))
    with open(a.table, "w") as fh:
        fh.write("\n".join(md) + "\n")
    print("\n".join(md))
    if "ctxscan" in results:
        fam, hit, alarms = results["ctxscan"][:3]
        os.makedirs(a.out, exist_ok=True)
        with open(os.path.join(a.out, "ctxscan_misses.tsv"), "w") as fh:
            fh.write("# file\tline\tfamily\tnote\tshape (values redacted)\n")
            for lb in labels:
                if lb.gt == "T" and id(lb) not in hit:
                    fh.write("%s\t%d\t%s\t%s\t%s\n" % (lb.file, lb.ls, lb.family, lb.note,
                                                       shape(read_line(files_dir, lb.file, lb.ls), lb.cs, lb.ce)))
        with open(os.path.join(a.out, "ctxscan_false_alarms.tsv"), "w") as fh:
            fh.write("# file\tline\tfamily\tlabel:note\trule\tshape (values redacted)\n")
            for f, n, family, note, rule in alarms:
                fh.write("%s\t%d\t%s\t%s\t%s\t%s\n" % (f, n, family, note, rule,
                                                       shape(read_line(files_dir, f, n)) if n else "(file)"))


if __name__ == "__main__":
    main()
