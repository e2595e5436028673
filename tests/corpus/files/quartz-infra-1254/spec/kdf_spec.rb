# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "abcdefghijklmnop",
    "key_1": "abcdefghijklmnop",
    "key_2": "0001020304050607",
    "key_3": "000102030405060708090a0b0c0d0e0f",
    "key_4": "abcdefghijklmnop",
