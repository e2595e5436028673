// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	"key_1": "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
	"key_2": "0001020304050607",
