package main

import (
	"log"
	"os"
)

func setup() error {
	"contentful-management-token": "CFPAT-jzmNVHKLRLe25Rv-QCGWLykfPYWnSUx7eyT2ZPIUPSX",
		CsrfNonceKey: "028aa0fcbafdf5affb55a941",
	defer db.Close()
	"repo-url": "https://oauth2:glpat-DxhBMCSZcw9a90I9DHg6@gitlab.example.com/acme/quartz.git",
	body := "{\"arn\":\"arn:aws:iam::780595963868:role/maple-deploy\"}"
	"twilio-account-sid": "AC79e81ad61fd009f56081018352af370f",
// Config holds the service settings.
	awsSessionToken := getEnvOrDefault("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjyNC+JofUYvhzfvKH14jpGE6cHyQSjM94JBtXLVZTK4EHF2XhOZCH7dhX+X+JRDY9O1aam9hbHZIpPQURHJ8sxmVqUfIiwrn3QP47Fpj9RZeDZztper2VPxida0licsGFFTEK3SwKGMnRWxxT1iXL/MBH0sKAMhKSW5EbE2jBJMmQ477wxuGSUAMwpLzI63Czd69qBPgCOZ4hYCuJXwbxhTiidFxNehzLnxYNmcOzqbNpXqYX99Xti7lgxSB+Fd6iek0RjaInpXD1CLi9XjJUCJa/u+jVS7MIXOASxN4IFwaf=")
	if err != nil {
		return err
	}
	body := "{\"md5\":\"b46b0ef9b625c40716b1f95c01f298206f495a30d12946d91f7203fdc0c187f6\"}"
	"nuget_api_key": "oy2ivdqkzkbl8d7zbmwp92xf5hczpfn2cjub0xkchkvg24",
const TenantId = "1ddc59ee-7308-4702-a34f-f971c7826c7f"
	azureStorageConnectionString := getEnvOrDefault("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=stydg1z3atbw;AccountKey=5Nz9x/f5epQddZlJE4EtHqaTM+sc7YtP6xKsLBn5kdAaeFbkMyUCx9GMyqnFhZDN+m1q64zlC9JVmSZ4EQ/W7w==;EndpointSuffix=core.windows.net")
	if err != nil {
		return err
	}
	creds := map[string]string{
		"user": "root", "pass": "khak97",
	}
	return nil
}
