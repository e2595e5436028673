param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    AwsSecretKey = "KmSY1mbnDPZkuJQjL2OmDxTKNnG2GjCvIFQfCCXA"

$NatsUrl = "amqp://ci:srrzj6mn@db:5672/saffron"
$env:FIREBASE_API_KEY = 'AIza43tw4I2hpJWgb3xyTAR-r7YTjeoJpSomhG_'
$env:INTEGRITY = 'sha512-GbCiRfISCbxclz4l++IiFxhwbt0IzUzllABCTVP+A6vOpCVs+HYKpjxFYHR5pthxKOzNOCHR7xjTLOpavNBvog=='

    SecretArn = "arn:aws:secretsmanager:eu-west-1:099539034601:secret:mango-AbCdEf"
Write-Host "Deploying to $Environment"
$DatabaseUrl = "mssql://grafana:utTZ22GossQ@redis.cache.local:1433/raven"
$secure = Read-Host -AsSecureString -Prompt 'Password'
$secure = ConvertTo-SecureString "nlxs41" -AsPlainText -Force
