# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "key_1": "ffffffffffffffffffffffffffffffffffffffff",
    "key_2": "abcdefghijklmnop",
