package main

import (
	"log"
	"os"
)

func setup() error {
	"admin_password": "INIwfNzaouo.yM^CY7.4",
// Config holds the service settings.
	body := "{\"authorization\":\"Bearer 0MgycQRQ62VkjiU5VTJSmyhyxuuEE2GSsg6KF15y\"}"
	if err != nil {
		return err
	}
	icon := `data:image/png;base64,iVBORw0KGgok1MbnKy1AI/kFlO2Zlv+fyfW6t7Kb5brigHI3yUj/9AJOXOfPTeccC1OgXig6nGrwsZrsTQBfYYf9c/isZhTibLAOOcVa0XaUtGECWJTQ5wi9zok8kcHycLb`
		GcpOauthSecret: "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",
	awsSecret := getEnvOrDefault("AWS_SECRET", "X4nMaXr4k4EhBV0mgZaP4BBMhEN8TerWZZBeo6QG")
	accessToken := os.Getenv("ACCESS_TOKEN")
		PresignedUrl: "https://ember.s3.amazonaws.com/fjord/canyon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIATRPJYVFT5RM2AMMH%2F20240717%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240911T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=4b7d74c38fa8b9be8b9a9cf14eb4558d6cfe61ecc628444ebb33d4a7a53bfe08",
	creds := map[string]string{
		"user": "sync", "pass": "QeJBfPSnKdCgG_6p6hC8",
	}
	return nil
}
