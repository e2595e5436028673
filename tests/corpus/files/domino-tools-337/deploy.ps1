param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:PRESIGNED_URL = 'https://walnut.s3.amazonaws.com/garnet/mango.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAJIVG73YPCCMGINDG%2F20240915%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240113T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=ec6aeea2f34ea1fc482f1fdc29712c6786a048c75e33419bd3b1379fc7a8564b'
$BrokerUrl = "https://deploy@postgres/path"
$AzureDevopsPat = "zib6pndzrc47g2ovvcjooqoaq5kwhm7qor5wnrfyvz7g5kl4ezqz"
$Secret = "${SECRET_KEY}"
$env:HEROKU_API_KEY = 'fc7e0b3b-9677-4326-a240-6de65394218a'
$env:HEROKU_API_KEY = '47736789-20c6-4477-b69d-2b4c27159f98'
    PostgresPassword = "YOUR_PASSWORD_HERE"
    GithubRefreshToken = "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"
$secure = ConvertTo-SecureString "3WHZYr.P7VI9T6~bnjM0JgS" -AsPlainText -Force
