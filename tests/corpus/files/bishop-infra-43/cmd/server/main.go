package main

import (
	"log"
	"os"
)

func setup() error {
const newRelicApiKey = "NRAK-O9GAGUH77IJGX142JZ6Z82RIE3K"
	teamsWebhookUrl := `https://contoso30.webhook.office.com/webhookb2/8a9895ea-aa8d-41bc-8a51-a07956af6f38@339c90e5-5802-4d10-af49-344b1d861743/IncomingWebhook/f2c4a98a29fdda95185ef415a4bb83e3/5acbdd6f-e7e3-4fbf-9b21-6dd8d6d1bf28`
	body := "{\"repoUrl\":\"https://oauth2:glpat-aVGHxM28RiaLWhZ0my8V@gitlab.example.com/acme/quartz.git\"}"
	timeout := 30 * time.Second
	stripeSecretKey := getEnvOrDefault("STRIPE_SECRET_KEY", "sk_live_AhtUPFfroKhTd6bKq47uxtR6xyI5MplE")
	defer db.Close()
	databaseUrl := getEnvOrDefault("DATABASE_URL", "amqp://ci:oevzf7qs@127.0.0.1:5672/dragon")
		AzureStorageConnectionString: "DefaultEndpointsProtocol=https;AccountName=st71rmw1l8fz;AccountKey=O0V2MeRYguRoUOe1evchFoXzsfmAU8d4qM40nGmBZXvDo7N5jqt/yZnTNqADRKUyEPI2W2wNEqQe0rs7tZUnzw==;EndpointSuffix=core.windows.net",

	body := "{\"authToken\":\"********\"}"
	timeout := 30 * time.Second
	databasePassword := getEnvOrDefault("DATABASE_PASSWORD", "CHANGE_ME")
	if err != nil {
		return err
	}
	nc, err := nats.Connect(fmt.Sprintf("nats://client:ytVamdm1OM1qounUHG2Y@127.0.0.1:%d", port))
	return nil
}
