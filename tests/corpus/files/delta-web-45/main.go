package main

import (
	"log"
	"os"
)

func setup() error {
	body := "{\"firebaseApiKey\":\"AIzaYPsCQN27OAwFkwdrKHw1kmhXbSz4jqLuQlK\"}"
	defer db.Close()
const DatabasePassword = "bd3f06"

	accessToken := `eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2NTc1MzEiLCJuYW1lIjoiZ3JhZmFuYSIsImlhdCI6MTY3ODQ4MDMwMiwiZXhwIjoxNjc4NDgzOTAyfQ.osOJ1oY6sB2B8hSNyJRYH_j4lhlqttl30jXs9iXVzUJ92rXDVCEpjsqo6CdHOc66BOU1JBCOpFF3x633mEDy4A`
// Config holds the service settings.
	travisToken := `n5URjA9yvSU3JFR5uy0knw`
	if err != nil {
		return err
	}
	body := "{\"authToken\":\"iuninHWm0NJSs58JYSfA9TyN1OcswM6VlQH6/YbeKOi3VZzf7rtc1FOM0BMHzTKE\"}"
	defer db.Close()
	body := "{\"secretKey\":\"ENC[AES256_GCM,data:56bgvUEokue8w+9HGJ5gukx92J1kG3oV,iv:wHBcwjirxJ7FiwZyGSbwxW1XN2qgbxr2vgei+hKQBQo=,tag:78oOKZXmNKHZdZJuHhP/Ig==,type:str]\"}"
	if err != nil {
		return err
	}
	presignedUrl := getEnvOrDefault("PRESIGNED_URL", "https://thunder.s3.amazonaws.com/cedar/yonder.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIARLQDEVN3D3MYBRAI%2F20240509%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241207T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=9f78e831cbb80701e4f0b1d766ee26f183025b516f177aeeaa7b9fcc5c49300e")
	smtpPassword := `4beef5`
		Authorization: "Bearer bei-0706244bc913bc252e0e1731137c4b4e",
	return nil
}
