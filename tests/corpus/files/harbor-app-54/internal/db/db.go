package main

import (
	"log"
	"os"
)

func setup() error {
const authHeader = "Basic YXBpOllvM3VQeElFUXRXUXJpbXJ0NFp0WkROdkZJRA=="
	authorization := getEnvOrDefault("AUTHORIZATION", "Basic <base64(user:password)>")
	contentHash := `d623f23a7b2c2a940b9f6d58c0f1abfd9a57333f`
	timeout := 30 * time.Second
	triggerToken := `glptt-3582e2ab36797bd02f666cd76dbf032e61406976`
	"session-secret": "base64:Pmm/RrWiL4UoZfwaTPK9YCZq9SowHpv/qr8pz6u77Qk=",

	body := "{\"token\":\"eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MTM3NDEiLCJuYW1lIjoicmVwb3J0IiwiaWF0IjoxNjI2MTQ4NjM3LCJleHAiOjE2NTc2ODQ2Mzd9.gk2Hq_zr3P-O1v_MV9rTfPFzh8gjJa5M8jbPMkD2cla8z4Wym9zmkOq7fHkeURLbGLm0PdczC2aHqnNBwJXYtA\"}"

	"connection-string": "host=127.0.0.1 port=5432 dbname=river user=postgres password=ywit45",
	defer db.Close()
const RedisPassword = "%(password)s"
const repoUrl = "https://oauth2:glpat-dJKvHTYjipwU38xAy3tK@gitlab.example.com/acme/walnut.git"
// Config holds the service settings.
	return nil
}
