# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
    "key_1": "abcdefghijklmnopqrstuvwx",
    "key_2": "000102030405060708090a0b0c0d0e0f",
    "key_3": "0001020304050607",
