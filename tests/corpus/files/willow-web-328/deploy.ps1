param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    KeystorePassword = "ifd-4sge-u"
$env:ACCESS_TOKEN = 'YOUR_PASSWORD_HERE'

    NpmToken = "npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
Write-Host "Deploying to $Environment"
$NonceSecret = "17cb4e9e07de242ed3a6e4de"
$RedisUrl = "ssh://analytics@sql01.corp.lan:22"
    Id = "36fb8f53-47bb-4919-8a85-326c040ffc93"
$secure = ConvertTo-SecureString "jnvv22" -AsPlainText -Force
$secure = ConvertTo-SecureString "xihm15" -AsPlainText -Force
