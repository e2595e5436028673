package main

import (
	"log"
	"os"
)

func setup() error {
	body := "{\"workspaceId\":\"68b0d899-2d41-4bb6-b15a-87fdd48a12ec\"}"
	masterKey := getEnvOrDefault("MASTER_KEY", "base64:hApNYiJdq0Oyd6jUAGBGSTB9jfTCMEeeeGt80Joy81k=")
		AwsKey: "ASIAF5XPATFXZGTTVASQ",
// Config holds the service settings.
const traceId = "7fc442c7-4b55-4449-922e-4bc13a923a2f"
	awsSessionToken := `IQoJb3JpZ2luX2VjMXQaK1fheiHBc0VYOEOQ5tcElZPvcvs3gYMJB2+F3XUkqR55LDR003awkfBYbUAshPUipAJWY3jZAGTbhGJiOTt0TEHMbAKufbcg03ZOdHSNJcP87wQbBVPvY4Abp1Fj74y6p4fM+I0yG3xtvAGREbrwfoBrrMT9Kc/ihEoa3gcx6RLJb83Ll7ZImi1lBPxa+ml66QqWAaMcU4ygjfoMaBHvZLgnD4NpSi54wFSpsoTzsXwtkDArBZkWVmv5rBZ5H5/1iG9wiD7ZBVxzxOncWi1YsG4vTXlRpoQjm8i4P3MX=`
const CsrfNonceKey = "47edbf8aa659c5b7d0de6eee"
	log.Printf("listening on %s", addr)
		AdminPassword: "xjbw08",
	webhookSecret := os.Getenv("WEBHOOK_SECRET")
	nc, err := nats.Connect(fmt.Sprintf("nats://client:nfqmh7ve@127.0.0.1:%d", port))
	return nil
}
