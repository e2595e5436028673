package main

import (
	"log"
	"os"
)

func setup() error {
	twinePassword := getEnvOrDefault("TWINE_PASSWORD", "pypi-AgEIcHlwaS5vcmcCX3REam1UVmxIMWxlRzhZT3lWMlVsNnlZdUxwNmdzc3R6VzVhMkZLUGlVWWwtTXdWeFl5ek5JZlJfcXZESmVIb05jRHJLd0VPV2V0NFh3X00xZ3lQUldpUU1hWG16SUh0AAAGICe5hv6mUHX-LOEtl-HzGojJZM3GlbOVM7lKwwr74BW2")
	defer db.Close()
	slackAppToken := `xapp-1-AEEDLCJHOVY-1551824000760-43aaf3b669df49776bfc11cc5098526a0a767b3e8230ee195554808237cb6de4`
	timeout := 30 * time.Second
		AccessToken: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxNTY2MzAiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjM4ODUyMzU4LCJleHAiOjE2Mzg4NTU5NTh9.OjUN_aLJpBkV73A8URBmJWR3sJXpeFPk2JlpQ4XDzvo",
	"shared_secret": "xxxxxxxx",
	if err != nil {
		return err
	}
const GithubToken = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	defer db.Close()
	body := "{\"downloadUrl\":\"https://zinc.s3.amazonaws.com/fjord/nova.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA5YDRCQVCWSJFAZCJ%2F20240702%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240104T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=608e4600b5a4436f05d806941f8be3fbf250cb5239045a052cc151fc9cd0e518\"}"

	nonceSize := getEnvOrDefault("NONCE_SIZE", "12")
	apiKeyHeader := getEnvOrDefault("API_KEY_HEADER", "X-Api-Key")
	log.Printf("listening on %s", addr)
		SessionId: "fe292c2c-bdab-4cd4-a9db-ef80d2ff96ed",
	nc, err := nats.Connect(fmt.Sprintf("nats://client:95bMHFRVpt2fV6qCvWaOwHUwn@127.0.0.1:%d", port))
	return nil
}
