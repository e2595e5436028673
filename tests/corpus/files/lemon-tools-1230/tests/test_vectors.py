# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "abcdefghijklmnopqrstuvwx",
    "key_1": "abcdefghijklmnop",
    "key_2": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "key_3": "abcdefghijklmnopqrstuvwx",
