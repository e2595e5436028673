// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
	"key_1": "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
	"key_2": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	"key_3": "ffffffffffffffffffffffffffffffffffffffff",
	"key_4": "0001020304050607",
