# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "0001020304050607",
    "key_1": "abcdefghijklmnop",
    "key_2": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
    "key_3": "ffffffffffffffffffffffffffffffff",
    "key_4": "000102030405060708090a0b0c0d0e0f",
