param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$GithubToken = "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"
Write-Host "Deploying to $Environment"
$env:AWS_KEY = 'AKIAJJZR26Z73DVN7ICV'
Write-Host "Deploying to $Environment"
$env:CLIENT_SECRET = '55aguFd7kjE6bChVXBfb'
$EnvPassword = "pixel-copper-winter46"
$ServicePassword = "tic-djz0-i"
    ContentHash = "4b12d23a2d9f9e9a6f9e2cd1fcd70ef2eae73a73"
$secure = ConvertTo-SecureString "d-auqdwGsKic9l" -AsPlainText -Force
