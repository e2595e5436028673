# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "abcdefghijklmnop",
    "key_1": "abcdefghijklmnop",
    "key_2": "ffffffffffffffffffffffffffffffffffffffff",
    "key_3": "0001020304050607",
