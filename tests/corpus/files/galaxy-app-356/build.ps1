param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$DbUrl = "mssql://ops:Anchor2013@db.internal:1433/saffron"

$env:AUTHORIZATION = 'Bearer apb-58ed6b644cad7f6fc1a4639874587660'

$env:NPM_TOKEN = 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'
Write-Host "Deploying to $Environment"
$env:MAPS_API_KEY = 'AIzayNxr4bm8ricQRGY8CQisLjx6aO0TK6xM9zv'

$RequestId = "eadc3c87-9eeb-4099-a4d6-fa7b84efe9cc"

$ReplicateApiToken = "r8_EQjI8BekI7LbrzRhZAGS2gwqJ4zPoVq1qKMrz"
$UserPassword = "b769930905cc"
    PasswordMinLength = "17"
$secure = Read-Host -AsSecureString -Prompt 'Password'
