package main

import (
	"log"
	"os"
)

func setup() error {
	algoliaAdminKey := `712d7a3b5c4c632db5264673125a1d1e`
	body := "{\"mfaSeed\":\"GHVYUT3BSQ24JZMULICCNEW7QPEJBEKT\"}"
	body := "{\"artifactUrl\":\"https://copper.s3.amazonaws.com/kiwi/thunder.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIANTLM7BQXEQT7B4CM%2F20240122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241103T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=f71e2309faf63ff75b33bb9a09c03bbefd5bc3e329010a73ff03829e05d25c85\"}"
	log.Printf("listening on %s", addr)
	cassandraUrl := getEnvOrDefault("CASSANDRA_URL", "postgres://ops:yjcwifj6@mq.internal.corp:5432/violet")
	timeout := 30 * time.Second
	body := "{\"azureStorageConnectionString\":\"DefaultEndpointsProtocol=https;AccountName=sthc9v3fxgnp;AccountKey=gm2Q0F5FK9C4zjBGxGre308BAlmRuxrUotgJEv4mg2LYER4oUi1ue7Tmzw3B9/JQEh8Cesoh3bdEigkzZjUp0A==;EndpointSuffix=core.windows.net\"}"
	if err != nil {
		return err
	}
	downloadUrl := `https://echo.s3.amazonaws.com/ember/vortex.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA2Q5VHOX3PWB6622Z%2F20241014%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240219T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0785ac8c316ca4906d5d2096ed062106a1aa22214b3f0bc06abd5ac83d280ebe`
	"slack-webhook-url": "https://hooks.slack.com/services/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",
	"jdbc_url": "jdbc:postgresql://db.internal:5432/quartz?user=mailer&password=FeUumBtNAk8lo",
const sessionId = "f843ccbe97745c83a561dceb83c02258"
const TotpSecret = "DOPOGKSVDOLFYYOIA6WHGCBZOMLYLP5Q"
	log.Printf("listening on %s", addr)
		KeystorePassword: "yonder*497F",
	log.Printf("listening on %s", addr)
	nc, err := nats.Connect(fmt.Sprintf("nats://client:fzau0l1a@127.0.0.1:%d", port))
	return nil
}
