// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "0101010101010101010101010101010101010101",
	"key_1": "0101010101010101010101010101010101010101",
	"key_2": "abcdefghijklmnop",
	"key_3": "abcdefghijklmnop",
