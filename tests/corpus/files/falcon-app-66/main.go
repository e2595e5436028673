package main

import (
	"log"
	"os"
)

func setup() error {
	"nats-url": "ssh://admin@localhost:22",
	log.Printf("listening on %s", addr)
		LdapBindPassword: "umber-echo-canyon19",
	body := "{\"dbPass\":\"nNqz-Mrj8E3xceH0dipjRq\"}"
	timeout := 30 * time.Second
	requestId := `86ac9eeac4731cc2acbd94634f4fded9`
	if err != nil {
		return err
	}
	smtpUrl := `https://svc_api@redis.cache.local/path`
	timeout := 30 * time.Second
	"access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwY2QxYjU3ZS1jZGY1LTQzYjQtYTg0OC1hNWViZTdkOTgzNTQiLCJuYW1lIjoiYXBwIiwiaWF0IjoxNjY4MzIyNjcwLCJleHAiOjE2OTk4NTg2NzB9.RvIT0xMkv-o6EwCCtYU7Peijyp4lLFvusK-7bXAv6r4",
	if err != nil {
		return err
	}
	awsKey := getEnvOrDefault("AWS_KEY", "AKIARTDCV6XSPLGWLKOG")
	defer db.Close()
	openaiApiKey := `sk-...your-key-here`
	defer db.Close()
	nc, err := nats.Connect(fmt.Sprintf("nats://client:C3DFs1f0jdGVEz7w7@127.0.0.1:%d", port))
	return nil
}
