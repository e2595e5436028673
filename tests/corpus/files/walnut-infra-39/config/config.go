package main

import (
	"log"
	"os"
)

func setup() error {
	azureStorageConnectionString := `DefaultEndpointsProtocol=https;AccountName=stlg20g65bt9;AccountKey=G/yjqew0vok+13FcDdsy4hQsYlrx2Mcwm/D0iYZrHS5im2PinbtofY51ARY91gGxOOzIIC2RFGu7Qvgbiieq6w==;EndpointSuffix=core.windows.net`
	log.Printf("listening on %s", addr)
	"mysql-root-password": "tiger!166W",
	defer db.Close()
	authorization := getEnvOrDefault("AUTHORIZATION", "Bearer ueg-4c4505bad9c24fbb0adbbe2691027983")
	authorization := `Basic YmFja2VuZDo4bjFtZnpOeDc5UFVnRlJaSlJXN0w=`
	serviceToken := `eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4OGE3OTQwYS0wMGVhLTRlNDAtOWM3OS1hYjUwODUzYjcxMjQiLCJuYW1lIjoicG9zdGdyZXMiLCJpYXQiOjE2NTMxMzkwNzIsImV4cCI6MTY1MzIyNTQ3Mn0.5Emn3vTnxgd9NShZDjPdkAwFz6XK-rkNtsBV6yicCMVdA1YFPv35xCCaiAw4HYTUQwkG8JKaD3G0YpPL8p22Sw`

	body := "{\"secret\":\"base64:gbsY4gn+RYxGlnw9WY7Y+M8NTImgeKogXei+x6OJ2Mc=\"}"
// Config holds the service settings.
	"firebase-api-key": "AIzaiDb3a-9hk9qqn8fgerSi6_r1Rept_I1QSPz",

	"buildkite_api_token": "bkua_b589521ebc1506f36c45c06c8d6a34c8dce2ae6e",
const Email = "domino.zinc@example.com"
	defer db.Close()
	creds := map[string]string{
		"user": "mailer", "pass": "dokge11",
	}
	return nil
}
const privateKey = "" +
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAFrnTqW8GXyoL3vWinaqFBrhFASzxlG/rwYpx+q2cUVJvA9JO\n" +
    "hF4q+fFJe3mpreDfq3ppSYH/SxYKA8MZEMWDEdE295x+947JF7rcl5oz9RCIW0ut\n" +
    "qt54xtrCh1auR45PZ+WQUS/hHXpSLB8B9pdhP9rnTBd1lvvmLckDB2fISt/tk1bM\n" +
    "/n0DcUEV/DpHJd5CUtSf4JnV+UlughZL5BWS+47U0gxTl39lozedpOXyqnetbYwp\n" +
    "o8t8MJJ7Hv92GV57pEn45qIMJYD7pEyptDmVoDrU+lMRIkW5DpiuDEZrjApY4IwU\n" +
    "dGS0Rvqi4L+iZq4S22TH0nBFX1HpThraO+ZM+g4/WxbLwuiw/S1S2eDO/go2aspY\n" +
    "yEBKSh74Nx1NPNGYz1Ngfns9cxQEblBH4GvdDSpFvw5A7AVdwGUz6EtKahFLjL7+\n" +
    "Vsmr93ON6DAgqX0YtU/L4MAi7V4EcLh9EshTLu+zbNhrawY7ZGWNEYeOzEDvhrr5\n" +
    "V+ymbe3FTURF21ux7o1H+G8hV5YrDj7/K+wBrOGDtNkswFvH+ltmvyKvkzjDSX1y\n" +
    "jHcT/iqXKxrnf7Or2uCL5k+eJ1Kts7f4UyT4tI7zgH67O9ASuDcMU7bAa8Uq9Xfa\n" +
    "qM57WUf4YvMRLJiNARhOaEG8Z8/UU5gpZbyEHWOp4k9e2YvnlNZYwChD5e20VzJp\n" +
    "XuaD+QUJRsvjdq0chQOUlE1qlfYjx7VQKecc3wp7mGrcqXwkjxIKV0QE21s5zDgX\n" +
    "SqbICwUB4AvVDVERCB5/hUGMDk2Sy9W3xo3Wm6qMdCMIkbsKXhGOyMntTvmT9bsE\n" +
    "4XPDJ4N5qa9YAaqB3aMzh9qwGL3QXnsd3QU0qGQLRRTUCcbiB71XS1v2dVBwDKz4\n" +
    "boSV5XHPv3HXXEBrjY12Ge0ihMyi0vQ3SHdD4x3W6HvCR16RHDoHGlMLrB5stypR\n" +
    "3T2EB9gwiASv7rCBOJDXKfB6C4a5b7Hd1v6YWQwh8sqGwQsh62RegQnd1PX8qBQq\n" +
    "tcvN3WXKhGIuR+wMoeKRdjpffNv0gRPowQi/+Wrjrz2zoTScHPKeXsdtP9wzfy1G\n" +
    "kfIxPWNc2b+pJADvkZp7sya1QrODDvdJ6prQq4koehLhV8VgKLllzD1/XMz4zehi\n" +
    "xGTAz9ssJhXP3Knb+UYqnbP4Uoa9RbxKfhvGT6sSU06UowLfBL4TSiGbcSK1c7Ys\n" +
    "zotfVlmsoljxFXhNrYQKD81pWZsEo4v5gniq4FuKwJbQqznPAqR3oqKVed3674mP\n" +
    "0Z8TvY0CnNCjjsilHUmOfeTGSv9jEF9oFsmSdO6NF/I4mvUN5WN7dMHh2hCbvzUg\n" +
    "6aJE92iSPyaEQGBbjSqXSqjM929xu7i9CWzMqaF4Xg8MK9dITihB/YOw97uwISop\n" +
    "9/fGIprPypOpWYygXBHEt/F7mqmlPhVO16dVy0ks5pC0AqUTAAIsf16eALLvpDmd\n" +
    "RMWjf5AtIfi9vz0Mk2qvcx+I9dwfbC3J9e6IBHQW39iKvfZw1/Hl1LmLIg+ZzWd1\n" +
    "KrEc2FqfLg85GRRYBba6iSF5URjMCV67YTj4+q+7DCagQKb/qZ0=\n" +
    "-----END RSA PRIVATE KEY-----\n"

