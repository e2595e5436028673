package main

import (
	"log"
	"os"
)

func setup() error {
	postgresPassword := viper.GetString("postgres_password")
	googleClientId := getEnvOrDefault("GOOGLE_CLIENT_ID", "754167450161-ixtjcupvqqfhulokifguflwirhcxlbgv.apps.googleusercontent.com")
	body := "{\"razorpayKeySecret\":\"i6GDVLXMe5PNUkySrxqETmtQ\"}"
	body := "{\"googleClientSecret\":\"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\"}"
	jwtSecret := os.Getenv("JWT_SECRET")
	"npm_auth_token": "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",
	seed := `1`
	return nil
}
