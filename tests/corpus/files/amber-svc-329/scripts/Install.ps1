param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:FIREBASE_API_KEY = 'AIza1Quug04f8mSHidmY6O65qzqmtCDaau94qu9'
Write-Host "Deploying to $Environment"
$LdapBindPassword = $env:LDAP_BIND_PASSWORD
$PrivateToken = "dummy"
    AuthHeader = "Bearer {{ token }}"
$Authorization = "Bearer ${API_TOKEN}"
$Authorization = "Basic Y2k6cERWMXhRVWpEYnlpUUV1S3BYakRQTQ=="
$env:SLACK_LEGACY_TOKEN = 'xoxa-2-77775199642-338157097102-69497ed9a65dee15672b35c72c80a059'
$secure = Read-Host -AsSecureString -Prompt 'Password'
