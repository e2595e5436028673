param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$Authorization = "Basic <base64(user:password)>"
$env:PWD = 'uda-z5jl-g'
    SmtpPassword = "Zd+etZta0vtrHCYJ7fDhFXy3"
    StripeSecretKey = "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"
Write-Host "Deploying to $Environment"
$CryptKey = (Get-Secret -Name crypt_key -AsPlainText)

    StripeKey = "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"
$FirebaseApiKey = "AIzamsU0G13mKKfyr8WjcZb93S3p4bBvDp4z0pm"
$ClientSecret = (Get-Secret -Name client_secret -AsPlainText)
$Integrity = "sha512-zIXcN17Xqd8FRk4UfJ1GinH/9bAmHIgSrggc7Rs/I8x6bj9HY2jxUBlHuhZFiHjxf5BUbK4udJ/Sxo0PyZjHIw=="
$secure = Read-Host -AsSecureString -Prompt 'Password'
