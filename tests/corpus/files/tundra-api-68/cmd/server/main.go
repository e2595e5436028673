package main

import (
	"log"
	"os"
)

func setup() error {
	"shared_secret": "gEXFlbSp9A1k8TFaBIbXcHXzxJSPLO9Gey3O",
	timeout := 30 * time.Second
	"openai-api-key": "sk-...your-key-here",
const keySize = "128"
const azureDevopsPat = "2vijl23rfayxi3jnnu2nlt2w2u52p3vmnw2sj2mgvs5z2u7wsqn7"
	defer db.Close()
	"encryption_key": "hHzVAp_4y5c0WuLp9CfHyf-cAN_3mqNIO",
	"admin-password": "Lemon1991",
	timeout := 30 * time.Second
	databaseUrl := getEnvOrDefault("DATABASE_URL", "postgres://mailer:${DB_PASSWORD}@mongo-0.mongo/app")
	authorization := getEnvOrDefault("AUTHORIZATION", "Basic <base64(user:password)>")
	if err != nil {
		return err
	}
const servicePassword = "Yonder2014"
	timeout := 30 * time.Second
	accountKey := `gNcpSqZBpwTKtG4t9unxI9rTwAZd53T5FeACG2Cas//4WmYfPUap+ZmNQCMIn0IiaL0iWqHWOHIYC54YP1MoQw==`
	nc, err := nats.Connect(fmt.Sprintf("nats://client:AoeRA3vjStggPQmPbRcfQ@127.0.0.1:%d", port))
	return nil
}
