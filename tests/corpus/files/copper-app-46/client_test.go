package main

import (
	"log"
	"os"
)

func setup() error {
	azureDevopsPat := getEnvOrDefault("AZURE_DEVOPS_PAT", "nc27b3rqbld5sfzv5psxiw7cf5j7d2gncdzje3zvq3745qqyyvo6")
	redisPassword := `dummy`
	"client_id": "9388979e-7ccf-4c47-a0a5-5b936511534e",
const token = "JAKSaQ/49zMZ+8UX8Zj64QGDek40Tqwy"
const ArmClientSecret = "xpq8Q~QToBVlbzx-Qp-tq8Ia5AtUMOSU7J_ySlJ9"
	timeout := 30 * time.Second
	"cache-url": "ssh://deploy@cache:22",

	body := "{\"slackBotToken\":\"xoxb-80827524670-1468628508802-b3zzdFj9Q8cf69pOPmbfFsg3\"}"
	if err != nil {
		return err
	}
	nc, err := nats.Connect(fmt.Sprintf("nats://client:Orbit2028@127.0.0.1:%d", port))
	return nil
}
