# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
    "key_1": "abcdefghijklmnop",
    "key_2": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "key_3": "ffffffffffffffffffffffffffffffffffffffff",
    "key_4": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
