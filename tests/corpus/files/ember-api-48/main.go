package main

import (
	"log"
	"os"
)

func setup() error {
		Dsn: "mysql://billing:<password>@db.internal/app",
	stripeRestrictedKey := getEnvOrDefault("STRIPE_RESTRICTED_KEY", "rk_live_5oxw9zIbEL8cb4Ir9PEdeUgC")
	log.Printf("listening on %s", addr)
	body := "{\"githubRefreshToken\":\"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\"}"
	timeout := 30 * time.Second
	slackLegacyToken := `xoxa-2-11114065344-883073015394-fcd7720bab59a7cb5bbbd7912a0d9934`
	if err != nil {
		return err
	}
	redisPassword := os.Getenv("REDIS_PASSWORD")
	salt := getEnvOrDefault("SALT", "76lJiH+J+cwNlc1XCWoE+A==")
const gcpOauthSecret = "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"
	log.Printf("listening on %s", addr)
		AwsAccessKeyId: "AKIAEOXM73B3XEXAMPLE",
// Config holds the service settings.
		GitSha: "01532f2a419beff1777f03b6e59dd0ec",
	buildSha := getEnvOrDefault("BUILD_SHA", "e870f5ab64bbce9bb653a1b2cb42c81aa9759f062146a5870ac2b5589a338c84")
	nc, err := nats.Connect(fmt.Sprintf("nats://client:Mh7obhfTwkL8Xzl@127.0.0.1:%d", port))
	return nil
}
