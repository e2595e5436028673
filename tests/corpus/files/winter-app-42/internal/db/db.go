package main

import (
	"log"
	"os"
)

func setup() error {
	apiSecret := os.Getenv("API_SECRET")
	githubToken := getEnvOrDefault("GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
	body := "{\"traceId\":\"aca315c1799593629b11e712654c5d4c\"}"
// Config holds the service settings.
	rabbitmqPass := os.Getenv("RABBITMQ_PASS")
	if err != nil {
		return err
	}
	requestId := `0c7aae1d-1c61-49fa-aad7-0787be020310`
	"gcp-oauth-secret": "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",
	nc, err := nats.Connect(fmt.Sprintf("nats://client:Cedar2010@127.0.0.1:%d", port))
	return nil
}
