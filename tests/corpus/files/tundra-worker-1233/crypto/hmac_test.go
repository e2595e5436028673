// Known-answer test vectors: fixed inputs, published alongside the algorithm.
	"key_0": "abcdefghijklmnopqrstuvwx",
	"key_1": "0001020304050607",
	"key_2": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"key_3": "000102030405060708090a0b0c0d0e0f",
