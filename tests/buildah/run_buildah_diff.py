#!/usr/bin/env python3
"""Differential test: ctxscan's in_image marks vs what buildah really builds.

Usage: run_buildah_diff.py CTXSCAN_BINARY [--cases N] [--seed S] [--jobs J]
                           [--only N] [--keep-failures DIR] [--verbose]
For each case (generated deterministically from --seed and the case number)
a random context is written: 6-15 files in nested directories, each holding
its own fake GitHub token, sometimes a .dockerignore, and a multi-stage
Dockerfile of `FROM scratch` stages (no RUN: scratch has no shell) that
copies files from the context and from stage to stage.  Then
  * buildah builds a probe: the Dockerfile plus one last stage that copies
    the whole context as buildah sends it (`COPY . /ctx/`) and the finished
    filesystem of every stage the target needs (`COPY --from=N / /stageN/`),
    written out with `-o type=local`.  Each file's unique content says
    where it went: in the target stage ("final"), only in another needed
    stage ("intermediate"), nowhere ("no"), or not sent at all;
  * `CTXSCAN_BINARY scan --format json DIR` runs on the same context, and
    every location of a finding in a context file carries `in_image`;
and the two must agree file by file (a file that is not sent must have no
finding).  Then the target itself is built (`--target`, no probe stage),
pushed to an OCI layout and scanned with `CTXSCAN_BINARY image`: every file
the real build put in the target ("final") must be found in the image, by
its token's keyed hash (`secret_hmac`), and no other context file's token
may be.  Which stages the target needs comes from the generator, which
wrote the Dockerfile; never from ctxscan.

One probe build per case instead of one `buildah bud --target` per stage:
stages before the probe are built exactly as without it, and a build costs
about half a second per committed stage here, mostly waiting.

What is generated, and why not more:
  * no two instructions of a stage (or of its base stages) write the same
    path.  Without --layers buildah squashes each stage into one layer, so
    a file overwritten later in the stage would vanish from what the probe
    sees, while BuildKit keeps it in a lower layer (and ctxscan counts it);
    --layers would keep it, but commits about one layer a second;
  * no COPY --exclude and no COPY --parents: buildah 1.28 rejects both
    ("COPY only supports the --chmod=<permissions> --chown=<uid:gid> and the
    --from=<image|stage> flags");
  * several sources, or a wildcard matching several entries, always have a
    destination ending in '/'; a wildcard matching several entries matches
    only files with distinct names (a matched directory's contents could
    collide with them);
  * .dockerignore holds plain patterns (a path, a directory, `DIR/*.ext`,
    `**/NAME`, then `!path` lines re-including files) on which Docker's and
    buildah's matchers agree (see gen_ignore), and never names the
    Dockerfile or itself.
The generator keeps its own model of where each file lands (to choose
sources that exist and destinations that collide with nothing).  It only
explains disagreements and is checked against buildah ("model notes"); the
expected marks always come from the real build.

Exit status: 0 all agree, 1 otherwise, 77 when buildah is missing or cannot
build a trivial `FROM scratch` image here (e.g. no permission to chroot).
"""

import argparse
import concurrent.futures
import json
import os
import posixpath
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

DIRS = ["", "", "conf", "conf/prod", "keys", ".config", "app", "app/src", "deploy/k8s",
        "secrets", "conf.d", "data"]
NAMES = [".env", ".env.local", "app.yaml", "db.yaml", "id.pem", "settings.json", "token.txt",
         "config.ini", "creds.cfg", "notes.md", "api.key", "prod.env"]
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
RANK = {"not sent": 0, "no": 1, "intermediate": 2, "final": 3}
BUILD_TIMEOUT = 240  # seconds; a build normally takes one to three
ATTEMPTS = 3  # a case whose build fails is generated again, this often at most


# ---------------------------------------------------------------- the context

def fake_token(rng):
    """A GitHub classic token shape that github.pat-classic reports: "ghp_",
    30 base62 characters, then 6 base62 characters of their CRC32.  "FAKE"
    marks it as made up ("EXAMPLE" would make ctxscan call it a placeholder)."""
    body = "FAKE" + "".join(rng.choice(ALNUM) for _ in range(26))
    crc, check = zlib.crc32(body.encode()), ""
    while crc:
        crc, digit = divmod(crc, 62)
        check = ALNUM[digit] + check
    return "ghp_" + body + check.rjust(6, "0")


def gen_files(rng):
    """Return {context path: content}, each content unique (its own token)."""
    files = {}
    for _ in range(rng.randint(6, 15)):
        path = posixpath.join(rng.choice(DIRS), rng.choice(NAMES))
        if path not in files:
            files[path] = "# %s\nGITHUB_TOKEN=%s\n" % (path, fake_token(rng))
    return files


