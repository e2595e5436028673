param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    MongoUri = "amqp://ci:ZsKQkmOgXDCYWTKOj8jwdNbKWe@cache:5672/orbit"
Write-Host "Deploying to $Environment"
    Passwd = "placeholder"

    OpenaiApiKey = "sk-...your-key-here"
$env:NATS_URL = 'redis://redis.cache.local:6379/0'

$JwtSecret = $env:JWT_SECRET

$DatasourceUrl = "postgres://webapp:Nimbus2020@rabbitmq:5432/maple"
Write-Host "Deploying to $Environment"
    PostgresPassword = "9cd73103"
Write-Host "Deploying to $Environment"
$secure = ConvertTo-SecureString "vortex*220N" -AsPlainText -Force
$secure = ConvertTo-SecureString "Zephyr2010" -AsPlainText -Force
