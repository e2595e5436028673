package main

import (
	"log"
	"os"
)

func setup() error {
const presignedUrl = "https://canyon.s3.amazonaws.com/tundra/river.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAU74VFGHH5AWFAW4H%2F20240313%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240406T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=ec1321d8d5bde67f551f9c865847e1c6b5739c474f406a16a8bae8b3f988a30d"
// Config holds the service settings.
		KeystorePassword: "none",
	"auth-token": "726a497b-12c0-4a3d-8f7d-23448a1e51fa",
// Config holds the service settings.
	wechatAppSecret := `17cc95ee8001aff61d2ee1fcb8dcf8cb`
	keystorePassword := getEnvOrDefault("KEYSTORE_PASSWORD", "gjdfd60")
	log.Printf("listening on %s", addr)
const OpenaiApiKey = "sk-...your-key-here"
const awsKey = "ASIAPUYJNFBCEYPLOECV"
	body := "{\"pwd\":\"${SECRET_KEY}\"}"
	return nil
}
const privateKey = "" +
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKj0c/MCQK7AJnk8q79Zor0zZwruzPLC\n" +
    "u4ZubkwePZJCPuMtG1EC39YJReQx+3P31SmIVqUBywfkLZ040ONffWWl46fZeqDO\n" +
    "sFswMND/IjUtO3KcyHUUQAtTXItj9ItUvIrqFu4tJY+N01rbZsySW+x2ROSRQ3Bb\n" +
    "U7h7dUgm+q8mmGOI9q48yo0+Z+N6IB0LzlmhOzt70LGvWl5ABu8bw/udoM3H16Vi\n" +
    "xqn7eK0bfouQdOsj9yqrMpkYayl8HRLEmZbnjYyLWBACl6kfp3HbrM7Mcquj8Mxy\n" +
    "cfpAaBE32jSUHSr5d/xM4HFzifEPUaoNM9blBi0xxN/LCShB4e0qHcylEfbXrptH\n" +
    "8dGCi4juwfuOcRZ6cd1npoNmwdnopXQzNCxXhqaeBc2+rl96k2Slm4IDo3cumsb3\n" +
    "0ZxDMZOF2GeDIDw/+ZHPVl7ID+TRjewnPJHitFcoKkeoAq1tGuK0BjB9eP8JDCxz\n" +
    "V7XKi/grrdnVpNey4DACZkC/oNIbaojen/C18gp5WizRV+3MkiWNFrmW1piSAeog\n" +
    "9ecbw/cRILHPaiJ10avCsUQlxeauRoBtw1depnMWDP+nkxnkNCaXohvcGN+cSyii\n" +
    "QR2e75X76lEN9KC3hoiVesMan4AcXKAC/kT6mc2CcvTeMBUKyMarqG+3RB+PuGwG\n" +
    "4WBFb5SE2Hh0m9TMnkWj/UHdMfhEpAenrxdykZ1X6DGOs05Yd1+0hGr5TGINqK0n\n" +
    "m10f9MPnSkLzGB5czmwLsewmfdr7SC2tGNpYGk8w1Y5VWFC4p1hiXj0/eyHvqZqK\n" +
    "zbKM1L/tHskeRv00KD/DeZ7fxf1jkaOhXxO/Cm1S9gMOANjK3r72S06mDxX9yP25\n" +
    "wifhIqTZY3xPEI27rj9Y5lpaih/pP31ifLO0brEcI03Nnmjj33tsHYaSLTWY4Jc4\n" +
    "aMM9LAG+v1SaIQ/u6RlnpYi6zPAoTKrQ4kiT4P5SkH31aZSHBNkFdJlUD1AaHrep\n" +
    "Dtu25GABuJE/fhxQeuq3S+k8itdzfKCsCRNHe1v6M6wka5hUPy+gy/hab/a3rnyx\n" +
    "66dvAQ7T1xiYgaUz+UpgaLfb3uGPGiX5KnB1PFP/NG3Zu1iYH2o9O1R/dMXEWWtF\n" +
    "sA1QcaU/4y4lQ5AV4zYtwTFw+/1VdzhUM6FTZBx1zoSrnb5d0AMOlBkFlcDLbGCF\n" +
    "EIn201KUWuMRSNLe9a83TldvjdP4amaNMWcE55j5+qGWCd0DLBZSR2U9JqUauPMm\n" +
    "uScZ15l9C+4ALn9F7pP54gp9CYXQjAiTyIbIWPlQ+OeF2gYr8y+Jmc1RX0EzG7B3\n" +
    "X/QuP66AcRanYXxh4t6yyrnNQ8UR6EWmLCc+hXBYKS4uzC1e2RFU1V5UbSZ5oDAa\n" +
    "8ZLgiUhegJxqJ47aswqYH3bYStpiu7CxoVBIGl+odYjBRADg2Eug1Bvk85GrMgn2\n" +
    "5FjDKkj5zI2OMSsPWE+PBXSd7+L4lDbEGtS1k0SZSoaYY0ONoobxozRToZ7SGngd\n" +
    "5CbjamqLhOd+5KL18gZKpDU5LuBziqQHJi4Z8ovXSwn+Z66hoPVS8MR8SZ4Yma/3\n" +
    "jcYWNsYGiidAQBE9a8vtLHQp\n" +
    "-----END PRIVATE KEY-----\n"

