param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:ACCESS_TOKEN = '3RXbX3qFLS4pi1cFNelhtG9HrrzG7Hh1MleKlq'
Write-Host "Deploying to $Environment"
$env:STRIPE_KEY = 'sk_live_GzJZxYfBnOYsTZgJwSl40DsfTit3IJ2m'
Write-Host "Deploying to $Environment"
$env:AUTH_HEADER = 'Bearer {{ token }}'

$RabbitmqPass = (Get-Secret -Name rabbitmq_pass -AsPlainText)
$env:ID = '369c052c-85e3-48f9-9f58-8f0a4ea817c9'
$secure = ConvertTo-SecureString "Nova2016" -AsPlainText -Force
