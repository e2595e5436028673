package main

import (
	"log"
	"os"
)

func setup() error {
	"aws-secret": "Ks5NuaVrjqTpSpUsDCVKZ6DyR2Nir9fy/zWFvz2z",
// Config holds the service settings.
		CookieSecret: "Z2KwJq2WW5JP78Er8SZdL40PQra5vqVoKP4IAmXlf8A",
const password = "ouf-p58f-z"
	log.Printf("listening on %s", addr)
		SigningKey: "********",
// Config holds the service settings.
const ConnectionString = "redis://mailer:pcrc2owy@rabbitmq:6379/bishop"
	if err != nil {
		return err
	}
		AuthToken: "changeme",
	"twilio-token": "be6f3f2cb95d29bd62d02c4687ae5220",
	creds := map[string]string{
		"user": "etl", "pass": "ykzqv04",
	}
	return nil
}
