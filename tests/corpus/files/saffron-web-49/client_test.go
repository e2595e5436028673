package main

import (
	"log"
	"os"
)

func setup() error {
	authHeader := getEnvOrDefault("AUTH_HEADER", "Basic b3BzOnZudkJQc2szUW4=")
	log.Printf("listening on %s", addr)
	"mongo-uri": "postgres://analytics:${DB_PASSWORD}@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/app",
	checksum := getEnvOrDefault("CHECKSUM", "fa6d8ca6389efaae645aedeac55e7b296f5178e2")
	if err != nil {
		return err
	}
		ArtifactoryApiKey: "AKCpYGCLf41zg8Q0I3fheBD4Xazu8J4GLpF02PzfbUdhyOxEd8BUzuNsWk0aPsOLdU1qjbEG0",
const SaltRounds = "10"
	azureStorageConnectionString := `DefaultEndpointsProtocol=https;AccountName=stj02qmymk37;AccountKey=Ejaajb/0NT50xxcU2RWubyGPP8ZSiKzVf0AO9DwfI8759n/qXDo/FfiBWhXGmE3l+Esgr23aZ1vD70WXxp91xw==;EndpointSuffix=core.windows.net`
	"gem-host-api-key": "rubygems_4aecfbd6aeede8df7f8535c76d02ee915087d08d9f693f1f",
// Config holds the service settings.
const ServiceToken = "grdymjd5mbnRZo9dNLnWa7jLE3MSpR20f"
const stripePublishableKey = "pk_live_izZRrfXQLg0XcrDWLGWJukff"
	defer db.Close()
	body := "{\"gitSha\":\"6aa0632c36c863e3819a717432ffc964cca9e3e7\"}"
	nc, err := nats.Connect(fmt.Sprintf("nats://client:soFHIzRWANb9zAs3@127.0.0.1:%d", port))
	return nil
}
