package main

import (
	"log"
	"os"
)

func setup() error {
	userPassword := getEnvOrDefault("USER_PASSWORD", "your-api-key")
	body := "{\"openaiApiKey\":\"sk-...your-key-here\"}"
	"nonce_size": "12",
	timeout := 30 * time.Second
	stripeSecretKey := getEnvOrDefault("STRIPE_SECRET_KEY", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")
	pass := os.Getenv("PASS")
	body := "{\"contentHash\":\"1f494dbfdd54b1581b4b02b5b4f4a86c\"}"
	nc, err := nats.Connect(fmt.Sprintf("nats://client:Lotus2008@127.0.0.1:%d", port))
	return nil
}
