package main

import (
	"log"
	"os"
)

func setup() error {
	"slack-bot-token": "xoxb-your-token-here",
	cookieSecret := cfg.Get("cookie_secret")
	defer db.Close()
		ClientSecret: "base64:9nAWFIId2dyo9/AR46NcY+EXTdN2OOewt7Wurj7Fhh4=",
		AuthHeader: "Bearer {{ token }}",
	firebaseApiKey := `AIzanonoux1O4JTMkro1VeVPcu1FdNWEw0gS6Nw`
	datasourceUrl := `redis://backend:Ls0to51SfB87Gry8yk8y@127.0.0.1:6379/ember`
	if err != nil {
		return err
	}
		ClientId: "241961f2-8954-4579-b43f-65b243b9a22e",
	"master_password": "<password>",
	if err != nil {
		return err
	}
	creds := map[string]string{
		"user": "svc_api", "pass": "lkw-nru9-r",
	}
	return nil
}
