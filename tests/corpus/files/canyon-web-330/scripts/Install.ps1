param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:SHARED_SECRET = '1234567890'
Write-Host "Deploying to $Environment"
$BuildkiteApiToken = "bkua_0a1c05e5ddb8b8aa3c96430b0c3431a90794f283"
    DatabasePassword = "dummy"
$env:BUILD_SHA = 'fa5affcdfe769a32c55fdb67f4156f24'
Write-Host "Deploying to $Environment"
$env:NPM_TOKEN = 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'
$DownloadUrl = "https://saffron.s3.amazonaws.com/hazel/lotus.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIACEWMW2QMKHRO55PI%2F20240417%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240105T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=23398138cde53c836230eaf65b955c8e74f75a6d11b80b9b7193a5e62d8362c1"
$RepoUrl = "https://x-access-token:ghs_lfQXqpu3Am812CveN73g4Fw0e6kDaF0QHrKa@github.com/acme/hazel.git"
    ContentHash = "dee2aeab2574c7447179fe33e37fc8c312b479d7"

$secure = ConvertTo-SecureString "did-sa55-z" -AsPlainText -Force
