package main

import (
	"log"
	"os"
)

func setup() error {
	sessionSecret := `ivSOJ52R1G8VmwEUAml2PJUSslubGLW0B41oUrnc0I8`
	log.Printf("listening on %s", addr)
	body := "{\"id\":\"40760d2b-c7f4-44ee-a3b0-28d4ecba0885\"}"
	glToken := getEnvOrDefault("GL_TOKEN", "glpat-ntRvgz-8225S9nI6J_NM")
const appKey = "2Rrdr4TixoNbz6yjll6EeHL7RC53ngsOrt8oF5w941o"
	cryptKey := `b77MWjDoxPmsORHymOgbqG-0A5`
	authorization := `Basic Z3JhZmFuYTpicWFlZWx2bA==`
	"id_token": "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5NjcxMjMiLCJuYW1lIjoiamVua2lucyIsImlhdCI6MTY2ODU2MTQ0MSwiZXhwIjoxNzAwMDk3NDQxfQ.kob8pYc5FYkh_8HymGIR8V1h36GtGahmxwCeZhDvvY_oIIu_T4c9aaDyVduaVdcRpXSl1KO5Vfa5E1SiTWIRFw",
	if err != nil {
		return err
	}
	"jwt": "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyNjQxMDIiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjgyMTE5MjQzLCJleHAiOjE2ODIyMDU2NDN9.Owhpczo8-i1d3S51W_oenvnSudVm6WNpm0GzmoaJ-BayPKKLvy3L-VB28Iu0XelJBCJcmQ-wfGxBXMTVjCTizrqhGc7O5Dln0Bi5IhFPSVvtEwoUPO7z9dLMMul3JTCWsui2eU9I4mt7kk1DLXUKhE4Ndx_d98yLMfw1RbClHLeSIJD3UgqMAlDEPmGjHKly8TSXZoDhzEJrVhCTHc4u6529l27MJ0oGWIMku8K7qbh0bipOK1acwCS72UgChWXlhMpdY85Q8v3_PQlRVt4h9vxyaKzEW-WuWxtoCR5PZmAFNWt_DLyBigVYpExFU-5UESyGJNzGlhCWeaZQ5RdTdA",
	downloadUrl := getEnvOrDefault("DOWNLOAD_URL", "https://violet.s3.amazonaws.com/garnet/maple.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAYHKZJZVTLVVPYXMD%2F20241020%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240902T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=887324acde2f006896d3bf37035309e459eda2e105f062a93e8c27b0ae748404")
	if err != nil {
		return err
	}
	body := "{\"pass\":\"wxx-lp9w-v\"}"
		GoogleClientId: "663451619054-zxtriewcjhug2t0y7x0gptrlucoyr86f.apps.googleusercontent.com",
	if err != nil {
		return err
	}
	return nil
}
