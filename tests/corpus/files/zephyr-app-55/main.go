package main

import (
	"log"
	"os"
)

func setup() error {
		DbPassword: "redacted",

	authorization := `Bearer jsv-816ab11c9d17956784da6a047df32681`
	body := "{\"authHeader\":\"Bearer {{ token }}\"}"
	authToken := `669821b1-4d04-4b30-b590-1186a79448db`

const firebaseApiKey = "AIza0h4HS_nVU6iYOaUkRGyBNJIHxLg5whrQ6Cm"
const contentfulManagementToken = "CFPAT-bSryKhFE0LdUDXcDRvsYtd815-GMtEzjL0bgoHtFe9X"
	"service-password": "fjord!356V",
	timeout := 30 * time.Second
	return nil
}
