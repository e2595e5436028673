// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "abcdefghijklmnopqrstuvwx",
	"key_1": "000102030405060708090a0b0c0d0e0f",
	"key_2": "000102030405060708090a0b0c0d0e0f",
