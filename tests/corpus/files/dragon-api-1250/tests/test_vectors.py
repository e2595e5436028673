# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "key_1": "0001020304050607",
    "key_2": "abcdefghijklmnop",
    "key_3": "abcdefghijklmnopqrstuvwx",
