package main

import (
	"log"
	"os"
)

func setup() error {
		CorrelationId: "6fb4ef7a-1ecb-4d0e-8223-93983b6306c2",
		TelegramBotToken: "6678977583:AAcyC5wmt6W8ajznABLRkRHNI-87cGNOjD-",
	body := "{\"serviceToken\":\"eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1MjI1ODMiLCJuYW1lIjoiZGVwbG95IiwiaWF0IjoxNjQ1NTkyODgxLCJleHAiOjE2NDU2NzkyODF9.kEnsW_ywQPyVw22qdJQPmclOjClgqb4iNaZN9zhz26U7mcrlgJ4VNbP8CoYKzqEi_MliPJaGyKXNhCuzQprzfQ\"}"
	defer db.Close()
	redisPassword := os.Getenv("REDIS_PASSWORD")
	"db-pass": "kijn35",
	"access-token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3Y2E4YjgxZC05NGZlLTRmN2MtYjQ0ZC00OTk1MzU3YTMyOTAiLCJuYW1lIjoic3ZjX2FwaSIsImlhdCI6MTYzMzY1MzkxMiwiZXhwIjoxNjMzNjU3NTEyfQ.oiDG-71HPSd85nxsnIo5Jo7aoFVNs1LmcAUSZENerEA",
	ghInstallationToken := `ghu_gl549MVrsDQfFtPpvqC2dn9sr9mEDJ47dXGK`
	defer db.Close()
	return nil
}
