#!/usr/bin/env python3
"""Writes a container image as an OCI image layout: the image workload of
bench/run. Each of --layers layers is a gzip-compressed tar of text files
taken from /usr/share and /usr/include (in sorted order, deterministic),
under a directory of its own, until the layers hold --mb megabytes of
files in all; a few fake credentials are planted, one of them deleted again
by a whiteout in the last layer. Also writes OUT_DIR/bench-size.json (files
and uncompressed bytes, for the table) and OUT_DIR/layers.txt (the layer
blobs, for the floor: decompressing each of them).

usage: gen_image.py OUT_DIR [--layers 10] [--mb 1000]
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import tarfile

PLANTED = [
    ("app/.env", b"DATABASE_PASSWORD=Xr4e9QmZt2Lw8Ks1\n"),
    ("app/config/settings.py", b'AWS_SECRET_ACCESS_KEY = "b3Jx9k2LmQ7vT1wZp8sN4yR6uE0aC5dHf2gJ7iKo"\n'),
]


def text_files():
    for root in ("/usr/share", "/usr/include"):
        for d, dirs, files in os.walk(root):
            dirs.sort()
            for f in sorted(files):
                p = os.path.join(d, f)
                try:
                    if os.path.islink(p) or not os.path.isfile(p) or os.path.getsize(p) > (1 << 20):
                        continue
                    with open(p, "rb") as fh:
                        data = fh.read()
                except OSError:
                    continue
                if b"\0" in data[:8192]:
                    continue
                yield p.lstrip("/"), data


def blob(out, data):
    digest = hashlib.sha256(data).hexdigest()
    path = os.path.join(out, "blobs", "sha256", digest)
    with open(path, "wb") as f:
        f.write(data)
    return "sha256:" + digest, path


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--layers", type=int, default=10)
    ap.add_argument("--mb", type=int, default=1000)
    args = ap.parse_args()
    os.makedirs(os.path.join(args.out, "blobs", "sha256"), exist_ok=True)
    per_layer = args.mb * 1000 * 1000 // args.layers
    source = text_files()
    layers, diff_ids, floor_paths = [], [], []
    files = total = 0
    for i in range(args.layers):
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            size = 0
            if i == 0:
                for name, data in PLANTED:
                    add(tar, name, data)
            if i == args.layers - 1:
                add(tar, "app/.wh..env", b"")
            while size < per_layer:
                try:
                    name, data = next(source)
                except StopIteration:
                    source = text_files()
                    name, data = next(source)
                add(tar, "layer%d/%s" % (i, name), data)
                size += len(data)
                files += 1
            total += size
        tar_bytes = raw.getvalue()
        diff_ids.append("sha256:" + hashlib.sha256(tar_bytes).hexdigest())
        digest, path = blob(args.out, gzip.compress(tar_bytes, compresslevel=6, mtime=0))
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                       "digest": digest, "size": os.path.getsize(path)})
        floor_paths.append(path)
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/usr/bin", "API_TOKEN=ghp_8fK2mQ9xLw4Zt7Rv1Ns6Yb3Pc5Hd0Jg2Ea9W"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created_by": "COPY layer%d /" % i} for i in range(args.layers)]}).encode()
    cfg, cfg_path = blob(args.out, config)
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cfg,
                   "size": len(config)},
        "layers": layers}).encode()
    man, _ = blob(args.out, manifest)
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": man,
             "size": len(manifest)}]}, f)
    with open(os.path.join(args.out, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion": "1.0.0"}')
    with open(os.path.join(args.out, "layers.txt"), "w") as f:
        f.write("".join(p + "\n" for p in floor_paths))
    with open(os.path.join(args.out, "bench-size.json"), "w") as f:
        json.dump({"files": files, "bytes": total}, f)


if __name__ == "__main__":
    main()
