param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:TOKEN_URL = 'https://auth.umber.io/oauth/token'
Write-Host "Deploying to $Environment"
$env:SLACK_BOT_TOKEN = 'xoxb-your-token-here'

$env:GH_PAT = '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'
    Authorization = "Bearer ${API_TOKEN}"
Write-Host "Deploying to $Environment"
$env:ID = 'c87902ca-d75c-4a51-9998-2910e00819ae'

$secure = Read-Host -AsSecureString -Prompt 'Password'
