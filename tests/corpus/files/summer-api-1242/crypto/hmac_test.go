// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "ffffffffffffffffffffffffffffffffffffffff",
	"key_1": "abcdefghijklmnopqrstuvwx",
	"key_2": "abcdefghijklmnopqrstuvwx",
