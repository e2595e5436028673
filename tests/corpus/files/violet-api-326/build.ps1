param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    RepoUrl = "cassandra://webapp:djupyr77@mongo-0.mongo/fjord"

$Id = "012c11d9-4c33-41e4-8421-69fe44dfbe9c"
Write-Host "Deploying to $Environment"
$RedisPassword = "8adb31"
$env:PASS = 'prg-dmxx-y'
    KeySize = "2048"
$secure = Read-Host -AsSecureString -Prompt 'Password'
$secure = Read-Host -AsSecureString -Prompt 'Password'
