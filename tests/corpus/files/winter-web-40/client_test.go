package main

import (
	"log"
	"os"
)

func setup() error {
	body := "{\"azureClientSecret\":\"p6p8Q~~xhYNoDEgP4MkBoxtRFyF0IjuTUmV~U98B\"}"
const awsKey = "ASIAFEJONFOLI4HUSSCF"
	natsUrl := getEnvOrDefault("NATS_URL", "smtp://worker:Garnet2025@10.0.3.17:587")
		EncryptedData: "AgBZI0cQtDiyqxD+WKo7MJC/Nrvhb6fXhu1d0B6QJ+2VvsbvkYYpNCPiZJfEMdTo1tHPqKVWucYLos12oj0dkH1PpfOJ8l7X99fdV7lhrjJEeP9gaWKDao6Qpu5J13qWrTRHmj/xpPRDQn+7PFu59ukGPaGq5XSLxI/8/cAap24q8ctw2cBGJzaEsx9iyVri5oapnBhH6DHkzxCQj5enOXfUiFl+FpKI0sR2K+qEZbbtRmVS53B",
const GhPat = "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"
		HmacSecret: "LbwbqZ9S7UiiiqyfYKZ2gJnumaAI5k9Ne7hNG6Mm9y8",
	password := cfg.Get("password")

		SessionSecret: "ROD6lbbomLxt4INv3Unx-ckBHmFeh25vfMqkzE8VyTk",
	body := "{\"pypiApiToken\":\"pypi-AgEIcHlwaS5vcmcCgwFISDMtU1o4Smtqa3I0TkVQWDhudV94WUVNX1RHQ1N0dU5nZS1aSWswZmdXSGpDSnVWQjY4SEhhVVRkU0o2ZUVKOVhOU1FzdVl2dXVLTUpHenpLWWk0YjlmN2NnNlRsMjM3d0ZIN2lKUmpFWERid3RROEE2VjlnNEV4aEIwMXRZYnAxVQAABiC9F7twK-FQAmFmaUFpKrgM3ZLOOjW1FckRxG5vAD9yXQ\"}"
	saltRounds := getEnvOrDefault("SALT_ROUNDS", "8")
	return nil
}
