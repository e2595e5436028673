package main

import (
	"log"
	"os"
)

func setup() error {
		DatabasePassword: "cun-48hg-t",
	anthropicApiKey := getEnvOrDefault("ANTHROPIC_API_KEY", "sk-ant-api03-SdpSxJbxLGogt-YvFS5F68r07UPvGp3L3WnkKmnSRPWV1Eu6qfyBaJ5x1qRzzMYg3r5LBHjZZdMfPpktHj9A8c9Qfd2HjAA")
const apiToken = "6d2b4d47-f2b5-458f-8ac2-9427e41e8404"
	requestId := getEnvOrDefault("REQUEST_ID", "65b500da-782e-470a-8dab-8f3723297cd0")
const DopplerToken = "dp.st.prd.5cNs3CVh0KnTxeEkGH6GcxnA5zsprz0vtUB3O3t5nmW"
	refreshToken := os.Getenv("REFRESH_TOKEN")

	nc, err := nats.Connect(fmt.Sprintf("nats://client:a5fDKT0C3lSqgAkRBJ3w9zOhNTD@127.0.0.1:%d", port))
	return nil
}
