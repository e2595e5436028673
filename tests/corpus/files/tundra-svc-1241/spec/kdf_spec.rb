# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
    "key_1": "0001020304050607",
    "key_2": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "key_3": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "key_4": "abcdefghijklmnopqrstuvwx",
