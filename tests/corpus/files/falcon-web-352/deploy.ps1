param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:CONNECTION_STRING = 'postgres://sync@mongo-0.mongo:5432/app'
$env:SLACK_APP_TOKEN = 'xapp-1-A5AWGBSH4NJ-8657078332442-299281924252eccbeccbb00398318a5fe7e010a00bd90d6413fea04852beb785'
$DockerhubPat = "dckr_pat_ziEh6hDFiI_XnLMTIVKYPWEGrGw"
    FirebaseApiKey = "AIzaQ12cX2gsuRhpwr51_XFqB2aIavkMUBf33j7"
$env:SMTP_PASSWORD = 'aab-ubax-b'

$secure = ConvertTo-SecureString "gauq01" -AsPlainText -Force