def ignore_regex(pattern):
    """Docker's .dockerignore pattern (only the shapes gen_ignore writes) as a
    regex: '*' and '?' stay inside one path component, a leading '**/' is any
    number of directories."""
    rx = "(.*/)?" if pattern.startswith("**/") else ""
    body = pattern[3:] if pattern.startswith("**/") else pattern
    rx += "".join("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in body)
    return re.compile(rx)


def is_ignored(lines, path):
    """Docker's rule: the last pattern that matches the path or one of its
    parent directories decides; '!' re-includes."""
    parts = path.split("/")
    ignored = False
    for line in lines:
        negate, rx = line.startswith("!"), ignore_regex(line.lstrip("!"))
        if any(rx.fullmatch("/".join(parts[:i])) for i in range(1, len(parts) + 1)):
            ignored = not negate
    return ignored


def gen_ignore(rng, files):
    """Return the .dockerignore lines, or None for no .dockerignore."""
    if rng.random() < 0.4:
        return None
    paths = sorted(files)
    lines = []
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(paths)
        directory, name = posixpath.split(path)
        r = rng.random()
        if r < 0.35:
            lines.append(path)
        elif r < 0.6 and directory:
            lines.append(directory)
            below = [p for p in paths if p.startswith(directory + "/")]
            if rng.random() < 0.4:  # and take one file back
                lines.append("!" + rng.choice(below))
        elif r < 0.8:
            lines.append("**/" + name)
        elif "." in name[1:]:
            lines.append(posixpath.join(directory, "*" + name[name.rindex("."):]))
        else:
            lines.append(path)
    # Builders treat these two specially when the file names them; leave them be.
    always_sent = ("Dockerfile", ".dockerignore")
    lines = [l for l in lines if not any(is_ignored([l], p) for p in always_sent)]
    # '!' lines go last.  Docker's walker reuses its parent directory's
    # results, which can keep a re-included file that a later line naming
    # its directory excludes (`app`, `!app/src/a.ini`, `app/src`: sent);
    # buildah judges each path alone (not sent).  ctxscan follows Docker.
    return [l for l in lines if not l.startswith("!")] + [l for l in lines if l.startswith("!")]


# ---------------------------------------------------------------- the Dockerfile

class Stage:
    """One stage being generated, with the generator's model of its files."""

    def __init__(self, index, name, base):
        self.index, self.name = index, name
        self.base = base          # index of the base stage, None for scratch
        self.froms = set()        # indices of the stages its COPY --from reads
        self.files = {}           # image path -> context path (the model)
        self.lines = {}           # image path -> Dockerfile line that put it there
        self.dirs = {"/"}
        self.workdir = "/"

    def ref(self, rng):
        """How COPY --from names it: its name, or (always when unnamed) its index."""
        return self.name if self.name and rng.random() < 0.8 else str(self.index)

    def label(self):
        return self.name or "stage %d" % self.index


def ancestors(path):
    """'/a/b/c' -> ['/', '/a', '/a/b']."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) for i in range(len(parts))]


def glob_match(pattern, path):
    """Go's filepath.Match on whole components: '*' and '?' never cross '/'."""
    p, s = pattern.strip("/").split("/"), path.strip("/").split("/")
    return len(p) == len(s) and all(ignore_regex(a).fullmatch(b) for a, b in zip(p, s))


def wildcard_items(rng, files, files_below, pick):
    """Turn the file path `pick` into a wildcard source and resolve it among
    `files` ({path: context path it holds}) and the directories of
    `files_below` ({dir: {path below it: context path}}).  Return (pattern,
    items) or None when the wildcard would collide with itself or match a mix
    of files and directories."""
    directory, name = posixpath.split(pick)
    r = rng.random()
    if r < 0.3 and "." in name[1:]:
        pattern = posixpath.join(directory, "*" + name[name.rindex("."):])
    elif r < 0.5:
        pattern = posixpath.join(directory, name[:2] + "*")
    elif r < 0.65:
        pattern = posixpath.join(directory, "*")
    elif r < 0.8:
        i = rng.randrange(len(name))
        pattern = posixpath.join(directory, name[:i] + "?" + name[i + 1:])
    elif directory.strip("/"):
        parts = pick.split("/")
        i = rng.choice([i for i, part in enumerate(parts[:-1]) if part])
        pattern = "/".join(parts[:i] + ["*"] + parts[i + 1:])
    else:
        return None
    entries = [e for e in set(files) | set(files_below) if e.strip("/")]  # not the root
    matches = sorted(e for e in entries if glob_match(pattern, e))
    items = [("dir", None, files_below[m]) if m in files_below else
             ("file", posixpath.basename(m), files[m]) for m in matches]
    names = [n for kind, n, _ in items if kind == "file"]
    if not items or len(items) > 1 and (len(names) < len(items) or len(set(names)) < len(names)):
        return None
    return pattern, items


class Generator:
    """Writes one Dockerfile, keeping a model of every stage's files."""

    def __init__(self, rng, files, sent):
        self.rng, self.files, self.sent = rng, files, sorted(sent)
        self.stages = []
        self.lines = []   # the Dockerfile's lines
        self.k = 0        # counter for fresh destination names: /o1, /o2, ...
        self.features = set()  # what the Dockerfile exercises, for the summary
        self.pending = set()   # ... of the instruction being tried
        # Context entries: every sent file and every directory above one.
        self.ctx_below = {}
        for path in self.sent:
            for d in ancestors("/" + path)[1:]:
                self.ctx_below.setdefault(d.lstrip("/"), {})[path[len(d):].lstrip("/")] = path

    # -- destinations and placements

    def dest(self, stage, single_file, single_dir):
        """A destination for what the instruction copies; every new path
        below it is fresh (/oK), except '.' and existing directories."""
        rng, k = self.rng, self.k
        existing = sorted(stage.dirs)
        options = ["/o%d/" % k, "o%d/" % k, "/o%d/sub/" % k, "."]
        if single_file:
            options += ["/o%d" % k, "/o%d/renamed.txt" % k, "o%d" % k, "o%d/.hidden" % k] * 2
        if single_dir:
            options += ["/o%d" % k, "o%d" % k]
        if single_file or single_dir:  # an existing directory, no slash: into it
            options += [rng.choice(existing), rng.choice(existing[1:] or existing)]
        return rng.choice(options)

    def place(self, stage, items, dest, lineno):
        """Where the items land (BuildKit's rules); None if anything collides."""
        target = posixpath.normpath(posixpath.join(stage.workdir, dest))
        existing = target in stage.dirs and not dest.endswith("/") and dest != "."
        into = dest.endswith("/") or dest == "." or len(items) > 1 or existing
        placed = {}
        for kind, name, origin in items:
            if kind == "file":
                placed[posixpath.join(target, name) if into else target] = origin
            else:
                for rel, path in origin.items():
                    placed[posixpath.normpath(posixpath.join(target, rel))] = path
        parents = {a for p in placed for a in ancestors(p)}
        for path in placed:
            if (path in stage.files or path in stage.dirs or path in parents or
                    any(a in stage.files for a in ancestors(path))):
                return None
        for path, origin in placed.items():
            stage.files[path] = origin
            stage.lines[path] = lineno
            stage.dirs.update(ancestors(path))
        if existing:
            self.pending.add("dest: existing directory without '/'")
        return placed

    # -- instructions

    def copy_context(self, stage, lineno, add=False):
        rng = self.rng
        secrets = [p for p in self.sent if p in self.files]
        r = rng.random()
        if r < 0.4 or add:
            pick = rng.choice(secrets)
            srcs, items = [pick], [("file", posixpath.basename(pick), pick)]
            if rng.random() < 0.1:
                srcs = ["./" + pick]
        elif r < 0.6:
            d = rng.choice(sorted(self.ctx_below))
            srcs, items = [d + rng.choice(["", "/"])], [("dir", None, self.ctx_below[d])]
            if rng.random() < 0.1:  # the whole context
                srcs, items = ["."], [("dir", None, {p: p for p in self.sent})]
        elif r < 0.8:
            got = wildcard_items(rng, {p: p for p in self.sent}, self.ctx_below,
                                 rng.choice(secrets))
            if got is None:
                return None
            srcs, items = [got[0]], got[1]
            self.pending.add("wildcard")
        else:
            picks = rng.sample(secrets, min(len(secrets), rng.randint(2, 3)))
            names = [posixpath.basename(p) for p in picks]
            if len(picks) < 2 or len(set(names)) < len(names):
                return None
            srcs, items = picks, [("file", n, p) for n, p in zip(names, picks)]
            self.pending.add("several sources")
        return self.finish_copy(stage, lineno, "ADD" if add else "COPY", srcs, items)

    def copy_from(self, stage, lineno):
        rng = self.rng
        sources = [s for s in self.stages if s.files]
        if not sources:
            return None
        src = rng.choice(sources)
        below = {}
        for path, origin in src.files.items():
            for d in ancestors(path):
                below.setdefault(d, {})[posixpath.relpath(path, d)] = origin
        r = rng.random()
        if r < 0.4:
            pick = rng.choice(sorted(src.files))
            path, items = pick, [("file", posixpath.basename(pick), src.files[pick])]
        elif r < 0.85:
            path = rng.choice(sorted(below))
            items = [("dir", None, below[path])]
        else:
            got = wildcard_items(rng, src.files, below, rng.choice(sorted(src.files)))
            if got is None:
                return None
            (path, items) = got
            self.pending.add("wildcard")
        if path != "/" and rng.random() < 0.1:  # relative: from the stage's root
            path = path.lstrip("/")
        flag = "--from=" + src.ref(rng)
        line = self.finish_copy(stage, lineno, "COPY " + flag, [path], items)
        if line:
            stage.froms.add(src.index)
            self.pending.add("COPY --from")
        return line

    def finish_copy(self, stage, lineno, verb, srcs, items):
        single_file = len(items) == 1 and items[0][0] == "file"
        single_dir = len(items) == 1 and items[0][0] == "dir"
        dest = self.dest(stage, single_file and len(srcs) == 1, single_dir and len(srcs) == 1)
        if self.place(stage, items, dest, lineno) is None:
            return None
        if not dest.startswith("/"):
            after = " after WORKDIR" if stage.workdir != "/" else ""
            self.pending.add("relative destination" + after)
        return "%s %s %s" % (verb, " ".join(srcs), dest)

    def workdir(self, stage):
        k = self.k
        path = "/w%d" % k if stage.workdir == "/" or self.rng.random() < 0.5 else "w%d" % k
        stage.workdir = posixpath.normpath(posixpath.join(stage.workdir, path))
        if stage.workdir in stage.files or any(a in stage.files for a in ancestors(stage.workdir)):
            return None  # cannot happen with fresh names; kept as a guard
        stage.dirs.update(ancestors(stage.workdir) + [stage.workdir])
        self.pending.add("WORKDIR" if path.startswith("/") else "WORKDIR (relative)")
        return "WORKDIR " + path

    # -- stages

    def gen(self):
        rng = self.rng
        count = rng.choice([2, 2, 3, 3, 3, 4, 4, 5])
        for index in range(count):
            named = [s for s in self.stages if s.name]
            base = rng.choice(named) if named and rng.random() < 0.35 else None
            name = "s%d" % index if rng.random() < 0.85 else None
            stage = Stage(index, name, base.index if base else None)
            if base:
                stage.files, stage.lines = dict(base.files), dict(base.lines)
                stage.dirs, stage.workdir = set(base.dirs), base.workdir
                self.features.add("FROM a stage")
            self.lines.append("FROM %s%s" % (base.name if base else "scratch",
                                             " AS " + name if name else ""))
            copies = 0
            for _ in range(rng.randint(1, 4)):
                for _ in range(10):  # a few tries for an instruction that fits
                    self.k += 1
                    self.pending = set()
                    lineno = len(self.lines) + 1
                    r = rng.random()
                    if r < 0.12:
                        line = self.workdir(stage)
                    elif r < 0.5:
                        line = self.copy_from(stage, lineno)
                    else:
                        line = self.copy_context(stage, lineno, add=r > 0.93)
                    if line:
                        copies += not line.startswith("WORKDIR")
                        self.lines.append(line)
                        self.features |= self.pending
                        break
            while copies == 0:  # every stage copies something
                self.k += 1
                self.pending = set()
                line = self.copy_context(stage, len(self.lines) + 1)
                if line:
                    self.lines.append(line)
                    self.features |= self.pending
                    copies += 1
            self.stages.append(stage)
        # The target: the last stage, sometimes an earlier named one.
        named = [s for s in self.stages[:-1] if s.name]
        target = self.stages[-1]
        if named and rng.random() < 0.2:
            target = rng.choice(named)
            self.features.add("--target")
        return target

    def needed(self, target):
        """The stages a build of `target` runs: itself, its base, the stages
        it copies from, transitively."""
        need, todo = set(), [target.index]
        while todo:
            i = todo.pop()
            if i not in need:
                need.add(i)
                todo += ([self.stages[i].base] if self.stages[i].base is not None else [])
                todo += sorted(self.stages[i].froms)
        return need


class Case:
    """A generated case: the context, the Dockerfile and the model's view."""

    def __init__(self, rng):
        self.files = gen_files(rng)
        self.ignore = gen_ignore(rng, self.files)
        while True:  # keep at least three files to copy
            sent = {p for p in self.files if not (self.ignore and is_ignored(self.ignore, p))}
            if len(sent) >= 3:
                break
            self.ignore = self.ignore[:-1] or None
        sent |= {"Dockerfile"} | ({".dockerignore"} if self.ignore is not None else set())
        self.model_sent = sent & set(self.files)
        gen = Generator(rng, self.files, sent)
        self.target = gen.gen()
        self.stages, self.features = gen.stages, gen.features
        self.need = gen.needed(self.target)
        if len(self.need) < len(self.stages):
            self.features.add("stage not needed")
        self.dockerfile = "\n".join(gen.lines) + "\n"
        if self.ignore is not None:
            self.features.add(".dockerignore")

    def model_marks(self):
        marks = {}
        for path in self.files:
            holders = {s.index for s in self.stages if path in s.files.values()} & self.need
            marks[path] = ("not sent" if path not in self.model_sent else
                           "final" if self.target.index in holders else
                           "intermediate" if holders else "no")
        return marks

    def model_trace(self, path):
        """Where the model puts `path`, stage by stage."""
        out = []
        for s in self.stages:
            spots = ["%s (line %d)" % (p, s.lines[p])
                     for p, o in sorted(s.files.items()) if o == path]
            if spots:
                role = ("target" if s is self.target else "needed" if s.index in self.need
                        else "not needed")
                out.append("%s [%s]: %s" % (s.label(), role, ", ".join(spots)))
        return "; ".join(out) or "copied nowhere"

    def write(self, root):
        os.makedirs(root)
        for path, content in self.files.items():
            os.makedirs(os.path.join(root, posixpath.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as f:
                f.write(content)
        with open(os.path.join(root, "Dockerfile"), "w") as f:
            f.write(self.dockerfile)
        if self.ignore is not None:
            with open(os.path.join(root, ".dockerignore"), "w") as f:
                f.write("".join(l + "\n" for l in self.ignore))

    def probe(self):
        """The Dockerfile plus a last stage holding what buildah sent and the
        finished filesystem of every stage the target needs."""
        lines = ["FROM scratch AS ctxscan-probe", "COPY . /ctx/"]
        lines += ["COPY --from=%d / /stage%d/" % (i, i) for i in sorted(self.need)]
        return self.dockerfile + "\n".join(lines) + "\n"

    def describe(self):
        target = self.target.label() + (" (the last stage)" if self.target is self.stages[-1]
                                        else " (--target)")
        out = ["--- Dockerfile (target: %s; needed: %s)" % (
            target, ", ".join(self.stages[i].label() for i in sorted(self.need)))]
        out += ["%3d  %s" % (i + 1, l) for i, l in enumerate(self.dockerfile.splitlines())]
        out.append("--- .dockerignore" + (" (none)" if self.ignore is None else
                                          " (empty)" if not self.ignore else ""))
        out += ["     " + l for l in self.ignore or []]
        out.append("--- context files")
        out += ["     %s%s" % (p, "" if p in self.model_sent else "   (ignored)")
                for p in sorted(self.files)]
        return "\n".join(out)


# ---------------------------------------------------------------- running

def run(cmd, env=None, timeout=BUILD_TIMEOUT):
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %ds" % timeout


def buildah(storage, *args):
    """The buildah command line on a private storage root (vfs: no mounts).
    As root, containers/image still records blob digests in
    /var/lib/containers/cache whatever --root says: a cache, not images."""
    return ["buildah", "--root", os.path.join(storage, "root"), "--runroot",
            os.path.join(storage, "run"), "--storage-driver", "vfs", *args]


def build(ctx, storage, root, probe_file, out, tag):
    return run(buildah(storage, "bud", "--isolation", "chroot", "--layers=false", "-q",
                       "-f", probe_file, "-o", "type=local,dest=" + out, "-t", tag, root),
               ctx["env"])


def read_probe(out, files):
    """Map the probe's output back to context files by content.
    Returns {"ctx": set of paths, stage index: set of paths}."""
    by_content = {content.encode(): path for path, content in files.items()}
    seen = {}
    for top in os.listdir(out):
        key = "ctx" if top == "ctx" else int(top[len("stage"):])
        seen[key] = set()
        for dirpath, _, names in os.walk(os.path.join(out, top)):
            for name in names:
                full = os.path.join(dirpath, name)
                if os.path.isfile(full) and not os.path.islink(full):
                    with open(full, "rb") as f:
                        path = by_content.get(f.read())
                    if path:
                        seen[key].add(path)
    return seen


def expected_marks(case, seen):
    """The real build's verdict for every context file, and harness errors
    (a file in a stage that buildah did not send)."""
    marks, errors = {}, []
    for path in case.files:
        holders = {i for i in case.need if path in seen.get(i, ())}
        if path not in seen.get("ctx", ()):
            marks[path] = "not sent"
            if holders:
                errors.append("%s: not sent, yet in stage(s) %s" % (path, sorted(holders)))
        else:
            marks[path] = ("final" if case.target.index in holders else
                           "intermediate" if holders else "no")
    return marks, errors


def actual_marks(doc):
    """{context path: set of in_image values} over every location of every
    finding that is not about a Dockerfile instruction."""
    marks = {}
    for finding in doc.get("findings", []):
        if finding.get("kind") == "dockerfile":
            continue
        for loc in finding.get("locations") or [finding]:
            marks.setdefault(loc["path"], set()).add(loc.get("in_image", "(missing)"))
    return marks


def judge(case, want, got):
    """Return the disagreeing files as report lines."""
    lines = []
    for path in sorted(case.files):
        have = got.get(path, set())
        ok = not have if want[path] == "not sent" else have == {want[path]}
        if not ok:
            shown = "no finding" if not have else " and ".join(sorted(have))
            direction = ""
            if len(have) == 1 and next(iter(have)) in RANK:
                gap = RANK[next(iter(have))] - RANK[want[path]]
                direction = " (ctxscan over-reports)" if gap > 0 else " (ctxscan under-reports)"
            lines.append("  %s: buildah says %s, ctxscan says %s%s\n      generator's model: %s"
                         % (path, want[path], shown, direction, case.model_trace(path)))
    return lines


def build_case(args, ctx, n):
    """Generate case n and build its probe, generating again (a new attempt
    seed) when buildah fails.  Returns (case, attempt, context dir, probe
    Dockerfile, output dir, build seconds), or a report string."""
    storage = ctx["storages"].get()  # one storage root per concurrent build
    try:
        for attempt in range(ATTEMPTS):
            case = Case(random.Random("%s/%d/%d" % (args.seed, n, attempt)))
            name = "case-%d-%d" % (n, attempt)
            root, out = os.path.join(ctx["work"], name), os.path.join(ctx["work"], name + ".out")
            probe_file = root + ".probe.Dockerfile"
            case.write(root)
            with open(probe_file, "w") as f:
                f.write(case.probe())
            t0 = time.monotonic()
            rc, _, err = build(ctx, storage, root, probe_file, out, "ctxscan-diff-" + name)
            if rc == 0:
                return case, attempt, root, probe_file, out, time.monotonic() - t0
            ctx["rebuilt"].append("case %d attempt %d: buildah exit %s: %s\n%s" % (
                n, attempt, rc, err.strip()[-800:], case.describe()))
            remove(root, out, probe_file)
    finally:
        ctx["storages"].put(storage)
    return "case %d (seed %s): buildah failed %d times; last:\n%s" % (
        n, args.seed, ATTEMPTS, ctx["rebuilt"][-1])


def image_check(args, ctx, case, root, name, want, scan_out):
    """Build the target image, scan it with `ctxscan image`, and return the
    files whose presence in it disagrees with the real build's marks (a
    list of report lines; a string when the image could not be built or
    scanned)."""
    storage = ctx["storages"].get()
    layout = root + ".layout"
    tag = "ctxscan-image-" + name
    try:
        cmd = ["bud", "--isolation", "chroot", "--layers=false", "-q", "-t", tag]
        if case.target is not case.stages[-1]:
            cmd += ["--target", case.target.name or str(case.target.index)]
        rc, _, err = run(buildah(storage, *cmd, root), ctx["env"])
        if rc != 0:
            return "buildah could not build the target image: " + err.strip()[-500:]
        rc, _, err = run(buildah(storage, "push", tag, "oci:" + layout), ctx["env"])
        run(buildah(storage, "rmi", tag), ctx["env"])
    finally:
        ctx["storages"].put(storage)
    if rc != 0:
        return "buildah push failed: " + err.strip()[-500:]
    i_rc, i_out, i_err = run([args.ctxscan, "image", "--format", "json", "--exit-zero", layout],
                             ctx["env"], timeout=60)
    remove(layout)
    if i_rc != 0:
        return "ctxscan image exit %s: %s" % (i_rc, i_err.strip())
    in_image = {f.get("secret_hmac") for f in json.loads(i_out).get("findings", [])}
    by_path = {}
    for f in json.loads(scan_out).get("findings", []):
        if f.get("secret_hmac"):
            for loc in f.get("locations") or [f]:
                by_path.setdefault(loc["path"], set()).add(f["secret_hmac"])
    lines = []
    for path in sorted(case.files):
        tokens = by_path.get(path, set())
        found = bool(tokens & in_image)
        if tokens and found != (want[path] == "final"):
            lines.append("  %s: buildah says %s, ctxscan image %s its token in the image"
                         % (path, want[path], "finds" if found else "does not find"))
    return lines


def verdict(case, want, harness, c_rc, c_out, c_err):
    """Return (status, notes) from the real build's marks and ctxscan's run."""
    if harness:
        return "error", ["harness error: " + e for e in harness]
    if c_rc != 0:
        return "disagree", ["ctxscan exit %s:\n%s" % (c_rc, c_err.strip())]
    try:
        got = actual_marks(json.loads(c_out))
    except (ValueError, KeyError, TypeError) as e:
        return "disagree", ["ctxscan's output is not the JSON report (%s):\n%s" % (e, c_out[:500])]
    notes = ["ctxscan: " + c_err.strip()] if "Dockerfile analysis skipped" in c_err else []
    bad = judge(case, want, got)
    if not bad:
        return "agree", notes
    return "disagree", notes + ["%d of %d files disagree:" % (len(bad), len(case.files))] + bad


def remove(*paths):
    for path in paths:
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.exists(path):
            os.unlink(path)


def run_case(args, ctx, n):
    """Generate, build, scan and judge case n.  Returns a dict with the
    status (agree, disagree, error), the report and timings."""
    start = time.monotonic()
    built = build_case(args, ctx, n)
    if isinstance(built, str):
        return {"status": "error", "report": built, "secs": None}
    case, attempt, root, probe_file, out, build_secs = built

    cmd = [args.ctxscan, "scan", "--format", "json", "--fail-on", "critical", "--exit-zero"]
    if case.target is not case.stages[-1]:
        cmd += ["--target", case.target.name]
    t0 = time.monotonic()
    c_rc, c_out, c_err = run(cmd + [root], ctx["env"], timeout=60)
    scan_secs = time.monotonic() - t0

    want, harness = expected_marks(case, read_probe(out, case.files))
    status, notes = verdict(case, want, harness, c_rc, c_out, c_err)
    if status == "agree":
        image = image_check(args, ctx, case, root, "case-%d-%d" % (n, attempt), want, c_out)
        if isinstance(image, str):
            status, notes = "error", notes + ["image check: " + image]
        elif image:
            status = "disagree"
            notes = notes + ["ctxscan image disagrees with the real build on %d files:"
                             % len(image)] + image
    model = case.model_marks()
    model_diff = sorted(p for p in case.files if model[p] != want[p])
    if model_diff:  # not a verdict: the generator's model was wrong about buildah
        notes.append("model notes (generator's model vs buildah): " + ", ".join(
            "%s model %s, buildah %s" % (p, model[p], want[p]) for p in model_diff))
    head = "case %d (seed %s%s): " % (n, args.seed, ", attempt %d" % attempt if attempt else "")
    report = "\n".join([head + status, case.describe()] + notes +
                       ["reproduce: %s CTXSCAN --seed %s --only %d"
                        % (os.path.basename(__file__), args.seed, n)])
    if status != "agree" and args.keep_failures:
        keep = os.path.join(args.keep_failures, "case-%d" % n)
        remove(keep, keep + ".buildah-out")
        shutil.copytree(root, keep)
        shutil.copy(probe_file, keep + ".probe.Dockerfile")
        shutil.copytree(out, keep + ".buildah-out", symlinks=True)
        with open(keep + ".report.txt", "w") as f:
            f.write(report + "\n")
    remove(root, out, probe_file)
    return {"status": status, "report": report, "features": case.features,
            "model_ok": not model_diff, "secs": (time.monotonic() - start, build_secs, scan_secs)}


def preflight(env, work):
    """None when buildah can build FROM scratch here, else why not."""
    if shutil.which("buildah") is None:
        return "buildah not found"
    root = os.path.join(work, "preflight")
    os.makedirs(root)
    with open(os.path.join(root, "a.txt"), "w") as f:
        f.write("preflight\n")
    with open(os.path.join(root, "Dockerfile"), "w") as f:
        f.write("FROM scratch\nCOPY a.txt /a.txt\n")
    out = os.path.join(work, "preflight.out")
    rc, _, err = build({"env": env}, os.path.join(work, "storage-preflight"), root,
                       os.path.join(root, "Dockerfile"), out, "ctxscan-diff-preflight")
    if rc != 0 or not os.path.isfile(os.path.join(out, "a.txt")):
        return "buildah cannot build FROM scratch here (exit %s): %s" % (rc, err.strip()[-500:])
    return None


def cleanup_storage(env, storage):
    """Remove the private storage root the buildah way, then the directory."""
    if os.path.isdir(storage):
        run(buildah(storage, "rm", "--all"), env)
        run(buildah(storage, "rmi", "--all", "--force"), env)
        shutil.rmtree(storage, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ctxscan", help="path to the ctxscan binary")
    ap.add_argument("--cases", type=int, default=40)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--only", type=int, metavar="N", help="run case N only (to reproduce it)")
    ap.add_argument("--jobs", type=int, default=4,
                    help="concurrent cases (builds mostly wait, so more than the cores pays)")
    ap.add_argument("--keep-failures", metavar="DIR",
                    help="copy each failing case (context, probe, buildah's output) here")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every case")
    args = ap.parse_args()
    if not os.access(args.ctxscan, os.X_OK):
        sys.exit("buildah-diff: %s is not an executable" % args.ctxscan)
    args.ctxscan = os.path.abspath(args.ctxscan)
    if args.keep_failures:
        os.makedirs(args.keep_failures, exist_ok=True)
    numbers = [args.only] if args.only is not None else list(range(args.cases))

    # Rootless buildah leaves files of mapped owners; never fail on cleanup.
    with tempfile.TemporaryDirectory(prefix="buildah-diff-", ignore_cleanup_errors=True) as work:
        # buildah's temporary files go here too; no BUILDAH_*/STORAGE_* from
        # the caller (BUILDAH_LAYERS, STORAGE_OPTS...) changes the build.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("BUILDAH_", "STORAGE_", "CONTAINERS_"))}
        env.update(TMPDIR=work, XDG_CACHE_HOME=os.path.join(work, "cache"))
        storages = [os.path.join(work, "storage-%d" % j) for j in range(args.jobs)]
        ctx = {"work": work, "env": env, "storages": queue.Queue(), "rebuilt": []}
        for s in storages:
            ctx["storages"].put(s)
        try:
            why = preflight(env, work)
            if why:
                print("SKIP: " + why)
                return 77
            # Fill ctxscan's cache (the compiled rules) once, not in every job at once.
            rc, _, err = run([args.ctxscan, "scan", "--exit-zero", os.path.join(work, "preflight")],
                             env, timeout=300)
            if rc != 0:
                sys.exit("buildah-diff: ctxscan failed on a trivial context: " + err.strip())
            results, wall = [], time.monotonic()
            pool = concurrent.futures.ThreadPoolExecutor(args.jobs)
            try:
                futures = [pool.submit(run_case, args, ctx, n) for n in numbers]
                for n, fut in zip(numbers, futures):
                    try:
                        res = fut.result()
                    except Exception as e:  # a harness bug: show it, go on with the rest
                        res = {"status": "error", "report": "case %d crashed: %r" % (n, e),
                               "secs": None}
                    results.append(res)
                    if args.verbose:
                        print("case %d: %s" % (n, res["status"]), flush=True)
            finally:  # on ^C too: drop the queued cases
                pool.shutdown(cancel_futures=True)
            wall = time.monotonic() - wall
        finally:
            for s in storages + [os.path.join(work, "storage-preflight")]:
                cleanup_storage(env, s)

    failures = [r["report"] for r in results if r["status"] != "agree"]
    shown = failures[:20]
    if args.verbose:  # also agreeing cases where the generator's model was wrong
        shown += [r["report"] for r in results if r["status"] == "agree" and not r["model_ok"]]
    for text in shown:
        print(text + "\n")
    if len(failures) > 20:
        print("... %d more failing cases not shown\n" % (len(failures) - 20))
    if args.verbose:
        for text in ctx["rebuilt"]:
            print("regenerated after a failed build: " + text + "\n")
    counts = {s: sum(r["status"] == s for r in results) for s in ("agree", "disagree", "error")}
    timed = [r["secs"] for r in results if r["secs"]]
    if timed:
        print("buildah-diff: per case %.2f s mean, %.2f s max (buildah %.2f s, ctxscan %.3f s "
              "mean); %.1f s wall with %d jobs"
              % (statistics.mean(t[0] for t in timed), max(t[0] for t in timed),
                 statistics.mean(t[1] for t in timed), statistics.mean(t[2] for t in timed),
                 wall, args.jobs))
    features = {}
    for r in results:
        for f in r.get("features", ()):
            features.setdefault(f, [0, 0])[r["status"] == "agree"] += 1
    print("buildah-diff: features (cases disagreeing/agreeing): " + ", ".join(
        "%s %d/%d" % (f, bad, good) for f, (bad, good) in sorted(features.items())))
    print("buildah-diff: %d cases, %d agree, %d disagree, %d errors; %d builds regenerated; "
          "the generator's model matched buildah in %d" % (
              len(numbers), counts["agree"], counts["disagree"], counts["error"],
              len(ctx["rebuilt"]), sum(r.get("model_ok", False) for r in results)))
    if failures:
        print("buildah-diff: FAILED (seed %s)" % args.seed)
    return 0 if counts["agree"] == len(numbers) else 1


if __name__ == "__main__":
    sys.exit(main())
