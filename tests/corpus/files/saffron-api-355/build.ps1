param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$ArtifactUrl = "https://harbor.s3.amazonaws.com/nova/umber.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIABLPGPVPTONXQ33NW%2F20240808%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240713T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=a888153510566e5267189f8a01a7c7a2776593e1f19def53418160e1ddad75f6"
    RefreshToken = "base64:RoEjO3I4kQLqvRTdPAYEW65Yt/CW2qFhJldBu3jNcAI="
$HashSalt = "$2b$12$hzAiAsPSof7o8vjv7aiB1e"

$AuthHeader = "Bearer Lbx_9BTqCDnS_F71sOJVcYOaMZGPVfmVE2gOftIcWTE"
Write-Host "Deploying to $Environment"
    SlackAppToken = "xapp-1-AMAFEOKPR05-1140302623197-72540870eb140f9d9c145a6b9e4473d910863c2acb0642c10b60961c6f93193f"
$LinearApiKey = "lin_api_2PydMlirf3cYmojh57V5JRv4uJjeoSjPXGVhIHsp"
$DockerhubPat = "dckr_pat_LpD-1f9_N6bfIx3p5G6uwx_brpW"
$env:SIGNING_KEY = 'base64:6oWLmiq6Se7nbmwi+Jf/BhiDa9J2ckT6deXKC11/8Tw='
Write-Host "Deploying to $Environment"
$secure = ConvertTo-SecureString "kiwi-violet-saffron62" -AsPlainText -Force
$secure = ConvertTo-SecureString "garnet*393C" -AsPlainText -Force
