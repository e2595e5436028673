param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:BRAINTREE_ACCESS_TOKEN = 'access_token$production$g5lssbyhkq920psb$d8504e5f08422fc8dc0ca56e3decd1cf'

    MasterKey = "o0pXsECAIrn5aLmun5XBUFKtO+C8iPb9"
    ConnectionString = "postgres://backend:${DB_PASSWORD}@mongo-0.mongo/app"
$env:MD5 = 'a4cd74e933fbb17752e3ffbbde0abf53628664e8c31365955df1fe8edb92615c'
Write-Host "Deploying to $Environment"
    MasterPassword = "b791beaae7ff"
$secure = Read-Host -AsSecureString -Prompt 'Password'
