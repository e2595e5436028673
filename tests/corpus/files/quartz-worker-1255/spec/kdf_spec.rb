# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "abcdefghijklmnopqrstuvwx",
    "key_1": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "key_2": "abcdefghijklmnopqrstuvwx",
    "key_3": "ffffffffffffffffffffffffffffffffffffffff",
    "key_4": "ffffffffffffffffffffffffffffffffffffffff",
