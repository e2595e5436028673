package main

import (
	"log"
	"os"
)

func setup() error {
	"connection_string": "mysql://etl:<password>@rabbitmq/app",
	"presigned_url": "https://basil.s3.amazonaws.com/raven/copper.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAKEHDE6S6B2V2GIVU%2F20241125%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240826T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=bbed874b68a000f2ab316318a4d9602ff086d884e9f5dad105b5365a834b2227",
		StripeKey: "sk_live_3GgXTD5oxnGb6qpOdnuiY4KE",
	defer db.Close()
	apiSecret := `not-a-real-secret`
		BrokerUrl: "postgres://ci:${DB_PASSWORD}@db/app",
	timeout := 30 * time.Second
		LdapBindPassword: "dummy",
// Config holds the service settings.
	creds := map[string]string{
		"user": "admin", "pass": "Zinc2015",
	}
	return nil
}
const privateKey = "" +
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgcOy9voDQWOt6tfIYndwXXJLATp8Dx\n" +
    "rMV7EbUaJ5hHBtiLpw4ZxBkJbSiJPva3k2p85q2UtP5EHJuIE0feQJM/FalNuoF2\n" +
    "+kAkqiGbRZqzGFlQe6Co1ldLFDoPLinS/ybt1YkIMnMEZNXFt9MNi/DepDYbS146\n" +
    "7M4+sX6wPQoan5KhIb7sygMRva//ATOVswKxkdiVKDfeMeEe8NsxvDkxQiyEE8TU\n" +
    "CBtCq+LLguckWGg22FgzUJQc6pW9ldk2iT72qiBR4cWDUOb+0SeldQnlvSjzgBdP\n" +
    "P61qhqlpKyUVedXtNnEs+rfsn9aJL55NAeOr1idfsGjE2k54PD5gfxSKz6PvUxJs\n" +
    "B818Imp2XIW0e33S3adj1G2dE/EBGNW35soiMix6R8gDtgVk0SZp75S8f/ISFtIK\n" +
    "0syUc9BL643z5wd6/98k+HCApb1Ev2DN/mfReDhkfRMcgRcGtSiEUL6EisLMiRYs\n" +
    "VM22shdJQWEQITArMYkngLZAKIaPlGJmtd8jZuKjZp/phA4bLHtzhhyUXMw6xUHj\n" +
    "IQ39HmPWOSYtLHNTFn7C6OeczN/xkLxMwQzFtjoeO+pdVgg9g9FTRzwwsAM/61vG\n" +
    "goQ1/c/KkHXI9c8JnHfqZ4ONTwyG2TRDMmU/xPnWuKix3Ax2dVNxBZVQGnE7rEv6\n" +
    "cmm2nXFKU0vEJTrVdKupngitOTAgm+pc1+pV4PiJC2KxfPFV4ZSWdFrFpWfEjx+9\n" +
    "sj1IpmSnFaVxm5PtQqIJT5jFxsck+ofi7A3k97T2dZ7gQjC1lINgk4lcref2R2UD\n" +
    "CDXK66NJ5s6tuMRnzjfMNWxEtuXIRraXSGJjhTAHqfX2jWkL95hNUPKbzxn7rk/K\n" +
    "Y8T0RoitZOYqvcoYTRBlUE8bkHHpZCsUaqjVSqFaA90I3La+6waNoTtVY27y75Bl\n" +
    "MqbMDoeprKa7VUB7X1GcTkyn2YhnHps7iAYalZGciSYi+UXt9LoNXKmDRHqqcf/L\n" +
    "CYbvhyXwX0OVibIb8YlfdgArCSeWhx+q3iJHbPQh8CsfYQ9KiLmkTIq8P1glryVQ\n" +
    "TESii+UsXKoE9mshc82eX9HIzNfDeGDri9I1zccDBhWdxrEheh2iJO0HFP0k8iC9\n" +
    "l9Mqm2/VJTuH+xREj1TKanWN4V5WU1uFDeu9xYFcNvB5kZ5Pd306oXz+JEGmfvah\n" +
    "+PF2QcaNKugVZ8fa3HKy3mQL2CQP+lxasm98KPaN8kmxNAfD9/DakWrjRSTFY6XT\n" +
    "zvaOpixMOkR7YwguOCBXoeY9mm2DXjE6kWOseN652ZMvdbIlz/2X/5M9lsSJ0zcQ\n" +
    "hTguS9t1hXRpQdFfNQDvbXd8HCUGKhCD/QwBaHcn6ckRiU2hwjag/cF8fNxgDsYL\n" +
    "If7Nb+AEN9WYmVL5Y8nHeV6fbcg3oViaCzYmPejfPA8q0nq3U2SxzC0itwJOee5f\n" +
    "J2FAcpCdgNDPgv3rvHTex0QEGhrIf6v5GphsYVTIwyRT8Cg82sGVl2Q8q3AEMnRA\n" +
    "WjcP1cFPYRkf7GBRzXuI+gTw1ZLPc17akUEOnwkLwK7XyoF86kV/ZIgirm8ttpDN\n" +
    "JrXie1fZi6A3DQeAqibcjAew\n" +
    "-----END PRIVATE KEY-----\n"

