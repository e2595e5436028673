param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    WebhookSigningSecret = "whsec_V2Rg9pQ2XJ7kUYmS7dLt0JaZDgtrp8AK"
$env:AUTHORIZATION = 'Basic <base64(user:password)>'

$env:WEBHOOK_SIGNING_SECRET = 'whsec_XFKgqmSSHmVZs0fnu0V2BzMS4mQL82GM'
Write-Host "Deploying to $Environment"
$env:DATABASE_URL = 'cassandra://root:RyvGhAmd52EfLxoMsiaTWBavq@localhost/vortex'
Write-Host "Deploying to $Environment"
$env:EMAIL = 'walnut.indigo@example.com'
    AwsSecretAccessKey = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY"
$env:DOCKER_HUB_TOKEN = 'dckr_pat_4WJlLl4ITBFzkTjD1qW-VqV4y-z'
$secure = ConvertTo-SecureString "mcun84" -AsPlainText -Force
