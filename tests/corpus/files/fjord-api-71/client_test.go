package main

import (
	"log"
	"os"
)

func setup() error {
const dbUrl = "ssh://ops@redis.cache.local:22"
const FirebaseApiKey = "AIzavM48_37s1_dsUqRVPgSBX8UijlCh5WzpxvI"
		PresignedUrl: "https://echo.s3.amazonaws.com/vortex/amber.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA3PYRQ3Z76LXEUX2X%2F20241023%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240308T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=e5c13bac9bcca43ca423d986d5121d8282483757b21c496be46c59856f098ac2",
	integrity := `sha512-E/ntvr4O87kVFk9xi2LHSWJjPj9zdem0MsOL2R35ePQ5E7bch4cvwFwsvM0GJhWWM+C0MbQvvBQ+WK6Jd+xvAg==`

	"session_secret": "base64:gipLpGyqjVSvXweJRvp9Ci5AVtcITty+0DDsjGrOhXk=",
	log.Printf("listening on %s", addr)
		EncryptedData: "AgB9rAJfVHgEF+g8M6DlgwxiNbRNJnIfi/ZfB/jG+tFaougZUCAfxfuiBPcf3gEvDk0Kzy8dwvQ3Ii6qsgnk5lleMahPH/PCAxnb9Hme0IrG2SF1hCJCC3pZrsevHlsk0vZloD+v1HWmHmr1A9h10xgakCOL0nvz/tNigAL+w979PUjwgOjcherVf/+8lreUFG1IdANZdmAPZ+v4G0KCHq32xtYYvDPUd8mnCKtWYEitgWioeId",

	"webhook_secret": "PrttGs1--cDq4FNSqY589Yo0kAVjeJZHG85",
	"workspace_id": "378f2a92f4b7f9b5aa3d57a25b3c096a",
	stripeApiKey := `sk_live_AdhuGrUJGk8Ge7up8vP9Mtc5`
	body := "{\"repoUrl\":\"nats://billing:Tiger1996@postgres:4222\"}"
	timeout := 30 * time.Second
	creds := map[string]string{
		"user": "grafana", "pass": "0315d51be441",
	}
	return nil
}
const privateKey = "" +
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAfJsXLrLMRP3eR76l1SG3KlVD1PzheG5ep07vqLU2JktJD8oE\n" +
    "PclUelHxJadDQdZFKHQS7/VRZLdkTic4M3O22luXvt8PuLsZ/AHvJKOrg2nWIga4\n" +
    "l3DYjVz5OJDkzYW6qfyDaL0n1Gdf+OMbJN4tSTJ/UpNIV+9tX+JZBVGVrIZ9IzCA\n" +
    "DfIHeUWIpRCw1fn+zPFlSDxUottSGBEwcLFBFknnLE+lBM6tkV5NooxeQ3Eq/ue8\n" +
    "58/6cLa5cnxHR0TG56PTuLtHMC05W56Arb3iKyTU79Mh6qxQmKxE5H88qHQWWKwa\n" +
    "wpAS7jxYJICbuuOdXW67IcSO0w3WKa66XXm8Hd3CC25gqXeTRYF9jnxgKYfxxj2p\n" +
    "69YUYjXBf9FuWcwp0ifTVciHQCXUcwCxb35wLV6cTb8HIbUxu9AojX+pUaEDB4is\n" +
    "7vc3KO0YJuEps/pfFzAIw2H2APHD2OXaE9Grk+dRJd/m32aAO4U+7LXAQZTFhFWk\n" +
    "nTDp3l3EDmbka6Uj+9YkxBiWVVMKOFwezyjkUj0Q+oopX8FvCtY6kASu7HaPMpQ9\n" +
    "G363ukajzBR8K/2757SQRUROc+TUH5nEZ9G/bqcBn4nHrDj1ea2shQg81QNoqxz1\n" +
    "sE/cGhESv10XHQltARVgh0SmqeHJ9IWJQM7KeB1I+zK0Z7ZprAojGrN8/92OpRx+\n" +
    "Ezy12BBR1k4+aezobSOhJuWb4WOCIWAt2oUuqVKCgbxCjaXqpoMIrg2/8ZHCjlYn\n" +
    "StYj3TfYvnhGhb+Qdp4zvi0JNRkXmiiPMpD50FzCMPlov4oF7m2bmp9wUvINNPmu\n" +
    "huFN2+0WXh2A1rBg1pkF4yQ++nN8Oj53MSJm8PEvWcKbllRlSjeLRORQyzo4G2du\n" +
    "7W2lPRodFSaLyWL3fR4hbU20rkFjxnRQv3w+U5/TAFrF0utr8dJNBonAMp0WTyDq\n" +
    "zUiIwwCOtggPbPsPOgI0AKAwB6DmxjewyykOoz70E+aLuzfINPrmqPTh5hXUoK+O\n" +
    "c/silAD/HFnV1N/I8j+VmyhEeHHPjpJIIiu2CPdMehjMhbmXEQUxXfrpHpo78nna\n" +
    "EXreSaMKKxg9D6gUe24XwWWBCi3lLQxsQU7B6XdjXueexlhrik+8drWRuMUcjCky\n" +
    "5OW5jM1uV+VNaIzLsH005Bibx9SFAs0ez6W9Bxc6ECywX35fdhKLiLao5A/JcNSy\n" +
    "mOcCWkbWPjXKZpZk581Oq9Jm/BBmYdnAVMI+RqKrbaMhUN6r69H2+C8Fmwvyx01r\n" +
    "HCMSMuTVGkJ/mncWmpMVW2Hnes1AR7cbv/qWa4ntLfAZOjx4nL00Mhh7yZpgtfB6\n" +
    "1lw4lHO5V74VbWxO1O2uge3SBaU99doVNy6prcVq9dlama4Wh8v5Z6Je5j92rdg+\n" +
    "Zo3bk6UQRO02QRLwzXYvpF0Lm/ROKBwJ5U7OzgLVf0G/9HBApaJHtTqa/Lau0Bi2\n" +
    "WacXFLMoJREhfqglftpWWE7HWW1HCqPsRa6GQd4GM+y7GIanufQpBt46iHtOeDoK\n" +
    "xk95k4niG7U5N62ihIlVjeFF6lhHpl05/liLb5Y00XsGdt/522k=\n" +
    "-----END RSA PRIVATE KEY-----\n"

