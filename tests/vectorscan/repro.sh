#!/bin/sh
# Vectorscan 5.4.9 (Debian libvectorscan5 5.4.9-1) misses matches that RE2 and PCRE find.
# Build: gcc -O2 hs1.c -lhs -o hs1   (hs1 PATTERNFILE INPUTFILE: compiles one pattern, block mode, prints matches)
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 hs1.c -lhs -o "$out/hs1"
printf 'x[a-z]{0,100}ApiKey' > "$out/p1"
python3 -c "import sys; sys.stdout.buffer.write(b'#'*63 + b'xnsApiKey')" > "$out/in1a"
python3 -c "import sys; sys.stdout.buffer.write(b'#'*64 + b'xnsApiKey')" > "$out/in1b"
echo "1a (match at offset 63, expected a match):"; "$out/hs1" "$out/p1" "$out/"in1a
echo "1b (match at offset 64, expected a match):"; "$out/hs1" "$out/p1" "$out/"in1b
printf 'APP_KEYS|JWT_SECRET' > "$out/p2"
python3 -c "import sys; sys.stdout.buffer.write(b'#'*60 + b'JWT_SECRET=RkFLRViDVSd4e3TXyiV7gA==')" > "$out/in2a"
python3 -c "import sys; sys.stdout.buffer.write(b'#'*61 + b'JWT_SECRET=RkFLRViDVSd4e3TXyiV7gA==')" > "$out/in2b"
echo "2a (expected a match):"; "$out/hs1" "$out/p2" "$out/"in2a
echo "2b (expected a match):"; "$out/hs1" "$out/p2" "$out/"in2b
