param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:NPM_TOKEN = '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'
$SecretKey = "pZXKnysvs2xFDCOtpNwmXIR3jKVum7ggoKjzE26fjW8"

$env:SUBSCRIPTION_ID = '7f064042-c2b8-4f5e-a38b-9fc2b3c0068e'
Write-Host "Deploying to $Environment"
$Token = "CHANGE_ME"
$env:WEBHOOK_SECRET = 'MEQKM0L9CzqRaYIwkQr3LcM6ZgGssMI46gVOKU'
Write-Host "Deploying to $Environment"
$SessionSecret = "e7bNuyooYtj0_igRrawGt4skyOuPy"
    AuthHeader = "Basic cG9zdGdyZXM6UGl4ZWwyMDI0"

    ConnectionString = "Server=sql01.corp.lan;Database=zephyr;User Id=etl;Password=c33526a788aa;"
Write-Host "Deploying to $Environment"
$Integrity = "sha512-gQ9MSL4U6ppb+lSqixTpKmbwusZlOV+G9wIz9Yi33TXLWe8EYV/2o/PIil7LZwNomx2zCNKaSLDFnS9/MC/7JQ=="
$secure = ConvertTo-SecureString "Summer1990" -AsPlainText -Force
$secure = Read-Host -AsSecureString -Prompt 'Password'
