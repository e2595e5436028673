# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "abcdefghijklmnop",
    "key_1": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "key_2": "abcdefghijklmnop",
