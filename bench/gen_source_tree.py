#!/usr/bin/env python3
"""Generates the scan benchmark's source-like trees from the text files of
/usr/include and /usr/share (on every Debian machine, so runs compare):

  large: at least FILES files and MB megabytes (defaults 50,000 and 500),
         the text files under 256 KiB taken in path order and cycled, 100 to
         a directory;
  small: FILES files under 2 KB each (default 100,000), cut from the same
         text, 100 to a directory;
  file:  one file, OUT_DIR/large.txt, of at least MB megabytes of the same
         text cycled (bench/run writes 2,000 MB).

Each tree gets a few planted fake credentials (so every scanner has
something to report) and no .dockerignore (everything is sent). Deterministic.

usage: gen_source_tree.py OUT_DIR --kind large|small|file [--files N] [--mb MB]
"""
import argparse
import os

from text_files import text_files

PLANTED = [
    "aws_access_key_id = AKIAZ3FAKE7QWERTY2MN\n",
    "GITHUB_TOKEN=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\n",
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACBGQUtFa2V5RkFLRWtleUZBS0VrZXlGQUtFa2V5RkFLRQAAAJgAAAAAAAAA\n"
    "-----END OPENSSH PRIVATE KEY-----\n",
    'slack_webhook: "https://hooks.slack.com/services/T0FAKE123/B0FAKE456/FAKEq7vLp2mWz9Rk3Xc8Yb5N"\n',
]


def write(out, index, name, data):
    d = os.path.join(out, "d%04d" % (index // 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d_%s" % (index, name)), "wb") as f:
        f.write(data)


def write_one_file(out, source, mb):
    """Writes OUT/large.txt: the source text cycled to at least MB megabytes,
    with a planted fake credential about every 100 MB."""
    total = 0
    planted = 0
    with open(os.path.join(out, "large.txt"), "wb") as f:
        while total < mb * 1000 * 1000:
            for _, data in source:
                if total >= planted * 100 * 1000 * 1000:
                    data = data + PLANTED[planted % len(PLANTED)].encode()
                    planted += 1
                f.write(data)
                total += len(data)
                if total >= mb * 1000 * 1000:
                    break
    print("%s: 1 file, %.1f MB" % (out, total / 1e6))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--kind", choices=["large", "small", "file"], required=True)
    ap.add_argument("--files", type=int)
    ap.add_argument("--mb", type=int, default=500)
    a = ap.parse_args()
    files = a.files or (50000 if a.kind == "large" else 100000)
    os.makedirs(a.out)
    index = 0
    total = 0
    source = [(os.path.basename(p), data) for p, data in text_files(256 * 1024)]
    if a.kind == "file":
        write_one_file(a.out, source, a.mb)
        return
    while True:
        for name, data in source:
            if a.kind == "small":
                # Cut the file into pieces under 2 KB at line ends.
                while data and index < files:
                    cut = data.rfind(b"\n", 0, 1900) + 1 or min(len(data), 1900)
                    piece, data = data[:cut], data[cut:]
                    if index % 5000 == 17:
                        piece = PLANTED[(index // 5000) % len(PLANTED)].encode()[:1900]
                    write(a.out, index, name, piece)
                    total += len(piece)
                    index += 1
                if index >= files:
                    break
            else:
                if index % 5000 == 17:
                    data = data + PLANTED[(index // 5000) % len(PLANTED)].encode()
                write(a.out, index, name, data)
                total += len(data)
                index += 1
                if index >= files and total >= a.mb * 1000 * 1000:
                    break
        else:
            continue
        break
    print("%s: %d files, %.1f MB" % (a.out, index, total / 1e6))


if __name__ == "__main__":
    main()
