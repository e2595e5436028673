#!/usr/bin/env python3
"""Makes clearly fake but well-formed tokens for rule examples and tests.

  fake-token.py crc PREFIX BODY_LEN   prefix + base62 body + 6-char CRC32
                                      (GitHub/npm format), e.g. crc ghp_ 30
  fake-token.py rand ALPHABET LEN     random string; ALPHABET is one of
                                      base62, hex, HEX, base64, base64url, alnum-upper
Bodies start with "FAKE" (or "fake" where the alphabet is lowercase) so a
reader sees at once that the value is made up. Deterministic per --seed.
"""
import argparse
import random
import zlib

ALPHABETS = {
    "base62": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "hex": "0123456789abcdef",
    "HEX": "0123456789ABCDEF",
    "base64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "base64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    "alnum-upper": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}


def base62(n, width=6):
    digits = ALPHABETS["base62"]
    out = ""
    while n:
        out = digits[n % 62] + out
        n //= 62
    return out.rjust(width, "0")


def body(rng, alphabet, length):
    marker = "FAKE" if "F" in alphabet else ("fake" if "k" in alphabet else "")
    if not set(marker) <= set(alphabet):
        marker = ""
    rest = "".join(rng.choice(alphabet) for _ in range(length - len(marker)))
    return (marker + rest)[:length]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["crc", "rand"])
    ap.add_argument("a")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--count", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for _ in range(a.count):
        if a.kind == "crc":
            b = body(rng, ALPHABETS["base62"], a.n)
            print(a.a + b + base62(zlib.crc32(b.encode())))
        else:
            print(body(rng, ALPHABETS[a.a], a.n))


if __name__ == "__main__":
    main()
