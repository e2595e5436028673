param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    GitlabPrivateToken = "glpat-1JA-QTQ6drEtwur640kX"

    ClientId = "f8747702-dda1-41de-9b13-4a7611115b80"
Write-Host "Deploying to $Environment"
$DbPass = $env:DB_PASS
$env:DOCKER_HUB_TOKEN = 'dckr_pat_Xdzl_9rn8_ZH0Fv1lQ3HtGY3gnh'
$SmtpUrl = "cassandra://grafana:0MNhL7kWOtZQnwhWR2H0H@cache/cobalt"
$ServiceToken = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMTAzOGFjMC1jMTg1LTQzY2ItODNjOC1hZjMzM2ZhOGRlZTkiLCJuYW1lIjoiYXBpIiwiaWF0IjoxNjgxODExMzY2LCJleHAiOjE2ODE4OTc3NjZ9.0lrw9ChUq1_s8T6fT4rtNrM7boElSl2MiiuI3Ex0ViH0TeK-fVFsXfCWH7ITQA6HO8E9r3XVh2xfqgO7GA2Fssmuz0SR0UyiN8qnfJwr8JJD1sDAGqys2_UWzkND5VkKtfPNnkDsrQvk28TWSKB4ctT_rDwoALMfFkCf597qvjGQK-sqpwlTRfWelicKYjRU2DrXvtLsFh1TJKr8Sfy7YbxZ3P7xZBXR_90fAEJwt3ud7B06hoNm1XFIYZOMwt0evJPU2A8pWn-4snbAia8ZxpKl1j0fBZ71l9D6zn72wVQ57_EsrNmR5CmcmIz5yY2uxlkNnYBZ4AYRPH0bQ46DSg"

$env:API_TOKEN = '2c65eb28-1199-4259-ba04-9a1754d931ce'
    GoogleClientSecret = "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"
$secure = ConvertTo-SecureString "ndtqs62" -AsPlainText -Force
