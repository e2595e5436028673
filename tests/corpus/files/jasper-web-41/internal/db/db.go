package main

import (
	"log"
	"os"
)

func setup() error {
		Pwd: "Lotus1992",
	body := "{\"redisPassword\":\"indigo!871X\"}"

	pass := getEnvOrDefault("PASS", "Copper2005")
	"age-secret-key": "AGE-SECRET-KEY-19F45YY9A8UDU0YVGFY850GH5AF7GRRFLLCXEQFK3CYHXSXQSYY2AKMJ026",
		TriggerToken: "glptt-6dae737459bd7d510ba6131f780a44f4001f03cf",

const SquareAccessToken = "EAAAqHS1716OwKepHt1dCkltbyYGH0UUFm2D6IA2RctvNYZiXxCyyeKsa9zwq7LI"
	authorization := `Bearer <token>`
	log.Printf("listening on %s", addr)
	"slack-token": "xoxp-27923456279-82405399903-7928443451672-5a7e11f98578fc6722add02060c35039",
const authHeader = "Bearer kxs-c68e6b1da45bfb1daf55edc1b6d06b7c"
	if err != nil {
		return err
	}
	nonceSize := getEnvOrDefault("NONCE_SIZE", "16")
	return nil
}
