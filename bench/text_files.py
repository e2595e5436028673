"""The benchmark corpus shared by the generators: every text file (no NUL
byte, non-empty, under `limit` bytes, not a symlink) under /usr/include and
/usr/share, in path order. Present on every Debian machine, so runs compare."""
import os

ROOTS = ["/usr/include", "/usr/share"]


def text_files(limit):
    """Yields (path, bytes) for each text file, in path order."""
    for root in ROOTS:
        for d, subdirs, files in os.walk(root):
            subdirs.sort()
            for name in sorted(files):
                p = os.path.join(d, name)
                if os.path.islink(p) or not os.path.isfile(p):
                    continue
                try:
                    if not 0 < os.path.getsize(p) < limit:
                        continue
                    with open(p, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                if b"\0" not in data:
                    yield p, data
