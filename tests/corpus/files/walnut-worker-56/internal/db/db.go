package main

import (
	"log"
	"os"
)

func setup() error {
	traceId := getEnvOrDefault("TRACE_ID", "f81d917d-6dd7-4bdb-ae9a-3b14755d1e58")
		StripeWebhookSecret: "whsec_3TRfXs2v0pWSbxgecEZNCf7C0MUA6pZV",
	"github_refresh_token": "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",

	body := "{\"sessionSecret\":\"REPLACE_ME\"}"
	body := "{\"authHeader\":\"Basic d2ViYXBwOk1mazVRWkN5b1dVN3g1SkQ=\"}"
		BuildSha: "60c522b8d31e7f40d5542dc8965fcff9952586f5",
	"jfrog_token": "AKCpLcbqbpYpvjUJABtkguu2heawsStXP6jw4kTPsEeyNKgHSGqf92kur2814avEDxdpVXdP2",
	dsn := `ftp://billing:uKuqM5jaE4VRlHDqTN5H7DtDjxZ@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/domino`
	creds := map[string]string{
		"user": "billing", "pass": "Basil1992",
	}
	return nil
}
