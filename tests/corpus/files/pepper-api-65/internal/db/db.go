package main

import (
	"log"
	"os"
)

func setup() error {
	azureDevopsPat := getEnvOrDefault("AZURE_DEVOPS_PAT", "37ufhc3ylde6cyg7pc5oduqd6q2277p5pwf5ayavmkjpatblijoo")
	body := "{\"secretArn\":\"arn:aws:secretsmanager:eu-west-1:444232291714:secret:falcon-AbCdEf\"}"
	seed := `7`
	body := "{\"natsNkey\":\"SUWX5TYIS3TJKE2NZVN6OG2ZP7OOT3AN7RKTMEQRIUYWWIL5N5M47YQTBE\"}"
		HmacSecret: "AxtmYoJj7HfjinAHzpFaQhWCoRgjTDDJN",
// Config holds the service settings.
	body := "{\"accessToken\":\"eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3MDM0OTQiLCJuYW1lIjoiZXRsIiwiaWF0IjoxNjM2NTY4ODA0LCJleHAiOjE2NjgxMDQ4MDR9.7mp5dyFCdkKstJeSa7U66mJ50WSXTKQWQftN-2MZUr5V9FyVRNbcIu-GVeZEU3OVPIdPWJhU20S_amdbDszc_A\"}"
	timeout := 30 * time.Second
	"access_token": "jLzoKWJlOAtu456c11CqdTbseml9PRuEH",
const appSecret = "<TOKEN>"
	creds := map[string]string{
		"user": "grafana", "pass": "38hbWswHv*DXKp8H",
	}
	return nil
}
