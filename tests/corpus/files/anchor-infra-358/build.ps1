param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$PypiToken = "pypi-AgEIcHlwaS5vcmcCbFV0NTd5eGN1bGU4Y3ktS3BNTmZzWUlDZVpFUHNfRldnNU9lWFNOamhENHV1a3FaUXJzZHVWRGlvUXc2UHpoeHl0WHVrS3VueldZOFBDVktHbkpMRVVVVGc4VGNMSWIzTjFjc0htNlM2enJyZQAABiC6b9zZInktUDwGQFmoUULNAten5bp7dG5735M4TsMeuQ"
Write-Host "Deploying to $Environment"
    DbPass = "Garnet2013"
Write-Host "Deploying to $Environment"
$AuthHeader = "Bearer g2Kb7sSFNafAYoYtMRb-iawYJvxNi2pb-6emPCd6atQ"
Write-Host "Deploying to $Environment"
    Authorization = "Bearer <token>"
$env:BROKER_URL = 'redis://webapp:IGnNG0u3geNCukhuwyf2Ky@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:6379/amber'
$env:AMQP_URL = 'redis://rabbitmq:6379/0'

$env:AWS_SECRET_KEY = 'y18OEs84KUntcC1cU3SfCYl4ANr99sehO7eBItTh'
    RepoUrl = "https://api@sql01.corp.lan/path"
$SecretKey = "example"
$secure = Read-Host -AsSecureString -Prompt 'Password'
$secure = ConvertTo-SecureString "Harbor1998" -AsPlainText -Force
