# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "key_1": "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
    "key_2": "000102030405060708090a0b0c0d0e0f",
    "key_3": "0001020304050607",
    "key_4": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
