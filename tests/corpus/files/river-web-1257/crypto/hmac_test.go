// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "0001020304050607",
	"key_1": "ffffffffffffffffffffffffffffffff",
	"key_2": "0001020304050607",
