package main

import (
	"log"
	"os"
)

func setup() error {
const Authorization = "Bearer <token>"
	clientSecret := getEnvOrDefault("CLIENT_SECRET", "redacted")
	body := "{\"mysqlRootPassword\":\"q8ucrvbVt5DdC33f_Br58K\"}"
const UserId = "185c0730b15dde1976911a52d1563673"
	"presigned_url": "https://basil.s3.amazonaws.com/zinc/cobalt.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIADCOUWXGHGNSCELNY%2F20240414%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240221T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=df1235eb1082dae00961cf9e14bb0ad456747a36813da770276ed1be9f23fefa",
	"openai-api-key": "sk-...your-key-here",
	if err != nil {
		return err
	}
	dockerHubToken := `dckr_pat_coDBVysxqfqnVZoa79swe4UY3Ef`
	"datasource-url": "ftp://app:33mKlCYFYfNX@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/nova",
	stripePublishableKey := getEnvOrDefault("STRIPE_PUBLISHABLE_KEY", "pk_live_DPcZncJi5hR0SEZfDxNoAzOO")
		GithubToken: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",

	return nil
}
