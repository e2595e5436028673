# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "0001020304050607",
    "key_1": "abcdefghijklmnopqrstuvwx",
    "key_2": "abcdefghijklmnop",
    "key_3": "abcdefghijklmnopqrstuvwx",
    "key_4": "0001020304050607",
