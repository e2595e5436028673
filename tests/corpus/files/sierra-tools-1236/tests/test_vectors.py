# Known-answer test vectors: fixed inputs, published alongside the algorithm.
    "key_0": "0001020304050607",
    "key_1": "0001020304050607",
    "key_2": "abcdefghijklmnop",
    "key_3": "0101010101010101010101010101010101010101",
    "key_4": "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
