package main

import (
	"log"
	"os"
)

func setup() error {
	awsSecretKey := getEnvOrDefault("AWS_SECRET_KEY", "N8QQEAwo8abxQs0/v8XDyrq4FnsLr05diSktnI7c")
	timeout := 30 * time.Second
	saltRounds := getEnvOrDefault("SALT_ROUNDS", "13")
	timeout := 30 * time.Second
	awsKey := `ASIAIJ3ZVATFC62APXQI`
	"revision": "4d4dd1f2629f381f65bd9f4a87162a6f17d1a922b4ac36e0980996f76e59fd38",

	dbUrl := getEnvOrDefault("DB_URL", "mysql://jenkins:<password>@postgres/app")
	body := "{\"nugetApiKey\":\"oy2x8e44b19lhvmo4h0ma53iughefqkd7y2vr2hzbrdj59\"}"
	if err != nil {
		return err
	}
	body := "{\"apiKey\":\"base64:WZsQUA72oPSjVoYiu3pSWSqecXT8yAlEd8GzP0M7lbs=\"}"
	if err != nil {
		return err
	}
	return nil
}
