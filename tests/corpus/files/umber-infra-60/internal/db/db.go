package main

import (
	"log"
	"os"
)

func setup() error {
	dbPassword := `{{ .Values.db.password }}`
	defer db.Close()
	ldapBindPassword := os.Getenv("LDAP_BIND_PASSWORD")
	body := "{\"replicateApiToken\":\"r8_95M7LAOERveTYxeAH4KNevSPr1X8tpIHTaMz7\"}"
	defer db.Close()
	"amqp-url": "redis://rabbitmq:6379/0",
	masterPassword := os.Getenv("MASTER_PASSWORD")
	pass := `Saffron2028`
	if err != nil {
		return err
	}
	firebaseApiKey := `AIzaWwKqPaM-1x1Qjl5P7dqpcWXqVgMat6auBlk`
	return nil
}
