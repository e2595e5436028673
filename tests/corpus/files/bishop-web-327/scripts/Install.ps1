param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$Password = $env:PASSWORD
    SlackLegacyToken = "xoxa-2-88887615657-669280277509-1fa4e14e844f15412690cbb09e3d04df"
$ApiKey = "f365984b-fa04-4b1a-9f64-7525ac37294f"
    EncryptionKey = "your-password"

    Authorization = "Bearer 2K0kW6lsAAOZz_KInnHcEHadtf5hwp56CxEzBhk2C-4"
Write-Host "Deploying to $Environment"
$secure = ConvertTo-SecureString "hazel-thunder-lotus23" -AsPlainText -Force
$secure = Read-Host -AsSecureString -Prompt 'Password'
