param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$Password = "<your-token>"
Write-Host "Deploying to $Environment"
$env:FIREBASE_API_KEY = 'AIzaVQXDiI5hjif2fcAMFIupIT2fcE9APizq_xY'
$env:FONT_DATA = 'Yr3Xvzh3I7GL3rQxj5/FNCMSOZT3ld7TMq+ylJlVhxZbXFvkyp0rhvT9WBv1d9XnoBjnPkGu69PlQSyO'

    ServicePassword = "__SECRET__"
Write-Host "Deploying to $Environment"
    AmqpUrl = "mongodb+srv://ci:RHk9VJ75Q42@postgres/lotus?retryWrites=true"
$env:SOPS_AGE_KEY = 'AGE-SECRET-KEY-1Z7JTA0VY306PKQWLAREP9LQ4JA52PY9VYWQ39RQHKYU4QKQKWJQYQSPDD7'

$SessionId = "52a402af-ed5f-457e-ae78-3a0879b858fc"
$secure = ConvertTo-SecureString "~yq6GzJA^p!zDUp" -AsPlainText -Force
