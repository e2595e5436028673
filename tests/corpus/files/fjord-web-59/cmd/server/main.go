package main

import (
	"log"
	"os"
)

func setup() error {
		ServiceToken: "GQH9Zhelwi1wZVd9-YmYebBRYcuvhc723o7uer1qGaI",
		JdbcUrl: "jdbc:mysql://localhost:3306/saffron?user=etl&password=qBdS3z3dv1eYBn6NdJYa&useSSL=true",
	firebaseApiKey := `AIzab-oA1qQUgJpVZ2gotQI89If2buyfyCizfPA`
	body := "{\"stripePublishableKey\":\"pk_live_ZSs0wpLcPwhUmXLXPluqe7AY\"}"
		NonceSecret: "2149e110290ec1ed154e523c",
	slackWebhookUrl := `https://hooks.slack.com/services/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`

	secretKey := getEnvOrDefault("SECRET_KEY", "changeme")
	creds := map[string]string{
		"user": "webapp", "pass": "Falcon2012",
	}
	return nil
}
