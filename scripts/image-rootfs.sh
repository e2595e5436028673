#!/usr/bin/env bash
# Lays out the root filesystem of ctxscan's own image (Containerfile) in
# OUT/rootfs: the binary as /usr/bin/ctxscan, exactly the shared libraries it
# loads (ldd, at the paths the loader looks for them), the CA certificates
# (registry pulls over TLS), a passwd and group entry for user 65532 and
# /tmp (standard input is spooled there); and in OUT/home, empty, the
# user's home (the rule cache), which the Containerfile copies in with the
# user as its owner. Nothing else: no shell, no package manager.
# usage: scripts/image-rootfs.sh BINARY OUT
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BINARY OUT" >&2; exit 2; }
binary=$1
out=$2/rootfs
mkdir -p "$out/usr/bin" "$out/etc/ssl/certs" "$out/tmp" "$2/home"
cp "$binary" "$out/usr/bin/ctxscan"
chmod 0755 "$out/usr/bin/ctxscan"
# "libx.so.1 => /lib/x86_64-linux-gnu/libx.so.1 (0x...)" and the loader
# "/lib64/ld-linux-x86-64.so.2 (0x...)": copy each to its path.
ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
  sort -u | while read -r lib; do
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
cp -L /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
chmod 0700 "$2/home"
chmod 1777 "$out/tmp"
