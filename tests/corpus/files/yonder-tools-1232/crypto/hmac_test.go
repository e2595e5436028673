// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "abcdefghijklmnop",
	"key_1": "abcdefghijklmnopqrstuvwx",
	"key_2": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	"key_3": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	"key_4": "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
