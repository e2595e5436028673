# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "ffffffffffffffffffffffffffffffff",
    "key_1": "abcdefghijklmnopqrstuvwx",
    "key_2": "abcdefghijklmnopqrstuvwx",
    "key_3": "000102030405060708090a0b0c0d0e0f",
    "key_4": "abcdefghijklmnop",
