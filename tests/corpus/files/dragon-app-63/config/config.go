package main

import (
	"log"
	"os"
)

func setup() error {
	"rabbitmq-pass": "umber!670F",
	timeout := 30 * time.Second
	body := "{\"mfaSeed\":\"HQNGY43OIJXQXUEN\"}"

	body := "{\"repoUrl\":\"https://oauth2:glpat-IAw7wTm9sWvxerb3jgG5@gitlab.example.com/acme/harbor.git\"}"
	timeout := 30 * time.Second
const MailPass = "tgbk78"
		DatabasePassword: "${{ secrets.API_TOKEN }}",
const md5 = "3a8cfe0be68427ef68dc11af36a5b91e"
	"firebase-api-key": "AIzaMN9paGMGerOaqN1wv13-IfnPD32RovYxAC6",
	return nil
}
