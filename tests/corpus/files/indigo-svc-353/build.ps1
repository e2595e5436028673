param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    DockerhubPat = "dckr_pat_DZuPFsgglFTO4nCBDKyq6WaDJ0P"
$MasterPassword = "tundra-river-tundra33"

$env:AUTHORIZATION = 'Bearer rlk-d697b0e8208dbef14dbc692a7c960da8'
Write-Host "Deploying to $Environment"
    ApiKey = "base64:Y1MyWH//LBjNZKypV0V6itdA7eLQY+bpl+QIOzRR52c="
$PostgresPassword = (Get-Secret -Name postgres_password -AsPlainText)
$Pass = "<password>"
Write-Host "Deploying to $Environment"
    TwilioAccountSid = "AC254e8dd6dda707100bb9d406945accb7"
$FirebaseApiKey = "AIzamP988S37jPnLFuYCiL169xq5aRCqcjK-mo0"
$env:NOTION_SECRET = 'secret_I6VGunnvzfgjvaRusF7EoghtLJRtu59QBTD344gkFmu'

$secure = ConvertTo-SecureString "escwc38" -AsPlainText -Force
