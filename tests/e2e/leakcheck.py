"""Every output of every ctxscan run in an end-to-end test module is searched
for the secrets that module plants; finding one fails the test, unless the
run asked for --show-secrets.

Use: `leakcheck.install(CTXSCAN, __file__, extra=[...])` once the binary's
path is known. It wraps subprocess.run: a run whose command line holds the
binary (directly, or under setpriv and the like) has its stdout and stderr,
the report it wrote (-o/--output) and the clean-up plan (--remediate; not
its replacement list, which holds the secrets by design) checked.

Planted secrets are the module's constants of the test rules' shapes
(tok_…, low_…, secretpass=…) found in its source, plus `extra` (secrets of
the default rules the module plants)."""
import atexit
import os
import sys
import re
import subprocess

_SHAPES = [re.compile(rb"\btok_[A-Za-z0-9]{20}\b"), re.compile(rb"\blow_[A-Za-z0-9]{12}\b"),
           re.compile(rb"secretpass=([A-Za-z0-9]{10,40})")]
# Low-entropy shapes the test rules reject: never findings, never secrets.
_NOT_SECRETS = {b"tok_aaaaaaaaaaaaaaaaaaaa"}
_real_run = subprocess.run
CHECKED = {"runs": 0}


def planted_in(source_path):
    with open(source_path, "rb") as f:
        text = f.read()
    found = set()
    for shape in _SHAPES:
        for m in shape.finditer(text):
            found.add(m.group(1) if m.groups() else m.group(0))
    return found - _NOT_SECRETS


def _option_value(argv, names):
    for i, a in enumerate(argv):
        for n in names:
            if a == n and i + 1 < len(argv):
                return argv[i + 1]
            if a.startswith(n + "="):
                return a[len(n) + 1:]
    return None


def install(binary, source_path, extra=()):
    secrets = planted_in(source_path) | {s.encode() if isinstance(s, str) else s for s in extra}
    binary = os.path.realpath(binary)

    def run(argv, *args, **kwargs):
        result = _real_run(argv, *args, **kwargs)
        if not isinstance(argv, (list, tuple)):
            return result
        argv = [str(a) for a in argv]
        if not any(os.path.realpath(a) == binary for a in argv if os.path.sep in a or a == binary):
            return result
        if "--show-secrets" in argv:
            return result
        outputs = {"stdout": result.stdout or b"", "stderr": result.stderr or b""}
        cwd = kwargs.get("cwd") or "."
        for what, names in (("report", ("-o", "--output")), ("plan", ("--remediate",))):
            path = _option_value(argv, names)
            if path and path != "-":
                full = os.path.join(cwd, path)
                if os.path.isfile(full):
                    with open(full, "rb") as f:
                        outputs[what] = f.read()
        CHECKED["runs"] += 1
        for name, data in outputs.items():
            if isinstance(data, str):
                data = data.encode()
            for s in secrets:
                if s in data:
                    raise AssertionError("planted secret %s… leaked in the %s of: %s" %
                                         (s[:6].decode(errors="replace"), name, " ".join(argv)))
        return result

    subprocess.run = run
    atexit.register(lambda: print("leakcheck: %d ctxscan run(s) searched for %d planted secret(s)" %
                                  (CHECKED["runs"], len(secrets)), file=sys.stderr))
